/** What a grid cell may hold: checked as the user types, before anything is sent. */

export type CellProblem = 'notNumber' | 'comma' | 'negative' | 'decimals';

export type CellCheck = { ok: true; value: number | null } | { ok: false; problem: CellProblem };

export interface CellRules {
  /** Digits allowed after the decimal separator. */
  decimals: number;
  allowNegative: boolean;
}

/**
 * Reads what was typed in a cell: '' is no value (null). Decimals take a point, as Peru writes
 * them (28,951.5); a comma is refused rather than guessed, since "6,800" means 6800 to one
 * reader and 6.8 to another.
 */
export function checkCell(text: string, rules: CellRules): CellCheck {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return { ok: true, value: null };
  if (s.includes(',')) return { ok: false, problem: 'comma' };
  const normal = s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal)) return { ok: false, problem: 'notNumber' };
  const value = Number(normal);
  if (!Number.isFinite(value)) return { ok: false, problem: 'notNumber' };
  if (value < 0 && !rules.allowNegative) return { ok: false, problem: 'negative' };
  const fraction = normal.split('.')[1]?.replace(/0+$/, '') ?? '';
  if (fraction.length > rules.decimals) return { ok: false, problem: 'decimals' };
  return { ok: true, value };
}

/** The text a stored value shows in its cell (plain digits, so it can be edited and re-read). */
export function cellText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
