/**
 * Validation rules of a program (issue 16): what a value must respect when it is written. Four
 * kinds, each of one severity — `error` (the write is refused) or `warning` (stored and flagged):
 * - `range`: a minimum and/or maximum of an indicator's values, optionally only at one place level;
 * - `whole`: an indicator's values are whole numbers (counts);
 * - `relation`: a comparison between aggregates of the same place and period, written in the
 *   formula language (src/core/formula.ts) with `[dim=option]` selectors: `A <= B[USG]`,
 *   `A[sex=f] <= A`, `A[sex=f] + A[sex=m] == A`;
 * - `outlier`: scores new values against their series' history (src/core/outlier.ts); always a warning.
 * The definitions come from a program folder's `validation-rules.json` or the API; the checks
 * here are pure: the write path looks the values up and stores what they find.
 */
import { z } from '@hono/zod-openapi';
import { validationError, type IssueDetail } from './errors.js';
import { evaluateFormula, formatFormula, formatRef, formulaRefs, parseFormula, type FormulaAst, type FormulaRef } from './formula.js';
import { DEFAULT_OUTLIER } from './outlier.js';

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const COMPARISONS = ['<=', '>=', '==', '<', '>'] as const;
export type Comparison = (typeof COMPARISONS)[number];

const code = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a code: a letter, then letters, digits, _ . - (at most 64)')
  .openapi({ example: 'ERAD_NOT_NEGATIVE' });
const severity = z.enum(SEVERITIES).default('error');
const names = z.strictObject({ en: z.string().max(300).optional(), es: z.string().max(300).optional() }).optional();

const rangeRule = z
  .strictObject({
    code,
    kind: z.literal('range'),
    severity,
    name: names,
    indicator: code,
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** Only places at this level (1 = country, 2 = department, …). */
    level: z.number().int().min(1).max(6).optional(),
  })
  .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'give min, max or both', path: ['min'] })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min is above max', path: ['max'] });
const wholeRule = z.strictObject({ code, kind: z.literal('whole'), severity, name: names, indicator: code });
const relationRule = z.strictObject({
  code,
  kind: z.literal('relation'),
  severity,
  name: names,
  relation: z.string().min(1).max(1000).openapi({ example: 'ERAD_OPS_HA <= COCA_HA[USG]' }),
});
const outlierRule = z.strictObject({
  code,
  kind: z.literal('outlier'),
  severity: z.literal('warning').default('warning'),
  name: names,
  indicator: code,
  threshold: z.number().finite().positive().default(DEFAULT_OUTLIER.threshold),
  min_history: z.number().int().min(3).max(1000).default(DEFAULT_OUTLIER.minHistory),
});

/** One rule as a folder or the API gives it (before its indicators are checked). */
export const qualityRuleSchema = z.union([rangeRule, wholeRule, relationRule, outlierRule]).openapi('ValidationRuleInput');
export type QualityRule = z.output<typeof qualityRuleSchema>;
export type QualityRuleInput = z.input<typeof qualityRuleSchema>;

/** A parsed relation: `left op right`. */
export interface Relation {
  left: FormulaAst;
  op: Comparison;
  right: FormulaAst;
}

/** Finds the one comparison operator outside `[...]` selectors. */
function splitRelation(text: string): { left: string; op: Comparison; right: string } {
  const found: Array<{ at: number; op: Comparison }> = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '<' || c === '>' || c === '=')) {
      const two = text.slice(i, i + 2);
      const op = (COMPARISONS as readonly string[]).includes(two) ? (two as Comparison) : c === '=' ? null : (c as Comparison);
      if (!op) throw relationError(text, `at position ${i + 1}: write "==" to compare for equality`);
      found.push({ at: i, op });
      i += op.length - 1;
    }
  }
  if (found.length !== 1) throw relationError(text, found.length ? 'compare only once (one of <= >= == < >)' : 'no comparison (one of <= >= == < >)');
  const [{ at, op }] = found as [{ at: number; op: Comparison }];
  return { left: text.slice(0, at), op, right: text.slice(at + op.length) };
}

const relationError = (text: string, reason: string) => validationError(`relation "${text}": ${reason}`, [{ column: 'relation', value: text, reason }]);

/**
 * Parses a relation; throws a validation error naming the column `relation` when it is
 * malformed or circular (the same aggregate on both sides compares a value with itself).
 */
