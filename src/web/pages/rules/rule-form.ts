/**
 * The validation-rule form's state and its translation to and from the API's rule: text fields
 * as typed, numbers parsed here (a field that is not a number is named before sending), and the
 * server's refusal split by field so each problem is said beside its own input.
 */
import type { components } from '../../api/schema.gen';
import type { ErrorDetail } from '../../api/client';

export type RuleInput = components['schemas']['ValidationRuleInput'];

/** The kinds the form edits; outlier rules are listed and deleted, and come from program folders. */
export const FORM_KINDS = ['range', 'whole', 'relation'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface RuleForm {
  code: string;
  kind: FormKind;
  severity: 'error' | 'warning';
  indicator: string;
  min: string;
  max: string;
  /** '' for every level. */
  level: string;
  relation: string;
  name_en: string;
  name_es: string;
}

/** The fields a problem may be said beside; anything else goes under the form. */
export const FORM_FIELDS = ['code', 'severity', 'indicator', 'min', 'max', 'level', 'relation', 'name_en', 'name_es'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const emptyForm = (indicator = ''): RuleForm => ({
  code: '',
  kind: 'range',
  severity: 'error',
  indicator,
  min: '',
  max: '',
  level: '',
  relation: '',
  name_en: '',
  name_es: '',
});

/** A stored rule as the form shows it. */
export function formOf(rule: Record<string, unknown>): RuleForm {
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
  const names = (rule.name ?? {}) as { en?: string; es?: string };
  const kind = FORM_KINDS.find((k) => k === rule.kind) ?? 'range';
  return {
    code: text(rule.code),
    kind,
    severity: rule.severity === 'warning' ? 'warning' : 'error',
    indicator: text(rule.indicator),
    min: text(rule.min),
    max: text(rule.max),
    level: text(rule.level),
    relation: text(rule.relation),
    name_en: names.en ?? '',
    name_es: names.es ?? '',
  };
}

/** A number as typed (a comma as the decimal mark too); undefined when empty, NaN when not a number. */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return t === '' ? undefined : t.match(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i) ? Number(t) : Number.NaN;
}

/** The rule to send, or the fields that are not numbers (the server checks everything else). */
export function ruleOfForm(form: RuleForm): { rule: RuleInput } | { notNumbers: FormField[] } {
  const name = {
    ...(form.name_en.trim() ? { en: form.name_en.trim() } : {}),
    ...(form.name_es.trim() ? { es: form.name_es.trim() } : {}),
  };
  const common = { code: form.code.trim(), severity: form.severity, ...(Object.keys(name).length ? { name } : {}) };
  if (form.kind === 'whole') return { rule: { ...common, kind: 'whole', indicator: form.indicator } };
  if (form.kind === 'relation') return { rule: { ...common, kind: 'relation', relation: form.relation.trim() } };
  const min = parseNumber(form.min);
  const max = parseNumber(form.max);
  const notNumbers = (['min', 'max'] as const).filter((k) => Number.isNaN(k === 'min' ? min : max));
  if (notNumbers.length) return { notNumbers };
  return {
    rule: {
      ...common,
      kind: 'range',
      indicator: form.indicator,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(form.level ? { level: Number(form.level) } : {}),
    },
  };
}

/** The server's problems by the form field they name (`name.en` → `name_en`); the rest apart. */
export function problemsByField(details: readonly ErrorDetail[]): { byField: Partial<Record<FormField, string[]>>; other: ErrorDetail[] } {
  const byField: Partial<Record<FormField, string[]>> = {};
  const other: ErrorDetail[] = [];
  for (const d of details) {
    const field = FORM_FIELDS.find((f) => f === (d.column ?? '').replace('.', '_'));
    if (field) (byField[field] ??= []).push(d.reason);
    else other.push(d);
  }
  return { byField, other };
}
