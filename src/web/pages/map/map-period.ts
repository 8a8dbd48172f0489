/**
 * Which period the map shows when none is chosen: the latest COMPLETE one (issue 14), so that a
 * year one department of eight has reported is not drawn as the country's year unasked.
 */
import type { AnalyticsRow } from '../../api/types';

export type Coverage = AnalyticsRow['coverage'];

/**
 * The latest of `periods` that is complete (a period without coverage counts as complete), else
 * the latest; `asked` wins when it is one of `periods`.
 */
export function defaultPeriod(periods: readonly string[], coverage: ReadonlyMap<string, Coverage>, asked: string): string {
  if (periods.includes(asked)) return asked;
  const complete = periods.filter((p) => coverage.get(p)?.complete ?? true);
  return complete.at(-1) ?? periods.at(-1) ?? '';
}

/** The latest partial period after `shown`, which the default left out ('' when none). */
export function partialAfter(periods: readonly string[], coverage: ReadonlyMap<string, Coverage>, shown: string): string {
  return periods.filter((p) => p > shown && coverage.get(p)?.complete === false).at(-1) ?? '';
}
