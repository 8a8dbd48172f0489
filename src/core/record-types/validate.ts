/**
 * Checks one record against its type and returns it normalised: numbers as numbers, booleans as
 * booleans, quantities converted to their canonical unit (with the amount as entered kept),
 * lists as arrays of items. Input may come from JSON (typed values) or CSV (text cells); both
 * normalise to the same data, and normalised data validates to itself.
 */
import type { IssueDetail } from '../errors.js';
import { daysInMonth, periodWriteProblem, tryParsePeriod } from '../periods.js';
import { checkMagnitude, checkNumber } from '../finite-number.js';
import type { FieldDefinition, LeafFieldDefinition, RecordTypeDefinition } from './definition.schema.js';
import { allowedUnits, canonicalUnit, normaliseUnit, toCanonical } from './units.js';

/** A quantity as stored: `value` in the canonical unit (kg, ha, l; a currency amount as is), and what was entered. */
export interface Quantity {
  value: number;
  amount: number;
  unit: string;
}
export type ScalarValue = string | number | boolean | Quantity;
export type RecordItem = Record<string, ScalarValue>;
export type FieldValue = ScalarValue | RecordItem[];
/** A record's fields, normalised; a field not given is absent. */
export type RecordData = Record<string, FieldValue>;

/** What validation needs to know about the program. */
export interface RecordContext {
  hasPlace(code: string): boolean;
  hasOrganisation(code: string): boolean;
  /** A zone of the program (a `zone` field names one by its code). */
  hasZone(code: string): boolean;
  /** Today's ISO date, for bounds written `today`. */
  today: string;
}

type Field = FieldDefinition | LeafFieldDefinition;
type Check<T> = { ok: T } | { reason: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUANTITY_TEXT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S.*)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1', 'si', 'sí', 's']);
const FALSE = new Set(['false', 'no', 'n', '0']);
const DEFAULT_MIN_DATE = '1900-01-01';
const DEFAULT_MAX_DATE = '2100-12-31';

/** True for a JSON value that means "not given". */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A number given as a number or as text matching `pattern`, in Vigia's range; or why not. */
function toNumber(raw: unknown, pattern: RegExp): number | { reason: string } | null {
  if (typeof raw === 'string' && !pattern.test(raw.trim())) return null;
  if (typeof raw !== 'number' && typeof raw !== 'string') return null;
  const checked = checkNumber(raw);
  return 'ok' in checked ? checked.ok : checked;
}

function isIsoDate(s: string): boolean {
  const m = s.match(DATE);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function inRange(f: Field, n: number, what = ''): Check<number> {
  if (typeof f.min === 'number' && n < f.min) return { reason: `${what}must be at least ${f.min}` };
  if (typeof f.max === 'number' && n > f.max) return { reason: `${what}must be at most ${f.max}` };
  return { ok: n };
}

const CHOICES = new WeakMap<Field, Set<string>>();

function choicesOf(f: Field): Set<string> {
  let set = CHOICES.get(f);
  if (!set) CHOICES.set(f, (set = new Set((f.choices ?? []).map((c) => c.code))));
  return set;
}

function checkQuantity(f: Field, raw: unknown, currency: string | undefined): Check<Quantity> {
  const dimension = f.unit ?? 'mass';
  let read: number | { reason: string } | null = null;
  let unitText: string | undefined;
  if (typeof raw === 'number') read = toNumber(raw, NUMBER);
  else if (typeof raw === 'string') {
    const m = raw.match(QUANTITY_TEXT);
    if (m) {
      read = toNumber(m[1], NUMBER);
      unitText = m[2]?.trim();
    }
  } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    read = toNumber(o.amount ?? o.value, NUMBER);
    if (typeof o.unit === 'string') unitText = o.unit;
  }
  if (read !== null && typeof read === 'object') return read;
  const amount = read;
  if (amount === null) return { reason: `not a quantity: write a number and a unit, e.g. 12.5 ${canonicalUnit(dimension) ?? 'PEN'}` };

  let unit: string | null;
  if (dimension === 'currency') {
    if (!currency) return { reason: `needs its currency in field "${f.currency_field}"` };
    unit = unitText ? normaliseUnit('currency', unitText) : currency;
    if (unit !== currency) return { reason: `the amount is in ${unitText ?? '?'} but the record's currency is ${currency}` };
  } else {
    unit = unitText ? normaliseUnit(dimension, unitText) : canonicalUnit(dimension);
    if (!unit) return { reason: `unknown unit "${unitText}": use ${allowedUnits(dimension).join(', ')}` };
  }
  // A unit conversion can leave the range too: 1e12 t is 1e15 kg.
  const converted = checkMagnitude(toCanonical(dimension, amount, unit));
  if ('reason' in converted) return { reason: `${converted.reason}${canonicalUnit(dimension) ? ` (in ${canonicalUnit(dimension)})` : ''}` };
  const value = converted.ok;
  if (value < 0 && (f.min === undefined || (typeof f.min === 'number' && f.min >= 0))) return { reason: 'must not be negative' };
  const ranged = inRange(f, value, canonicalUnit(dimension) ? `in ${canonicalUnit(dimension)}, ` : '');
  if ('reason' in ranged) return ranged;
  return { ok: { value, amount, unit } };
}

