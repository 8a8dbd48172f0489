/**
 * The look-ups of a DHIS2 mapping, built once per import or export: each kind of entry
 * findable by uid, code or name (see dhis2-identifiers.ts).
 */
import type { Dhis2Mapping } from './dhis2-mapping.schema.js';
import { NameIndex } from './dhis2-identifiers.js';

/** Indexes of a mapping, built once per import or export. */
export interface MappingIndex {
  mapping: Dhis2Mapping;
  dataElements: NameIndex<Dhis2Mapping['dataElements'][number]>;
  orgUnits: NameIndex<Dhis2Mapping['orgUnits'][number]>;
  cocs: NameIndex<Dhis2Mapping['categoryOptionCombos'][number]>;
  aocs: NameIndex<Dhis2Mapping['attributeOptionCombos'][number]>;
  categories: NameIndex<Dhis2Mapping['categories'][number]>;
  attributeCategories: NameIndex<Dhis2Mapping['attributeCategories'][number]>;
}

/** Builds the lookups of a mapping. */
export function indexMapping(mapping: Dhis2Mapping): MappingIndex {
  return {
    mapping,
    dataElements: new NameIndex(mapping.dataElements),
    orgUnits: new NameIndex(mapping.orgUnits),
    cocs: new NameIndex(mapping.categoryOptionCombos),
    aocs: new NameIndex(mapping.attributeOptionCombos),
    categories: new NameIndex(mapping.categories),
    attributeCategories: new NameIndex(mapping.attributeCategories),
  };
}
