/**
 * The program folder format (docs/program-format.md) as schemas: zod for the JSON files, and
 * the column lists of each CSV file. The reader and validator check files against these.
 */
import { z } from 'zod';
import type { CsvColumns } from '../../files/csv-table.reader.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { referenceSheetSchema } from '../../core/reference-sheet.schema.js';

/** Letters, digits, `_`, `.` and `-`: the same alphabet disaggregation keys accept. */
export const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const CODE_RULE = 'codes use letters, digits, _ . and - only';

const code = z.string().trim().regex(CODE_PATTERN, CODE_RULE);
const text = z.string().trim().min(1, 'must not be empty');
const names = z.strictObject({ en: text, es: text });
/** Retired (design changes never delete what data uses): kept with its values, offered for no new data. Absent: left as it is. */
const retired = z.boolean().optional();
/** How a dump writes a stored retired flag: `retired: true`, or nothing (so folders of programs that retire nothing are as before). */
export const retiredMark = (stored: number | null): { retired?: true } => (Number(stored) === 1 ? { retired: true } : {});

export const FRAMEWORK_KINDS = ['goal', 'component'] as const;
export const TARGET_KINDS = ['baseline', 'target', 'lop_target'] as const;

export const programFileSchema = z.strictObject({
  code,
  name: names,
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. PE'),
  fiscal_year_start_month: z.number().int().min(1).max(12),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, e.g. USD')
    .default('USD'),
});
export type ProgramFile = z.infer<typeof programFileSchema>;

/** One item of dimensions.json. */
export const dimensionSchema = z.strictObject({
  code,
  name: names,
  options: z.array(z.strictObject({ code, name: names, retired })).min(1, 'a dimension needs at least one option'),
  retired,
});
export type DimensionEntry = z.infer<typeof dimensionSchema>;

/** One item of indicators.json. */
export const indicatorSchema = z
  .strictObject({
    code,
    component: code,
    name: names,
    description: z.strictObject({ en: z.string().trim(), es: z.string().trim() }).partial().optional(),
    unit: text,
    direction: z.enum(['up', 'down', 'none']),
    agg_time: z.enum(['sum', 'latest', 'average']),
    agg_place: z.enum(['sum', 'average', 'none']),
    sensitivity: z.enum(SENSITIVITIES),
    origin: z.enum(['reported', 'records', 'formula']),
    formula: text.optional(),
    decimals: z.number().int().min(0).max(10).default(0),
    sources: z.array(code).default([]),
    dimensions: z.array(code).default([]),
    /** Values and targets may be negative (a change, a balance); hectares, tonnes and counts may not. */
    allow_negative: z.boolean().default(false),
    /** The reference sheet's fields (PIRS); see core/reference-sheet.ts. */
    reference: referenceSheetSchema.optional(),
    retired,
  })
  .superRefine((i, ctx) => {
    if (i.origin === 'formula' && !i.formula) {
      ctx.addIssue({ code: 'custom', path: ['formula'], message: 'required when origin is "formula"' });
    }
    if (i.origin !== 'formula' && i.formula) {
      ctx.addIssue({ code: 'custom', path: ['formula'], message: `only indicators with origin "formula" have one (this one is "${i.origin}")` });
    }
  });
export type IndicatorEntry = z.infer<typeof indicatorSchema>;

export const CSV_COLUMNS = {
  places: { required: ['code', 'name', 'level'], optional: ['parent', 'lat', 'lon', 'iso'] },
  zones: { required: ['code', 'name_en', 'name_es'], optional: [] },
  zonePlaces: { required: ['zone', 'place'], optional: [] },
  organisations: { required: ['code', 'name_en', 'name_es', 'kind'], optional: ['country', 'iati_ref'] },
  sources: { required: ['code', 'name_en', 'name_es'], optional: ['url'] },
  framework: { required: ['code', 'kind', 'name_en', 'name_es'], optional: ['parent', 'description_en', 'description_es', 'retired'] },
  targets: { required: ['indicator', 'place', 'period', 'kind', 'value'], optional: ['source', 'disagg', 'provenance', 'note'] },
  values: {
    required: ['indicator', 'place', 'period', 'value', 'provenance'],
    optional: ['disagg', 'source', 'note', 'status', 'organisation'],
  },
} as const satisfies Record<string, CsvColumns>;

/** The files of a program folder, in the order they are read and their problems listed. */
export const FOLDER_FILES = {
  program: 'program.json',
  places: 'places.csv',
  zones: 'zones.csv',
  zonePlaces: 'zone-places.csv',
  organisations: 'organisations.csv',
  sources: 'sources.csv',
  dimensions: 'dimensions.json',
  framework: 'framework.csv',
  indicators: 'indicators.json',
  targets: 'targets.csv',
  valuesDir: 'values',
} as const;

/** Files a folder must have; the rest are optional. */
export const REQUIRED_FILES: readonly string[] = [FOLDER_FILES.program, FOLDER_FILES.places, FOLDER_FILES.framework, FOLDER_FILES.indicators];
