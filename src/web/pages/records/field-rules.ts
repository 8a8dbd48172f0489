/**
 * The record form's model, generated from a record type: what each control holds, the checks
 * that mirror the server's (so mistakes show while typing), and the conversion between a stored
 * record and the form. The server validates again; its row-level errors land on the same keys.
 */
import type { components } from '../../api/schema.gen';

export type RecordType = components['schemas']['RecordType'];
export type FieldDef = components['schemas']['RecordField'];
export type LeafDef = NonNullable<FieldDef['fields']>[number];

/** A quantity as typed: the amount and the unit chosen (currencies take the record's currency). */
export interface QuantityInput {
  amount: string;
  unit: string;
}
export type ScalarInput = string | QuantityInput;
export type ItemInput = Record<string, ScalarInput>;
export type FormValue = ScalarInput | ItemInput[];
/** Form values by field code; booleans are 'true' / 'false' / ''. */
export type FormState = Record<string, FormValue>;

/** Units accepted per dimension, canonical first, with the factor to the canonical unit. */
export const UNITS: Record<'mass' | 'area' | 'volume', Record<string, number>> = {
  mass: { kg: 1, g: 0.001, t: 1000, lb: 0.45359237 },
  area: { ha: 1, m2: 0.0001, km2: 100 },
  volume: { l: 1, ml: 0.001, m3: 1000, gal: 3.785411784 },
};

