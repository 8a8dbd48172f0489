/**
 * A record type declared as data: its fields (type, unit, allowed values, ranges, sensitivity),
 * which field gives the record its place, date and organisation, and its roll-ups into
 * indicators. Built-in types and a program's own `record-types/*.json` use this one schema.
 */
import { z } from 'zod';
import { validationError, type IssueDetail } from '../errors.js';
import { UNIT_DIMENSIONS } from './units.js';
import { SENSITIVITIES } from '../sensitivity.js';

export const FIELD_TYPES = ['text', 'integer', 'number', 'date', 'period', 'boolean', 'choice', 'place', 'zone', 'organisation', 'quantity', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Field codes are plain identifiers: a dot joins a list field to one of its sub-fields. */
const FIELD_CODE = /^[a-z][a-z0-9_]*$/;
const CODE = /^[A-Za-z0-9_.-]+$/;
/** Columns every record has beside its fields (in CSV files too). */
export const RESERVED_FIELD_CODES: readonly string[] = ['id', 'ref', 'type', 'status', 'provenance', 'note', 'version'];
/** A date bound: an ISO date or `today` (checked when the record is validated). */
const DATE_BOUND = /^(\d{4}-\d{2}-\d{2}|today)$/;

const names = z.object({ en: z.string().min(1), es: z.string().min(1) }).strict();
const choice = z.object({ code: z.string().regex(CODE, 'codes use letters, digits, _ . -'), name: names }).strict();

const baseField = {
  code: z.string().regex(FIELD_CODE, 'field codes are lower-case letters, digits and _, starting with a letter'),
  name: names,
  description: names.optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  sensitivity: z.enum(SENSITIVITIES).default('public'),
  /** choice: the allowed codes. */
  choices: z.array(choice).min(1).optional(),
  /** integer, number, quantity (in the canonical unit): numbers; date: ISO dates or `today`. */
  min: z.union([z.number().finite(), z.string().regex(DATE_BOUND, 'a date bound is YYYY-MM-DD or today')]).optional(),
  max: z.union([z.number().finite(), z.string().regex(DATE_BOUND, 'a date bound is YYYY-MM-DD or today')]).optional(),
  /** date: another date field of the same record (or list item) this one may not precede. */
  not_before: z.string().regex(FIELD_CODE).optional(),
  /** quantity: what it measures; amounts are converted to the dimension's canonical unit. */
  unit: z.enum(UNIT_DIMENSIONS).optional(),
  /** quantity with unit `currency`: the field holding the currency code. */
  currency_field: z.string().regex(FIELD_CODE).optional(),
  /** text: longest accepted text. */
  max_length: z.number().int().positive().optional(),
  min_items: z.number().int().nonnegative().optional(),
  max_items: z.number().int().positive().optional(),
};

const leafField = z.object(baseField).strict();
export type LeafFieldDefinition = z.infer<typeof leafField>;

const fieldSchema = z.object({ ...baseField, fields: z.array(leafField).min(1).optional() }).strict();
export type FieldDefinition = z.infer<typeof fieldSchema>;

const rollupValue = z.union([
  z.object({ sum: z.string().min(1) }).strict(),
  z.object({ count: z.literal(true) }).strict(),
  z.object({ latest: z.string().min(1) }).strict(),
]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const rollupSchema = z
  .object({
    indicator: z.string().regex(CODE),
    /** sum of a field, a count of records (or list items), or a field's value as a stock. */
    value: rollupValue,
    /** Multiplies the value (kg → t is 0.001). */
    scale: z.number().positive().finite().optional(),
    /** dimension → the field whose code is the option, or a fixed option. */
    disagg: z.record(z.string().regex(CODE), z.union([z.string().min(1), z.object({ option: z.string().regex(CODE) }).strict()])).optional(),
    /** field → required value (or any of a list); all must hold. */
    where: z.record(z.string().min(1), z.union([scalar, z.array(scalar).min(1)])).optional(),
    /** The date (or period) field that places the contribution in time; default the record's date. */
    date: z.string().min(1).optional(),
    /** The source code to write under, for an indicator with several sources. */
    source: z.string().regex(CODE).optional(),
  })
  .strict();
export type RollupDefinition = z.infer<typeof rollupSchema>;

const recordTypeSchema = z
  .object({
    code: z.string().regex(FIELD_CODE, 'record type codes are lower-case letters, digits and _'),
    name: names,
    description: names.optional(),
    place_field: z.string().regex(FIELD_CODE),
    date_field: z.string().regex(FIELD_CODE),
    organisation_field: z.string().regex(FIELD_CODE).optional(),
    fields: z.array(fieldSchema).min(1),
    rollups: z.array(rollupSchema).default([]),
  })
  .strict();
export type RecordTypeDefinition = z.infer<typeof recordTypeSchema>;

/** A field found by path (`quantity` or `participants.role`), with the list it lies in, if any. */
export interface ResolvedPath {
  field: FieldDefinition | LeafFieldDefinition;
  list: FieldDefinition | null;
}

/** Finds `code` or `list.sub` in a definition; null when there is no such field. */
export function resolvePath(def: Pick<RecordTypeDefinition, 'fields'>, path: string): ResolvedPath | null {
  const [head, sub, ...rest] = path.split('.');
  if (rest.length) return null;
  const top = def.fields.find((f) => f.code === head);
  if (!top) return null;
  if (sub === undefined) return { field: top, list: null };
  if (top.type !== 'list') return null;
  const inner = top.fields?.find((f) => f.code === sub);
  return inner ? { field: inner, list: top } : null;
}

/** The rules zod cannot express alone: references between fields, and what each type needs. */
function crossCheck(def: RecordTypeDefinition): IssueDetail[] {
  const issues: IssueDetail[] = [];
  const bad = (column: string, value: unknown, reason: string) => issues.push({ column, value, reason });

  const checkFields = (fields: readonly (FieldDefinition | LeafFieldDefinition)[], prefix: string) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      const at = `${prefix}fields[${i}]`;
      if (seen.has(f.code)) bad(`${at}.code`, f.code, 'duplicate field code');
      if (!prefix && RESERVED_FIELD_CODES.includes(f.code))
        bad(`${at}.code`, f.code, `${RESERVED_FIELD_CODES.join(', ')} are columns of every record, not field codes`);
      seen.add(f.code);
      if (f.type === 'choice' && !f.choices) bad(`${at}.choices`, undefined, 'a choice field lists its choices');
      if (f.type !== 'choice' && f.choices) bad(`${at}.choices`, undefined, 'only choice fields have choices');
      if (f.type === 'quantity' && !f.unit) bad(`${at}.unit`, undefined, 'a quantity says what it measures: mass, area, volume or currency');
      if (f.type !== 'quantity' && f.unit) bad(`${at}.unit`, f.unit, 'only quantity fields have a unit');
      if (f.unit === 'currency') {
        const cur = f.currency_field ? fields.find((g) => g.code === f.currency_field) : undefined;
        if (!cur || (cur.type !== 'choice' && cur.type !== 'text')) {
          bad(`${at}.currency_field`, f.currency_field, 'a currency amount names the choice or text field that holds its currency');
        }
      }
      if (f.not_before) {
        const other = fields.find((g) => g.code === f.not_before);
        if (f.type !== 'date' || other?.type !== 'date') bad(`${at}.not_before`, f.not_before, 'not_before links two date fields');
      }
      const numeric = f.type === 'integer' || f.type === 'number' || f.type === 'quantity';
      for (const k of ['min', 'max'] as const) {
        const v = f[k];
        if (v === undefined) continue;
        if (numeric && typeof v !== 'number') bad(`${at}.${k}`, v, `${f.type} bounds are numbers`);
        else if (f.type === 'date' && typeof v !== 'string') bad(`${at}.${k}`, v, 'date bounds are YYYY-MM-DD or today');
        else if (!numeric && f.type !== 'date') bad(`${at}.${k}`, v, `a ${f.type} field has no bounds`);
      }
      if ('fields' in f && f.fields && f.type !== 'list') bad(`${at}.fields`, undefined, 'only list fields have sub-fields');
      if (f.type === 'list') {
        if (!('fields' in f) || !f.fields) bad(`${at}.fields`, undefined, 'a list field declares the fields of its items');
        else if (prefix) bad(at, f.code, 'lists do not nest');
        else checkFields(f.fields, `${at}.`);
      }
    });
  };
  checkFields(def.fields, '');

  const expectTop = (column: string, code: string | undefined, types: FieldType[]) => {
    if (code === undefined) return;
    const f = def.fields.find((g) => g.code === code);
    if (!f) bad(column, code, 'no such field');
    else if (!types.includes(f.type)) bad(column, code, `must name a field of type ${types.join(' or ')}`);
    else if (!f.required) bad(column, code, 'this field must be required');
  };
  expectTop('place_field', def.place_field, ['place']);
  expectTop('date_field', def.date_field, ['date']);
  if (def.organisation_field) {
    const f = def.fields.find((g) => g.code === def.organisation_field);
    if (f?.type !== 'organisation') bad('organisation_field', def.organisation_field, 'must name an organisation field');
  }

  def.rollups.forEach((r, i) => {
    const at = `rollups[${i}]`;
    const lists = new Set<string>();
    const ref = (column: string, path: string, types?: FieldType[]) => {
      const p = resolvePath(def, path);
      if (!p) return bad(column, path, 'no such field (write field or list.field)');
      if (p.list) lists.add(p.list.code);
      if (types && !types.includes(p.field.type)) bad(column, path, `must name a field of type ${types.join(', ')}`);
    };
    if ('sum' in r.value) ref(`${at}.value.sum`, r.value.sum, ['integer', 'number', 'quantity']);
    if ('latest' in r.value) ref(`${at}.value.latest`, r.value.latest, ['integer', 'number', 'quantity', 'boolean']);
    for (const [dim, v] of Object.entries(r.disagg ?? {})) {
      if (typeof v === 'string') ref(`${at}.disagg.${dim}`, v, ['choice', 'boolean', 'text', 'place', 'zone', 'organisation']);
    }
    for (const path of Object.keys(r.where ?? {})) ref(`${at}.where.${path}`, path);
    if (r.date) ref(`${at}.date`, r.date, ['date', 'period']);
    if (lists.size > 1) bad(at, [...lists].join(', '), 'a roll-up may read items of one list only');
  });
  return issues;
}

/**
 * Parses and checks a record-type definition (JSON already parsed). Throws one validation error
 * listing every problem, each with `file` and the path of the offending part as `column`.
 */
export function parseRecordType(json: unknown, file?: string): RecordTypeDefinition {
  const parsed = recordTypeSchema.safeParse(json);
  const withFile = (d: IssueDetail): IssueDetail => (file ? { file, ...d } : d);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) =>
      withFile({ column: i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k ? '.' : ''}${String(p)}`)).join(''), reason: i.message }),
    );
    throw validationError(`record type${file ? ` in ${file}` : ''} is not valid`, details);
  }
  const issues = crossCheck(parsed.data);
  if (issues.length) throw validationError(`record type "${parsed.data.code}" is not valid`, issues.map(withFile));
  return parsed.data;
}
