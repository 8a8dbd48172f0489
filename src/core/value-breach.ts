/**
 * A range or whole-number rule applied to one value: the check the write path makes
 * (src/core/quality-rules.ts) and the web app's preview while typing make alike. Kept apart from
 * the rules' schema so that the browser bundle takes this without zod.
 */

export type BreachSeverity = 'error' | 'warning';
export type RuleKind = 'range' | 'whole' | 'relation' | 'outlier';

/** What a range or whole-number check needs of a rule (any rule passes: the others are kept). */
export interface ValueRule {
  code: string;
  indicator?: string | undefined;
  severity: BreachSeverity;
  kind: RuleKind;
  min?: number | undefined;
  max?: number | undefined;
  level?: number | undefined;
}

/** One broken rule, as the write path reports and flags it. */
export interface Breach {
  rule: string;
  severity: BreachSeverity;
  kind: RuleKind;
  value: number;
  limit: number | { low: number; high: number };
  message: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

/** A range or whole-number rule applied to one value at a place of `level`; null when kept. */
export function valueBreach(rule: ValueRule, value: number, level: number): Breach | null {
  if (rule.kind === 'whole') {
    if (Number.isInteger(value)) return null;
    return {
      rule: rule.code,
      severity: rule.severity,
      kind: rule.kind,
      value,
      limit: Math.round(value),
      message: `${rule.code}: ${rule.indicator ?? ''} must be a whole number, not ${fmt(value)} (debe ser un número entero)`,
    };
  }
  if (rule.kind !== 'range' || (rule.level !== undefined && rule.level !== level)) return null;
  const base = { rule: rule.code, severity: rule.severity, kind: rule.kind, value };
  if (rule.min !== undefined && value < rule.min)
    return {
      ...base,
      limit: rule.min,
      message: `${rule.code}: ${rule.indicator ?? ''} = ${fmt(value)} is below the minimum ${fmt(rule.min)} (por debajo del mínimo)`,
    };
  if (rule.max !== undefined && value > rule.max)
    return {
      ...base,
      limit: rule.max,
      message: `${rule.code}: ${rule.indicator ?? ''} = ${fmt(value)} is above the maximum ${fmt(rule.max)} (por encima del máximo)`,
    };
  return null;
}
