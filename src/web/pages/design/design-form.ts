/**
 * The design forms' pure parts: the options of a dimension as typed (one a line: code, English
 * name, Spanish name), the API bodies built from the forms' fields, and the server's problems
 * placed beside the field they name (`name.en` → `name_en`, `options[2].code` → `options`).
 */
import type { ErrorDetail } from '../../api/client';
import type { DesignNode, Names } from './design-shape';

export type FormValues = Record<string, string | string[]>;

export const text = (values: FormValues, key: string): string => {
  const v = values[key];
  return typeof v === 'string' ? v.trim() : '';
};
const list = (values: FormValues, key: string): string[] => {
  const v = values[key];
  return Array.isArray(v) ? v : [];
};
const names = (values: FormValues, prefix = 'name'): Names => ({ en: text(values, `${prefix}_en`), es: text(values, `${prefix}_es`) });

/** Options typed one a line, `code, English name, Spanish name`; the Spanish name defaults to the English. */
export function optionsOfText(typed: string): Array<{ code: string; name: Names }> {
  return typed
    .split('\n')
    .map((line) => line.split(',').map((part) => part.trim()))
    .filter((parts) => parts.some(Boolean))
    .map(([code = '', en = '', es = '']) => ({ code, name: { en, es: es || en } }));
}

export const programBody = (v: FormValues) => ({
  code: text(v, 'code'),
  name: names(v),
  country: text(v, 'country').toUpperCase(),
  fiscal_year_start_month: Number(text(v, 'fiscal_year_start_month')),
  currency: text(v, 'currency').toUpperCase(),
});

/** A goal or component as framework.csv's row; `node` keeps what the form does not change. */
export const nodeBody = (v: FormValues, node?: DesignNode) => ({
  kind: node?.kind ?? text(v, 'kind'),
  ...((node?.kind ?? text(v, 'kind')) === 'component' ? { parent: node?.parent ?? text(v, 'parent') } : {}),
  name_en: text(v, 'name_en'),
  name_es: text(v, 'name_es'),
  description_en: node?.description_en ?? '',
  description_es: node?.description_es ?? '',
});

export const dimensionBody = (v: FormValues) => ({ name: names(v), options: optionsOfText(text(v, 'options')) });

export const indicatorBody = (v: FormValues) => {
  const formula = text(v, 'formula');
  return {
    component: text(v, 'component'),
    name: names(v),
    unit: text(v, 'unit'),
    direction: text(v, 'direction') || 'up',
    agg_time: text(v, 'agg_time') || 'sum',
    agg_place: 'sum',
    sensitivity: 'public',
    origin: formula ? 'formula' : 'reported',
    ...(formula ? { formula } : {}),
    dimensions: list(v, 'dimensions'),
  };
};

/** The server's problems by the form field they name; the rest apart, said under the form. */
export function problemsByField(details: readonly ErrorDetail[], fields: readonly string[]): { byField: Record<string, string[]>; other: ErrorDetail[] } {
  const byField: Record<string, string[]> = {};
  const other: ErrorDetail[] = [];
  for (const d of details) {
    const column = (d.column ?? '').replace(/^\[\d+\]\./, '');
    const key = [column.replace('.', '_'), column.replace(/[[.].*$/, '')].find((k) => fields.includes(k));
    if (key) (byField[key] ??= []).push(d.value ? `${d.value}: ${d.reason}` : d.reason);
    else other.push(d);
  }
  return { byField, other };
}

/** A stored indicator sent back as indicators.json's item: the design's read gives absent fields as null, which the write refuses. */
export function indicatorItemOf(indicator: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(indicator).filter(([k, v]) => v !== null && k !== 'code' && k !== 'retired'));
}

/**
 * Every goal and component code in display order once `code` moves one place among its
 * siblings (goals among goals, components among their goal's components); null when it cannot.
 */
export function movedOrder(framework: readonly DesignNode[], code: string, step: -1 | 1): string[] | null {
  const node = framework.find((n) => n.code === code);
  if (!node) return null;
  const siblings = framework.filter((n) => n.kind === node.kind && n.parent === node.parent);
  const other = siblings[siblings.indexOf(node) + step];
  if (!other) return null;
  return framework.map((n) => (n.code === code ? other.code : n.code === other.code ? code : n.code));
}