/** A problem with one value: a label key of the records namespace and its parameters. */
export interface Problem {
  key: 'required' | 'tooLong' | 'integer' | 'number' | 'min' | 'max' | 'negative' | 'date' | 'dateMin' | 'dateMax' | 'notBefore' | 'period' | 'choice';
  params?: Record<string, string | number>;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 2012, 2012Q3, 201207, 2012Oct (and the other fiscal-year starts), 2012W05, 20120715. */
const PERIOD = /^\d{4}(Q[1-4]|0[1-9]|1[0-2]|W\d{2}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d{4})?$/;

export function isQuantityInput(v: FormValue | undefined): v is QuantityInput {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when nothing was entered. */
export function isBlank(v: FormValue | undefined): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return v.amount.trim() === '';
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function inRange(f: LeafDef, n: number): Problem | null {
  if (typeof f.min === 'number' && n < f.min) return { key: 'min', params: { min: f.min } };
  if (typeof f.max === 'number' && n > f.max) return { key: 'max', params: { max: f.max } };
  return null;
}

/** Today as YYYY-MM-DD (local date: what the user means by today). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The first problem with one value of field `f` (null when it is fine), as the server would judge it. */
export function checkValue(f: LeafDef, v: FormValue | undefined, siblings: Record<string, FormValue>, now = today()): Problem | null {
  if (isBlank(v)) return f.required ? { key: 'required' } : null;
  if (f.type === 'list') return null; // items are checked one by one
  if (f.type === 'quantity') {
    const q = isQuantityInput(v) ? v : { amount: String(v), unit: '' };
    const amount = q.amount.trim();
    if (!NUMBER.test(amount)) return { key: 'number' };
    const n = Number(amount);
    const factor = f.unit && f.unit !== 'currency' ? (UNITS[f.unit][q.unit] ?? 1) : 1;
    const canonical = n * factor;
    if (canonical < 0 && (f.min === undefined || (typeof f.min === 'number' && f.min >= 0))) return { key: 'negative' };
    return inRange(f, canonical);
  }
  const s = typeof v === 'string' ? v.trim() : '';
  switch (f.type) {
    case 'text': {
      const max = f.max_length ?? 2000;
      return s.length > max ? { key: 'tooLong', params: { max } } : null;
    }
    case 'integer':
      return INTEGER.test(s) ? inRange(f, Number(s)) : { key: 'integer' };
    case 'number':
      return NUMBER.test(s) ? inRange(f, Number(s)) : { key: 'number' };
    case 'date': {
      if (!validDate(s)) return { key: 'date' };
      const bound = (b: unknown) => (b === 'today' ? now : typeof b === 'string' ? b : undefined);
      const min = bound(f.min);
      const max = bound(f.max);
      if (min && s < min) return { key: 'dateMin', params: { min } };
      if (max && s > max) return { key: 'dateMax', params: { max } };
      const other = f.not_before ? siblings[f.not_before] : undefined;
      if (typeof other === 'string' && validDate(other) && s < other) return { key: 'notBefore', params: { field: f.not_before ?? '' } };
      return null;
    }
    case 'period':
      return PERIOD.test(s) ? null : { key: 'period' };
    case 'choice':
      return (f.choices ?? []).some((c) => c.code === s) ? null : { key: 'choice' };
    default:
      return null;
  }
}

/** Every problem of the form, keyed like the server's `column` (`quantity`, `participants[2].sex`). */
export function checkForm(fields: readonly FieldDef[], state: FormState, now = today()): Map<string, Problem> {
  const out = new Map<string, Problem>();
  for (const f of fields) {
    const v = state[f.code];
    const p = checkValue(f, v, state, now);
    if (p) out.set(f.code, p);
    if (f.type === 'list' && Array.isArray(v)) {
      v.forEach((item, i) => {
        for (const sub of f.fields ?? []) {
          const q = checkValue(sub, item[sub.code], item, now);
          if (q) out.set(`${f.code}[${i}].${sub.code}`, q);
        }
      });
    }
  }
  return out;
}

function scalarToInput(f: LeafDef, v: unknown): ScalarInput {
  if (v === undefined || v === null) return f.type === 'quantity' ? { amount: '', unit: defaultUnit(f) } : '';
  if (f.type === 'quantity') {
    if (typeof v === 'object') {
      const q = v as { amount?: unknown; value?: unknown; unit?: unknown };
      const amount = q.amount ?? q.value;
      return { amount: typeof amount === 'number' ? String(amount) : '', unit: typeof q.unit === 'string' ? q.unit : defaultUnit(f) };
    }
    return { amount: String(v), unit: defaultUnit(f) };
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** The unit a new quantity starts in: the canonical one (currencies: the record's own). */
export function defaultUnit(f: LeafDef): string {
  return f.unit && f.unit !== 'currency' ? (Object.keys(UNITS[f.unit])[0] ?? '') : '';
}

/** An empty item of a list field. */
export function emptyItem(f: FieldDef): ItemInput {
  return Object.fromEntries((f.fields ?? []).map((s) => [s.code, scalarToInput(s, undefined)]));
}

/** The form's starting values: a stored record's data, or blanks (with `preset` filled in). */
export function toFormState(fields: readonly FieldDef[], data: Record<string, unknown> = {}): FormState {
  const state: FormState = {};
  for (const f of fields) {
    const v = data[f.code];
    if (f.type === 'list') {
      state[f.code] = Array.isArray(v)
        ? v.map((item: unknown) => {
            const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
            return Object.fromEntries((f.fields ?? []).map((s) => [s.code, scalarToInput(s, o[s.code])]));
          })
        : [];
    } else {
      state[f.code] = scalarToInput(f, v);
    }
  }
  return state;
}

function scalarToJson(f: LeafDef, v: ScalarInput): unknown {
  if (typeof v !== 'string') {
    const amount = Number(v.amount.trim());
    return f.unit === 'currency' || !v.unit ? { amount } : { amount, unit: v.unit };
  }
  const s = v.trim();
  if (f.type === 'integer' || f.type === 'number') return NUMBER.test(s) ? Number(s) : s;
  if (f.type === 'boolean') return s === 'true';
  return s;
}

/**
 * The `data` to send. Only the fields of the form go out (fields above the user's clearance
 * are not in it, so the server keeps their stored values); when editing, a field emptied is
 * sent as null, which clears it.
 */
export function toPayload(fields: readonly FieldDef[], state: FormState, editing: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const v = state[f.code];
    if (f.type === 'list') {
      const items = Array.isArray(v) ? v : [];
      if (items.length || editing) {
        data[f.code] = items.map((item) =>
          Object.fromEntries(
            (f.fields ?? []).flatMap((s) => {
              const x = item[s.code];
              return x === undefined || isBlank(x) ? [] : [[s.code, scalarToJson(s, x)]];
            }),
          ),
        );
      }
      continue;
    }
    if (v === undefined || Array.isArray(v) || isBlank(v)) {
      if (editing) data[f.code] = null;
      continue;
    }
    data[f.code] = scalarToJson(f, v);
  }
  return data;
}
