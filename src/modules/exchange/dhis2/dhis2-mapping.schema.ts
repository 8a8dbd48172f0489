/**
 * The DHIS2/ADX mapping of one program, as a JSON file: which DHIS2 data element is which
 * indicator, which org unit is which place, which category option combo is which
 * disaggregation, which attribute option combo is which source or partner. Entries name DHIS2
 * objects by `id` (uid), `code` and/or `name`; the id scheme says which of them files use.
 * See docs/exchange-dhis2-iati.md.
 */
import { z } from 'zod';
import { validationError } from '../../../core/errors.js';

/** How files name DHIS2 objects; `auto` accepts uid, code or name (in that order). */
export const IdSchemeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/^id$/, 'uid') : v),
  z.enum(['uid', 'code', 'name', 'auto']),
);
export type IdScheme = z.infer<typeof IdSchemeSchema>;

const Named = {
  id: z.string().min(1).optional(),
  code: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
};
const named = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...Named, ...shape })
    .strict()
    .refine((e: object) => ['id', 'code', 'name'].some((k) => k in e && (e as Record<string, unknown>)[k] !== undefined), {
      message: 'give at least one of id, code, name',
    });

const Partner = {
  /** Vigia source code ('' or absent: the indicator's only source). */
  source: z.string().optional(),
  /** Vigia organisation code (the reporting partner). */
  organisation: z.string().optional(),
};

export const Dhis2MappingSchema = z
  .object({
    /** Program code the mapping is for (checked against the import/export program when given). */
    program: z.string().optional(),
    /** Data set written on export. */
    dataSet: z.string().optional(),
    idScheme: IdSchemeSchema.default('auto'),
    dataElementIdScheme: IdSchemeSchema.optional(),
    orgUnitIdScheme: IdSchemeSchema.optional(),
    categoryOptionComboIdScheme: IdSchemeSchema.optional(),
    attributeOptionComboIdScheme: IdSchemeSchema.optional(),
    /** Status given to new imported values (default draft); a stored value keeps its own. */
    status: z.enum(['draft', 'submitted', 'approved']).default('draft'),
    /** Identifiers meaning "no disaggregation" / "no partner" (DHIS2's `default`), used when a file leaves the combos out. */
    defaultCategoryOptionCombo: z.string().optional(),
    defaultAttributeOptionCombo: z.string().optional(),
    /**
     * `disagg`: part of the disaggregation the data element itself carries; `source`: the source
     * of its values when the attribute option combo names none (an indicator with several).
     */
    dataElements: z.array(named({ indicator: z.string().min(1), disagg: z.string().optional(), source: z.string().optional() })).default([]),
    orgUnits: z.array(named({ place: z.string().min(1) })).default([]),
    /** `disagg` is a Vigia key (`sex=f;age=u5`), '' for the default combination. */
    categoryOptionCombos: z.array(named({ disagg: z.string() })).default([]),
    attributeOptionCombos: z.array(named(Partner)).default([]),
    /** ADX: a category (attribute name) is a Vigia dimension, its options Vigia options. */
    categories: z.array(named({ dimension: z.string().min(1), options: z.array(named({ option: z.string().min(1) })) })).default([]),
    /** ADX: attribute categories on a group (e.g. a funding mechanism) are sources or partners. */
    attributeCategories: z.array(named({ options: z.array(named(Partner)) })).default([]),
  })
  .strict();

export type Dhis2Mapping = z.infer<typeof Dhis2MappingSchema>;

/** Checks a parsed mapping file; a bad one is a validation error naming each bad field. */
export function parseDhis2Mapping(raw: unknown, file = 'mapping.json'): Dhis2Mapping {
  const r = Dhis2MappingSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  throw validationError(
    `${file}: not a valid DHIS2 mapping`,
    r.error.issues.map((i) => ({ file, column: i.path.join('.'), reason: i.message })),
  );
}
