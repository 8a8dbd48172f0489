/**
 * The one range every number entering Vigia must fall in, and the one parser of numbers written
 * as text. JSON turns `1e309` into Infinity, `Number()` turns 400 digits into Infinity and
 * `0x10` into 16, SQLite stores Infinity as `Inf` and NaN as NULL: a number that is not checked
 * here ends as a total nobody can read or a row nobody can delete. Every write path (values,
 * targets, record fields, imports, folder loads) goes through `checkNumber`, and the fact
 * maintenance checks the sums it keeps against `MAX_TOTAL`.
 *
 * Why 1e12: no figure the program tracks comes near it (a country's yearly budget in its own
 * currency is below 1e12; hectares, kilograms and people are far below), yet a million values of
 * 1e12 sum to 1e18, finite and within a double's 16 significant digits of the exact total
 * (a relative error below 1e-12 however the sum is ordered). Every multiple k·1e12 with
 * k ≤ 1e6 is even exact in a double (1e12 = 2^12·5^12 and k·5^12 < 2^53), so summing the
 * largest value a million times gives exactly 1e18.
 */

/** The largest magnitude of one number: a value, a target, a record field (also after unit conversion). */
export const MAX_MAGNITUDE = 1e12;

/** The largest magnitude of a stored sum (a fact row): a million numbers of MAX_MAGNITUDE. */
export const MAX_TOTAL = 1e18;

/** A number, or why it is refused (in words that name no field: the caller names it). */
export type NumberCheck = { ok: number } | { reason: string };

/** Plain decimal notation: no hex, binary, `Infinity`, `NaN`, thousands separators or blanks inside. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Why text or a value that is no number at all is refused; callers may add a hint on notation. */
export const NOT_A_NUMBER = 'not a number';

const RANGE_REASON = `out of range: a number must lie between -${MAX_MAGNITUDE.toExponential()} and ${MAX_MAGNITUDE.toExponential()} (fuera de rango)`;

/** `n` when it is finite and within ±MAX_MAGNITUDE (-0 read as 0), else why not. */
export function checkMagnitude(n: number): NumberCheck {
  if (Number.isNaN(n)) return { reason: NOT_A_NUMBER };
  if (!Number.isFinite(n) || Math.abs(n) > MAX_MAGNITUDE) return { reason: RANGE_REASON };
  return { ok: n === 0 ? 0 : n };
}

/**
 * Reads a number given as a JS number or as decimal text (`12.5`, `-3`, `1e6`; surrounding
 * blanks ignored) and checks its range. Anything else (booleans, `0x10`, `Infinity`, `1,5`,
 * an empty cell) is refused.
 */
export function checkNumber(raw: unknown): NumberCheck {
  if (typeof raw === 'number') return checkMagnitude(raw);
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (!DECIMAL.test(text)) return { reason: NOT_A_NUMBER };
    return checkMagnitude(Number(text));
  }
  return { reason: NOT_A_NUMBER };
}

/** True when a stored sum (a fact row's value) is finite and within ±MAX_TOTAL. */
export function isStorableTotal(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n) <= MAX_TOTAL;
}