export function parseRelation(text: string): Relation {
  const parts = splitRelation(text);
  const side = (s: string) => {
    try {
      return parseFormula(s.trim(), { disagg: true });
    } catch (e) {
      throw relationError(text, e instanceof Error ? e.message : String(e));
    }
  };
  const left = side(parts.left);
  const right = side(parts.right);
  const leftKeys = new Set(formulaRefs(left).map(formatRef));
  const both = formulaRefs(right)
    .map(formatRef)
    .filter((k) => leftKeys.has(k));
  if (both.length) throw relationError(text, `circular: ${both.join(', ')} is on both sides`);
  if (leftKeys.size + formulaRefs(right).length === 0) throw relationError(text, 'compares no indicator');
  return { left, op: parts.op, right };
}

export const formatRelation = (r: Relation): string => `${formatFormula(r.left)} ${r.op} ${formatFormula(r.right)}`;

/** The references of a relation, both sides. */
export const relationRefs = (r: Relation): FormulaRef[] => [...formulaRefs(r.left), ...formulaRefs(r.right)];

/** What the rule checks need to know of an indicator. */
export interface RuleIndicator {
  origin: string;
  sources: readonly string[];
  dimensions: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The indicators a rule names (none for a relation: see relationRefs). */
export const ruleIndicator = (rule: QualityRule): string | undefined => ('indicator' in rule ? rule.indicator : undefined);

/**
 * Checks a rule against the program's indicators: each one named exists and holds values (not a
 * formula), each source and disaggregation picked is one of its own. Returns the problems, each
 * naming the field.
 */
export function ruleProblems(rule: QualityRule, indicators: ReadonlyMap<string, RuleIndicator>): IssueDetail[] {
  const issues: IssueDetail[] = [];
  const check = (column: string, ref: FormulaRef) => {
    const ind = indicators.get(ref.indicator);
    if (!ind) return issues.push({ column, value: ref.indicator, reason: `unknown indicator ${ref.indicator}` });
    if (ind.origin === 'formula')
      return issues.push({ column, value: ref.indicator, reason: `${ref.indicator} is a formula indicator: its values are not written` });
    if (ref.source !== undefined && !ind.sources.includes(ref.source))
      issues.push({ column, value: ref.source, reason: `${ref.source} is not a source of ${ref.indicator}` });
    if (ref.source === undefined && ind.sources.length > 1 && column === 'relation')
      issues.push({
        column,
        value: ref.indicator,
        reason: `${ref.indicator} has several sources (${ind.sources.join(', ')}): pick one, ${ref.indicator}[SRC]`,
      });
    for (const [dim, opt] of Object.entries(ref.disagg ?? {})) {
      const options = ind.dimensions.get(dim);
      if (!options) issues.push({ column, value: dim, reason: `${ref.indicator} is not disaggregated by ${dim}` });
      else if (!options.has(opt)) issues.push({ column, value: opt, reason: `${opt} is not an option of ${dim}` });
    }
    return undefined;
  };
  const indicator = ruleIndicator(rule);
  if (indicator !== undefined) check('indicator', { indicator });
  if (rule.kind === 'relation') {
    try {
      for (const ref of relationRefs(parseRelation(rule.relation))) check('relation', ref);
    } catch (e) {
      issues.push(...((e as { details?: IssueDetail[] }).details ?? [{ column: 'relation', value: rule.relation, reason: String(e) }]));
    }
  }
  return issues;
}

import type { Breach } from './value-breach.js';
export { valueBreach, type Breach } from './value-breach.js';

const EPSILON = 1e-9;
function holds(a: number, op: Comparison, b: number): boolean {
  const tol = EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
  switch (op) {
    case '<=':
      return a <= b + tol;
    case '>=':
      return a >= b - tol;
    case '<':
      return a < b - tol;
    case '>':
      return a > b + tol;
    case '==':
      return Math.abs(a - b) <= tol;
  }
}

/**
 * A relation rule at one place and period, over looked-up aggregates (null: not reported). A side
 * with a value missing is not compared: a relation checks what is there, not what is absent.
 */
export function relationBreach(
  rule: Extract<QualityRule, { kind: 'relation' }>,
  relation: Relation,
  lookup: (ref: FormulaRef) => number | null,
): Breach | null {
  const left = evaluateFormula(relation.left, lookup);
  const right = evaluateFormula(relation.right, lookup);
  if (left === null || right === null || holds(left, relation.op, right)) return null;
  return {
    rule: rule.code,
    severity: rule.severity,
    kind: rule.kind,
    value: left,
    limit: right,
    // The figures stay out of the message: `value` and `limit` carry them, for those who may read them.
    message: `${rule.code}: ${formatRelation(relation)} does not hold (la relación no se cumple)`,
  };
}