function checkScalar(f: Field, raw: unknown, ctx: RecordContext): Check<ScalarValue> {
  switch (f.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { reason: 'not text' };
      const s = String(raw).trim();
      const max = f.max_length ?? 2000;
      return s.length > max ? { reason: `longer than ${max} characters` } : { ok: s };
    }
    case 'integer': {
      const n = toNumber(raw, INTEGER);
      if (n !== null && typeof n === 'object') return n;
      if (n === null || !Number.isInteger(n)) return { reason: 'not a whole number' };
      return inRange(f, n);
    }
    case 'number': {
      const n = toNumber(raw, NUMBER);
      if (n !== null && typeof n === 'object') return n;
      return n === null ? { reason: 'not a number (use . for decimals, no thousands separator)' } : inRange(f, n);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: raw };
      const s = String(raw).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true };
      if (FALSE.has(s)) return { ok: false };
      return { reason: 'not yes/no: write true or false' };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isIsoDate(raw.trim())) return { reason: 'not a date: write YYYY-MM-DD' };
      const d = raw.trim();
      const bound = (b: unknown, dflt: string) => (b === 'today' ? ctx.today : typeof b === 'string' ? b : dflt);
      const min = bound(f.min, DEFAULT_MIN_DATE);
      const max = bound(f.max, DEFAULT_MAX_DATE);
      if (d < min) return { reason: `date out of range: before ${min}` };
      if (d > max) return { reason: `date out of range: after ${max}${f.max === 'today' ? ' (today)' : ''}` };
      return { ok: d };
    }
    case 'period': {
      const p = typeof raw === 'string' ? tryParsePeriod(raw) : null;
      if (!p) return { reason: 'not a period: write 2012, 2012Q3, 201207 or 2012Oct' };
      const outside = periodWriteProblem(p);
      return outside ? { reason: outside } : { ok: p.id };
    }
    case 'choice': {
      const s = typeof raw === 'string' ? raw.trim() : String(raw);
      return choicesOf(f).has(s) ? { ok: s } : { reason: `unknown ${f.code} "${s}": use one of ${[...choicesOf(f)].join(', ')}` };
    }
    case 'place': {
      const s = String(raw).trim();
      return ctx.hasPlace(s) ? { ok: s } : { reason: `unknown place "${s}"` };
    }
    case 'zone': {
      const s = String(raw).trim();
      return ctx.hasZone(s) ? { ok: s } : { reason: `unknown zone "${s}": use the code of one of the program's zones` };
    }
    case 'organisation': {
      const s = String(raw).trim();
      return ctx.hasOrganisation(s) ? { ok: s } : { reason: `unknown organisation "${s}"` };
    }
    case 'quantity':
    case 'list':
      // Handled by the caller: they depend on other fields or recurse.
      return { reason: `internal: ${f.type} is not a scalar` };
  }
}

/**
 * Validates the fields of one object (a record, or one item of a list) and writes the
 * normalised values into `out`. Problems are reported with `prefix` + field code as the column.
 */
/** What checking one object needs to know of its fields, worked out once per field list. */
interface FieldPlan {
  byCode: Map<string, Field>;
  /** Quantities last: a currency amount reads the currency field's normalised value. */
  ordered: Field[];
  /** Fields with a `not_before` rule. */
  ordering: Field[];
}
const PLANS = new WeakMap<readonly Field[], FieldPlan>();

