/**
 * Turns one record as people write it (codes, text cells, units of their choice) into the row to
 * store and its roll-up contributions, or the list of problems, each naming the field.
 */
import type { Provenance, ValueStatus } from '../../db/schema.js';
import type { IssueDetail } from '../../core/errors.js';
import { validateRecord, type RecordContext, type RecordData } from '../../core/record-types/validate.js';
import { recordContributions, type Contribution } from '../../core/record-types/rollups.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import type { RecordTypeInUse } from '../catalog/record-types.service.js';

/** One record as given: its fields by code, plus the columns every record has. */
export interface RecordInput {
  /** Fields by code; values typed (JSON) or text (CSV). A quantity may carry its unit (`"1250 lb"`) or come with a `<field>_unit` companion. */
  data: Record<string, unknown>;
  /** The submitter's key, unique per type: re-imports update the record with the same ref. */
  ref?: string | null | undefined;
  status?: ValueStatus | undefined;
  provenance?: Provenance | undefined;
  note?: string | null | undefined;
}

export const RECORD_STATUSES: readonly ValueStatus[] = ['draft', 'submitted', 'approved', 'returned'];
export const RECORD_PROVENANCES: readonly Provenance[] = ['sourced', 'derived', 'illustrative'];

/** A validated record: the columns to store and what it adds to the fact table. */
export interface PreparedRecord {
  ref: string | null;
  place_id: number;
  date: string;
  organisation_id: number | null;
  status: ValueStatus;
  provenance: Provenance;
  note: string | null;
  data: RecordData;
  /** `data` as stored; equal text means equal data. */
  dataText: string;
  contributions: Contribution[];
}

/** The columns a prepared record is stored in, the same for a create, a change and an import. */
export function recordColumns(rec: PreparedRecord, now: string) {
  return {
    ref: rec.ref,
    place_id: rec.place_id,
    date: rec.date,
    organisation_id: rec.organisation_id,
    status: rec.status,
    provenance: rec.provenance,
    data: rec.dataText,
    note: rec.note,
    updated_at: now,
  };
}

/** The row a new record is stored as (version 1). */
export function newRecordRow(programId: number, typeCode: string, rec: PreparedRecord, now: string) {
  return { program_id: programId, type_code: typeCode, ...recordColumns(rec, now), version: 1, created_at: now };
}

/** Validation's view of the program: its place, organisation and zone codes, and today's date. */
export function recordContext(catalog: Catalog, zones: { has(code: string): boolean }, today = new Date().toISOString().slice(0, 10)): RecordContext {
  return {
    hasPlace: (code) => catalog.places.has(code),
    hasOrganisation: (code) => catalog.organisations.has(code),
    hasZone: (code) => zones.has(code),
    today,
  };
}

/** Validates one record of `type` and computes its contributions; every problem names its column. */
export function prepareRecord(
  type: RecordTypeInUse,
  catalog: Catalog,
  ctx: RecordContext,
  input: RecordInput,
): { record: PreparedRecord } | { issues: IssueDetail[] } {
  const def = type.definition;
  const { data, issues } = validateRecord(def, input.data ?? {}, ctx);
  const status = input.status ?? 'draft';
  if (!RECORD_STATUSES.includes(status)) issues.push({ column: 'status', value: status, reason: `must be one of ${RECORD_STATUSES.join(', ')}` });
  const provenance = input.provenance ?? 'sourced';
  if (!RECORD_PROVENANCES.includes(provenance))
    issues.push({ column: 'provenance', value: provenance, reason: `must be one of ${RECORD_PROVENANCES.join(', ')}` });
  const ref = input.ref === undefined || input.ref === null || String(input.ref).trim() === '' ? null : String(input.ref).trim();
  if (ref !== null && ref.length > 200) issues.push({ column: 'ref', value: ref, reason: 'longer than 200 characters' });
  if (issues.length) return { issues };

  const { contributions, issues: rollupIssues } = recordContributions(type.plan, data);
  if (rollupIssues.length) return { issues: rollupIssues };
  const placeCode = data[def.place_field];
  const place = typeof placeCode === 'string' ? catalog.places.get(placeCode) : undefined;
  const date = data[def.date_field];
  // Both fields are required by the schema, so validation has already reported them if missing.
  if (!place || typeof date !== 'string') return { issues: [{ column: def.place_field, reason: 'required' }] };
  const orgCode = def.organisation_field ? data[def.organisation_field] : undefined;
  return {
    record: {
      ref,
      place_id: place.id,
      date,
      organisation_id: typeof orgCode === 'string' ? (catalog.organisations.get(orgCode) ?? null) : null,
      status,
      provenance,
      note: input.note === undefined || input.note === null || input.note === '' ? null : String(input.note),
      data,
      dataText: JSON.stringify(data),
      contributions,
    },
  };
}
