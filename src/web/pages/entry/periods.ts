/** The period columns of the entry grid: years, quarters or months between two years. */

export type PeriodType = 'year' | 'quarter' | 'month';
export const PERIOD_TYPES: readonly PeriodType[] = ['year', 'quarter', 'month'];

/** The most columns the grid shows at once (beyond that, narrow the range). */
export const MAX_COLUMNS = 48;

/** The type of a period id, or undefined for other kinds (fiscal years, days, weeks). */
export function periodType(id: string): PeriodType | undefined {
  if (/^\d{4}$/.test(id)) return 'year';
  if (/^\d{4}Q[1-4]$/.test(id)) return 'quarter';
  if (/^\d{4}(0[1-9]|1[0-2])$/.test(id)) return 'month';
  return undefined;
}

/** Every period of `type` from the start of year `from` to the end of year `to`, in order. */
export function periodsBetween(type: PeriodType, from: number, to: number): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++) {
    if (type === 'year') out.push(String(y));
    else if (type === 'quarter') for (let q = 1; q <= 4; q++) out.push(`${y}Q${q}`);
    else for (let m = 1; m <= 12; m++) out.push(`${y}${String(m).padStart(2, '0')}`);
  }
  return out;
}

export interface PeriodChoice {
  type: PeriodType;
  from: number;
  to: number;
}

/**
 * The default columns for an indicator: the period type its values mostly use (quarters when it
 * has none) over the last two years — ending with the latest year that has data, or this year.
 */
export function defaultPeriods(periods: readonly string[], thisYear: number): PeriodChoice {
  const counts = new Map<PeriodType, number>();
  let latest = 0;
  for (const p of periods) {
    const type = periodType(p);
    if (!type) continue;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    latest = Math.max(latest, Number(p.slice(0, 4)));
  }
  let type: PeriodType = 'quarter';
  let best = 0;
  for (const t of PERIOD_TYPES) {
    const n = counts.get(t) ?? 0;
    if (n > best) [type, best] = [t, n];
  }
  const to = latest || thisYear;
  return { type, from: to - 1, to };
}
