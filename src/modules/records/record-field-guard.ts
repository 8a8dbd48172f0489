/**
 * No one writes a field they may not read. A user whose clearance is below a field's
 * sensitivity (a record field, or a sub-field of a list) may not set, change or clear it:
 *
 * - an input that names such a field is refused (403 naming the field), never silently dropped,
 *   so an import does not lose data without saying so;
 * - a field the input leaves out keeps its stored value (an update, or an import of a file
 *   without that column), and so does such a field when the writer replaces all fields;
 * - in a list, item i keeps the hidden sub-fields of stored item i, and dropping a stored item
 *   that holds one is refused (the writer could not see what it deletes).
 *
 * The system (CLI, folder loads) writes with full clearance and is not checked here.
 */
import { VigiaError, type IssueDetail } from '../../core/errors.js';
import type { RecordTypeDefinition } from '../../core/record-types/definition.schema.js';
import type { Sensitivity } from '../../core/sensitivity.js';
import { mayRead } from '../../core/record-types/sensitivity.js';

type Item = Record<string, unknown>;

/** A list cell as items: arrays as given, CSV text parsed; anything else is left to validation. */
function itemsOf(v: unknown): Item[] | undefined {
  let items = v;
  if (typeof v === 'string') {
    try {
      items = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(items) ? items.map((i) => (i !== null && typeof i === 'object' ? (i as Item) : {})) : undefined;
}

const present = (o: Item, code: string): boolean => o[code] !== undefined && o[code] !== null && o[code] !== '';
const keysOf = (code: string): string[] => [code, `${code}_unit`];

/** The fields (`case_reference`, `stages.outcome`) that `data` names and a writer with `clearance` may not read. */
export function unreadableFieldsIn(def: RecordTypeDefinition, data: Item, clearance: Sensitivity): string[] {
  const out: string[] = [];
  for (const f of def.fields) {
    if (!mayRead(clearance, f.sensitivity)) {
      if (keysOf(f.code).some((k) => k in data)) out.push(f.code);
      continue;
    }
    const hidden = (f.fields ?? []).filter((s) => !mayRead(clearance, s.sensitivity));
    if (f.type !== 'list' || hidden.length === 0) continue;
    const items = itemsOf(data[f.code]) ?? [];
    for (const s of hidden) if (items.some((i) => keysOf(s.code).some((k) => k in i))) out.push(`${f.code}.${s.code}`);
  }
  return out;
}

/** The refusal of a write naming fields above the writer's clearance. */
export function aboveClearance(fields: readonly string[], at: Partial<IssueDetail> = {}): VigiaError {
  return new VigiaError(
    'forbidden',
    `you may not write ${fields.join(', ')}: above your clearance (no puede escribir campos por encima de su nivel de acceso)`,
    fields.map((column) => ({ ...at, column, reason: 'above your clearance' })),
  );
}

/** Refuses (403) an input that names any field above `clearance`. */
export function refuseUnreadable(def: RecordTypeDefinition, data: Item, clearance: Sensitivity, at: Partial<IssueDetail> = {}): void {
  const fields = unreadableFieldsIn(def, data, clearance);
  if (fields.length) throw aboveClearance(fields, at);
}

/**
 * `next` (the fields about to be stored) with every field above `clearance` as in `stored`:
 * top-level fields copied back (or left out when not stored), list sub-fields item by item.
 * Throws 403 when the change would drop a stored list item holding such a sub-field.
 */
export function keepUnreadable(def: RecordTypeDefinition, stored: Item, next: Item, clearance: Sensitivity, at: Partial<IssueDetail> = {}): Item {
  const out: Item = { ...next };
  for (const f of def.fields) {
    if (!mayRead(clearance, f.sensitivity)) {
      for (const k of keysOf(f.code)) delete out[k];
      if (stored[f.code] !== undefined) out[f.code] = stored[f.code];
      continue;
    }
    const hidden = (f.fields ?? []).filter((s) => !mayRead(clearance, s.sensitivity));
    if (f.type !== 'list' || hidden.length === 0) continue;
    const before = itemsOf(stored[f.code]) ?? [];
    const cleared = next[f.code] === undefined || next[f.code] === null || next[f.code] === '';
    const after = cleared ? [] : itemsOf(next[f.code]);
    if (after === undefined) continue; // not a list: validation says so
    const lost = hidden.filter((s) => before.slice(after.length).some((i) => present(i, s.code)));
    if (lost.length)
      throw aboveClearance(
        lost.map((s) => `${f.code}.${s.code}`),
        at,
      );
    if (before.length === 0 || cleared) continue;
    out[f.code] = after.map((item, i) => {
      const kept: Item = { ...item };
      for (const s of hidden) {
        for (const k of keysOf(s.code)) delete kept[k];
        const old = before[i];
        if (old && old[s.code] !== undefined) kept[s.code] = old[s.code];
      }
      return kept;
    });
  }
  return out;
}
