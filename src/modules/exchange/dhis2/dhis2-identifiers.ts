/**
 * How a DHIS2 file's identifiers meet a mapping's entries: entries findable by uid, code or
 * name; the id scheme each kind of identifier is read or written in; and the identifier a file
 * should carry for an entry. Shared by import (mapPayload) and export (unmapValues).
 */
import type { IdScheme, Dhis2Mapping } from './dhis2-mapping.schema.js';
import { IdSchemeSchema } from './dhis2-mapping.schema.js';
import type { Dhis2Payload, IdSchemeKey } from './dhis2-payload.js';

export interface Named {
  id?: string | undefined;
  code?: string | undefined;
  name?: string | undefined;
}

/** Entries of one kind, findable by uid, code or name. */
export class NameIndex<E extends Named> {
  private readonly by = { uid: new Map<string, E>(), code: new Map<string, E>(), name: new Map<string, E>() };
  constructor(readonly entries: readonly E[]) {
    for (const e of entries) {
      if (e.id !== undefined && !this.by.uid.has(e.id)) this.by.uid.set(e.id, e);
      if (e.code !== undefined && !this.by.code.has(e.code)) this.by.code.set(e.code, e);
      if (e.name !== undefined && !this.by.name.has(e.name)) this.by.name.set(e.name, e);
    }
  }
  find(key: string, scheme: IdScheme): E | undefined {
    if (scheme !== 'auto') return this.by[scheme].get(key);
    return this.by.uid.get(key) ?? this.by.code.get(key) ?? this.by.name.get(key);
  }
}

/** The identifier a file should carry for `e` under `scheme`, falling back to what is known. */
export function identifierOf(e: Named, scheme: IdScheme): string {
  const order = scheme === 'code' ? [e.code, e.id, e.name] : scheme === 'name' ? [e.name, e.code, e.id] : [e.id, e.code, e.name];
  return order.find((x) => x !== undefined) ?? '';
}

export type Kind = 'dataElement' | 'orgUnit' | 'categoryOptionCombo' | 'attributeOptionCombo';

/** The scheme for one kind: the file's own declaration first, then the mapping's. */
function schemeFor(kind: Kind, mapping: Dhis2Mapping, payload?: Dhis2Payload): IdScheme {
  const key = `${kind}IdScheme` as IdSchemeKey;
  const declared = payload?.idSchemes[key] ?? payload?.idSchemes.idScheme;
  if (declared !== undefined) {
    const r = IdSchemeSchema.safeParse(declared);
    if (r.success) return r.data;
  }
  const own = mapping[key as Exclude<IdSchemeKey, 'idScheme'>];
  return own ?? mapping.idScheme;
}

/** The scheme of every kind of identifier, for a file being read (`payload`) or written. */
export function schemesFor(mapping: Dhis2Mapping, payload?: Dhis2Payload): Record<Kind, IdScheme> {
  return {
    dataElement: schemeFor('dataElement', mapping, payload),
    orgUnit: schemeFor('orgUnit', mapping, payload),
    categoryOptionCombo: schemeFor('categoryOptionCombo', mapping, payload),
    attributeOptionCombo: schemeFor('attributeOptionCombo', mapping, payload),
  };
}
