/**
 * Field sensitivity. Each field is public, official (program staff) or restricted (exact
 * seizure coordinates, case details); a reader sees the fields up to their clearance. The
 * stored record keeps everything; what leaves the service is stripped here.
 */
import type { FieldDefinition, LeafFieldDefinition, RecordTypeDefinition } from './definition.schema.js';
import { withinClearance, type Sensitivity } from '../sensitivity.js';
import type { FieldValue, RecordData, RecordItem } from './validate.js';

/** True when a reader with `clearance` may see data of `sensitivity`. */
export function mayRead(clearance: Sensitivity, sensitivity: Sensitivity): boolean {
  return withinClearance(sensitivity, clearance);
}

function strip(
  fields: readonly (FieldDefinition | LeafFieldDefinition)[],
  data: Record<string, FieldValue>,
  clearance: Sensitivity,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) {
    const v = data[f.code];
    if (v === undefined || !mayRead(clearance, f.sensitivity)) continue;
    if (f.type === 'list' && Array.isArray(v) && 'fields' in f && f.fields) {
      const sub = f.fields;
      out[f.code] = v.map((item) => strip(sub, item, clearance) as RecordItem);
    } else {
      out[f.code] = v;
    }
  }
  return out;
}

/** The record's data without the fields (and list sub-fields) above the reader's clearance. */
export function stripFields(def: RecordTypeDefinition, data: RecordData, clearance: Sensitivity): RecordData {
  return strip(def.fields, data, clearance);
}

/** Codes of the fields a reader with `clearance` does not see (top level and `list.sub`). */
export function hiddenFields(def: RecordTypeDefinition, clearance: Sensitivity): string[] {
  const out: string[] = [];
  for (const f of def.fields) {
    if (!mayRead(clearance, f.sensitivity)) out.push(f.code);
    else for (const s of f.fields ?? []) if (!mayRead(clearance, s.sensitivity)) out.push(`${f.code}.${s.code}`);
  }
  return out;
}