function planOf(fields: readonly Field[]): FieldPlan {
  let plan = PLANS.get(fields);
  if (!plan) {
    plan = {
      byCode: new Map(fields.map((f) => [f.code, f])),
      ordered: [...fields.filter((f) => f.type !== 'quantity'), ...fields.filter((f) => f.type === 'quantity')],
      ordering: fields.filter((f) => f.not_before),
    };
    PLANS.set(fields, plan);
  }
  return plan;
}

/**
 * Validates the fields of one object (a record, or one item of a list) and writes the
 * normalised values into `out`. Problems are reported with `prefix` + field code as the column.
 */
function checkObject(
  fields: readonly Field[],
  input: Record<string, unknown>,
  ctx: RecordContext,
  prefix: string,
  out: Record<string, FieldValue>,
  issues: IssueDetail[],
): void {
  const bad = (code: string, value: unknown, reason: string) => issues.push({ column: `${prefix}${code}`, value, reason });
  const { byCode, ordered, ordering } = planOf(fields);
  for (const key in input) {
    if (byCode.has(key)) continue;
    const unitOf = key.endsWith('_unit') ? byCode.get(key.slice(0, -5)) : undefined;
    if (unitOf?.type !== 'quantity') bad(key, input[key], 'unknown field');
  }
  for (const f of ordered) {
    let raw = input[f.code];
    if (f.type === 'quantity') {
      const unitCell = input[`${f.code}_unit`];
      if (!isBlank(unitCell) && !isBlank(raw) && typeof raw !== 'object') raw = `${String(raw)} ${String(unitCell)}`;
    }
    if (isBlank(raw)) {
      if (f.required) bad(f.code, raw ?? null, 'required');
      continue;
    }
    if (f.type === 'list') {
      checkList(f as FieldDefinition, raw, ctx, prefix, out, issues);
      continue;
    }
    const currency = f.currency_field ? out[f.currency_field] : undefined;
    const r = f.type === 'quantity' ? checkQuantity(f, raw, typeof currency === 'string' ? currency.toUpperCase() : undefined) : checkScalar(f, raw, ctx);
    if ('reason' in r) bad(f.code, raw, r.reason);
    else out[f.code] = r.ok;
  }
  for (const f of ordering) {
    const v = out[f.code];
    const other = out[f.not_before!];
    if (typeof v === 'string' && typeof other === 'string' && v < other) bad(f.code, v, `date out of range: before ${f.not_before} (${other})`);
  }
}

function checkList(f: FieldDefinition, raw: unknown, ctx: RecordContext, prefix: string, out: Record<string, FieldValue>, issues: IssueDetail[]): void {
  const column = `${prefix}${f.code}`;
  let items: unknown = raw;
  if (typeof raw === 'string') {
    try {
      items = JSON.parse(raw);
    } catch {
      issues.push({ column, value: raw, reason: 'not a list: write a JSON array of objects, e.g. [{"role":"judge","sex":"f","count":3}]' });
      return;
    }
  }
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'object' || i === null || Array.isArray(i))) {
    issues.push({ column, value: raw, reason: 'not a list of objects' });
    return;
  }
  if (f.min_items !== undefined && items.length < f.min_items) issues.push({ column, value: items.length, reason: `needs at least ${f.min_items} item(s)` });
  if (f.max_items !== undefined && items.length > f.max_items) issues.push({ column, value: items.length, reason: `takes at most ${f.max_items} item(s)` });
  if (f.required && items.length === 0) issues.push({ column, value: raw, reason: 'required' });
  const result: RecordItem[] = [];
  items.forEach((item: Record<string, unknown>, i) => {
    const o: Record<string, FieldValue> = {};
    checkObject(f.fields ?? [], item, ctx, `${column}[${i}].`, o, issues);
    result.push(o as RecordItem);
  });
  out[f.code] = result;
}

/**
 * Validates a record's fields against its type. Returns the normalised data and every problem
 * found, each naming the field (`quantity`, `participants[2].sex`) in `column`.
 */
export function validateRecord(def: RecordTypeDefinition, input: Record<string, unknown>, ctx: RecordContext): { data: RecordData; issues: IssueDetail[] } {
  const data: RecordData = {};
  const issues: IssueDetail[] = [];
  checkObject(def.fields, input, ctx, '', data, issues);
  return { data, issues };
}

/** True when `v` is a stored quantity. */
export function isQuantity(v: unknown): v is Quantity {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v && 'unit' in v;
}
