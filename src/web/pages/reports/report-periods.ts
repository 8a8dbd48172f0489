/**
 * The periods a report can be made for, as the server names them: calendar years (`2012`),
 * fiscal years named by the month they start in (`2012Oct` = FY2013) and quarters (`2012Q3`).
 * Ids and dates come from src/core/periods.ts, as on the server.
 */
import { fiscalYearName, makePeriod, type Period } from '../../../core/periods';

export type PeriodKind = 'year' | 'fiscal_year' | 'quarter';

export interface PeriodOption {
  id: string;
  kind: PeriodKind;
  /** The calendar year it starts in. */
  year: number;
  /** Quarter 1–4, for a quarter. */
  quarter?: number;
  /** For a fiscal year: the year it ends in (FY2013 for 2012Oct). */
  fiscalYear?: number;
  /** First and last month (ISO yyyy-mm), for a label such as "Oct 2012 – Sep 2013". */
  start: string;
  end: string;
}

/** The option of a period: its id, and its first and last months. */
function option(p: Period, kind: PeriodKind, year: number): PeriodOption {
  return { id: p.id, kind, year, start: p.start.slice(0, 7), end: p.end.slice(0, 7) };
}

/** Every period of each kind from `first` to `last` (years), most recent first. */
export function periodOptions(first: number, last: number, fiscalStartMonth: number): PeriodOption[] {
  const out: PeriodOption[] = [];
  for (let y = last; y >= first; y--) out.push(option(makePeriod('year', y), 'year', y));
  // A fiscal year that starts in January is the calendar year: nothing more to offer.
  if (fiscalStartMonth !== 1) {
    for (let y = last; y >= first - 1; y--) {
      const p = makePeriod('fiscal_year', y, fiscalStartMonth);
      out.push({ ...option(p, 'fiscal_year', y), fiscalYear: fiscalYearName(p) });
    }
  }
  for (let y = last; y >= first; y--) {
    for (let q = 4; q >= 1; q--) out.push({ ...option(makePeriod('quarter', y, q), 'quarter', y), quarter: q });
  }
  return out;
}

/** The kind of a period id, or null when it is none the page offers. */
export function kindOf(id: string): PeriodKind | null {
  if (/^\d{4}$/.test(id)) return 'year';
  if (/^\d{4}Q[1-4]$/.test(id)) return 'quarter';
  if (/^\d{4}[A-Za-z]+$/.test(id)) return 'fiscal_year';
  return null;
}

/** The period of `kind` that best matches `from` (same year), for when the kind changes. */
export function switchKind(options: PeriodOption[], from: PeriodOption | undefined, kind: PeriodKind): PeriodOption | undefined {
  const ofKind = options.filter((o) => o.kind === kind);
  if (!from) return ofKind[0];
  if (kind === 'fiscal_year') return ofKind.find((o) => o.fiscalYear === from.year) ?? ofKind[0];
  // From a fiscal year: its first quarter, or the calendar year it ends in (FY2013 → 2013).
  if (from.kind === 'fiscal_year' && kind === 'quarter') return ofKind.find((o) => o.start === from.start) ?? ofKind[0];
  if (from.kind === 'fiscal_year') return ofKind.find((o) => o.year === from.fiscalYear) ?? ofKind[0];
  return ofKind.find((o) => o.year === from.year) ?? ofKind[0];
}
