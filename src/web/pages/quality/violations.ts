/**
 * The open warnings the data quality page lists: those of values within the chosen period (a
 * fiscal year, which the API's exact `period` filter cannot express) and indicator, and where
 * each value can be seen — its cell in the data-entry grid.
 */
import { periodWithin, tryParsePeriod } from '../../../core/periods';
import { periodType } from '../entry/periods';

export interface ListedFlag {
  indicator: string;
  place: string;
  period: string;
  disagg: string;
  source: string;
}

/** The flags of values lying within `period` (all of them when none is chosen) and of `indicator` (any when ''). */
export function flagsWithin<T extends ListedFlag>(flags: readonly T[], period: string, indicator: string): T[] {
  const outer = period ? tryParsePeriod(period) : null;
  return flags.filter((f) => {
    if (indicator && f.indicator !== indicator) return false;
    if (!outer) return true;
    const inner = tryParsePeriod(f.period);
    return inner !== null && periodWithin(inner, outer);
  });
}

/** The data-entry grid showing the value: its indicator, breakdown, source, place level and year. */
export function entryLink(f: ListedFlag, level: number | undefined): string {
  const type = periodType(f.period);
  const q = new URLSearchParams({ indicator: f.indicator });
  if (type) {
    q.set('type', type);
    q.set('from', f.period.slice(0, 4));
    q.set('to', f.period.slice(0, 4));
  }
  if (level !== undefined) q.set('level', String(level));
  if (f.disagg) q.set('disagg', f.disagg);
  if (f.source) q.set('source', f.source);
  return `/entry?${q.toString()}`;
}
