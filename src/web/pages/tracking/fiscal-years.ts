/**
 * The fiscal years a tracking table can be asked for, as the server names them (`2012Oct` is
 * US FY2013; `2012Jan` a calendar fiscal year), from the ids and dates of src/core/periods.ts.
 */
import { makePeriod } from '../../../core/periods';

/** Every fiscal year starting in `fiscalStartMonth` that overlaps the years `first`–`last`, most recent first. */
export function fiscalYearIds(first: number, last: number, fiscalStartMonth: number): string[] {
  const ids: string[] = [];
  const from = fiscalStartMonth === 1 ? first : first - 1;
  for (let y = last; y >= from; y--) ids.push(makePeriod('fiscal_year', y, fiscalStartMonth).id);
  return ids;
}
