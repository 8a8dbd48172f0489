/**
 * A preview, while typing, of the program's range and whole-number rules on one cell: the
 * server checks every rule when the value is written (and scores outliers and relations, which
 * need other values); this only says early what the write will meet, in the same words.
 */
import type { Breach } from '../../components/value-flags';
import { valueBreach, type ValueRule } from '../../../core/value-breach';

/** A rule as GET .../validation-rules gives it (the fields of its kind). */
export type RuleRecord = Record<string, unknown>;

export interface TypedBreach extends Breach {
  severity: 'error' | 'warning';
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isKind = (k: unknown): k is 'range' | 'whole' => k === 'range' || k === 'whole';

/** The range and whole-number rules of `indicator` at place `level` that `value` breaks (the server's own check, core/value-breach.ts). */
export function typedBreaches(rules: readonly RuleRecord[], indicator: string, level: number, value: number): TypedBreach[] {
  const out: TypedBreach[] = [];
  for (const r of rules) {
    if (r.indicator !== indicator || !isKind(r.kind)) continue;
    const rule: ValueRule = {
      code: String(r.code),
      indicator,
      kind: r.kind,
      severity: r.severity === 'warning' ? 'warning' : 'error',
      min: num(r.min),
      max: num(r.max),
      level: num(r.level),
    };
    const b = valueBreach(rule, value, level);
    if (b && typeof b.limit === 'number') out.push({ rule: b.rule, kind: b.kind, value, expected: b.limit, severity: b.severity });
  }
  return out;
}
