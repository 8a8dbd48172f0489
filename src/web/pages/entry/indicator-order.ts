/** A partner's entry list starts with what its organisation reports: those indicators first (most recently reported first), then the rest. */

/** `indicators` split into those in `reportedCodes` (in that order) and the others (in their own order). */
export function ownFirst<T extends { code: string }>(indicators: readonly T[], reportedCodes: readonly string[]): { own: T[]; others: T[] } {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const own = reportedCodes.flatMap((c) => {
    const i = byCode.get(c);
    return i ? [i] : [];
  });
  const taken = new Set(own.map((i) => i.code));
  return { own, others: indicators.filter((i) => !taken.has(i.code)) };
}
