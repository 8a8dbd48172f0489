/**
 * A preview, while typing, of the program's range and whole-number rules on one cell: the
 * server checks every rule when the value is written (and scores outliers and relations, which
 * need other values); this only says early what the write will meet, in the same words.
 */
import type { Breach } from '../../components/value-flags';

/** A rule as GET .../validation-rules gives it (the fields of its kind). */
export type RuleRecord = Record<string, unknown>;

export interface TypedBreach extends Breach {
  severity: 'error' | 'warning';
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The range and whole-number rules of `indicator` at place `level` that `value` breaks. */
export function typedBreaches(rules: readonly RuleRecord[], indicator: string, level: number, value: number): TypedBreach[] {
  const out: TypedBreach[] = [];
  for (const r of rules) {
    if (r.indicator !== indicator || (r.kind !== 'range' && r.kind !== 'whole')) continue;
    const base = { rule: String(r.code), kind: String(r.kind), value, severity: r.severity === 'warning' ? ('warning' as const) : ('error' as const) };
    if (r.kind === 'whole') {
      if (!Number.isInteger(value)) out.push({ ...base, expected: Math.round(value) });
      continue;
    }
    if (num(r.level) !== undefined && r.level !== level) continue;
    const min = num(r.min);
    const max = num(r.max);
    if (min !== undefined && value < min) out.push({ ...base, expected: min });
    else if (max !== undefined && value > max) out.push({ ...base, expected: max });
  }
  return out;
}
