/**
 * A report definition as a program folder holds it (`reports/<code>.json`): a title and an
 * ordered list of sections — narrative Markdown in English and Spanish, result statements,
 * indicator tables, charts and the indicator-progress table. Periods are written relative to
 * the report's period (0 is the report period, -1 the one before) or as fixed period ids.
 */
import { z } from 'zod';
import { validationError, type IssueDetail } from '../../core/errors.js';
import { tryParsePeriod } from '../../core/periods.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';

const CODE = /^[A-Za-z0-9_.-]+$/;
const code = z.string().regex(CODE, 'codes use letters, digits, _ . -');

/** Text in both languages; Markdown where the section says so. */
const bilingual = z.object({ en: z.string(), es: z.string() }).strict();

/** A period: an offset from the report period (-1 = the one before), or a fixed id such as 2011 or 2012Oct. */
const periodRef = z.union([
  z.number().int().min(-100).max(100),
  z.string().refine((s) => tryParsePeriod(s) !== null, 'not a period id (2012, 2012Q3, 201207, 2012Oct) nor an offset such as -1'),
]);
export type PeriodRef = z.infer<typeof periodRef>;

const periodRange = z.object({ from: periodRef, to: periodRef }).strict();

/** What a figure is read from: the analytics query it reproduces. */
const scope = {
  indicator: code,
  /** Required when the indicator has several sources (they are never added together). */
  source: code.optional(),
  /** A place code; the whole program when absent. */
  place: code.optional(),
  /** A zone code (a coca-growing valley), instead of a place. */
  zone: code.optional(),
  /** dimension=option pairs joined by `;`. */
  disagg: z.string().optional(),
  /** The subject of the sentence instead of the indicator's name. */
  label: bilingual.optional(),
};

const comparison = z.object({ kind: z.literal('comparison'), ...scope, from: periodRef.default(-1), to: periodRef.default(0) }).strict();
const value = z.object({ kind: z.literal('value'), ...scope, period: periodRef.default(0) }).strict();
const count = z
  .object({
    kind: z.literal('count'),
    ...scope,
    period: periodRef.default(0),
    /** Round down by this step ("more than 50" with 10); the default is one significant figure. */
    step: z.number().int().positive().optional(),
  })
  .strict();
const projectStatus = z
  .object({
    kind: z.literal('project_status'),
    record_type: code,
    /** field → value every chosen record must have (`{"kind": "police_academy"}`). */
    where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    /** Which matching record: the one that started last, or the one with this `ref`. */
    select: z.union([z.literal('latest'), z.object({ ref: z.string().min(1) }).strict()]).default('latest'),
    /** The kind of project, singular: "police academy" / "escuela de policía". */
    noun: bilingual,
    /** Gender of the Spanish noun, for its article and ordinal. */
    gender_es: z.enum(['f', 'm']).default('f'),
    /** Say "the fourth …" (its rank among matching records by date). */
    ordinal: z.boolean().default(true),
    name_field: z.string().default('name'),
    status_field: z.string().default('phase'),
    percent_field: z.string().default('percent_complete'),
    /** The date the status and percent were last reported; later than the period's end, the status is read from the milestones instead. */
    as_of_field: z.string().default('as_of'),
    /** The list of milestones and the date field of each that says it was reached. */
    milestones_field: z.string().default('milestones'),
    milestone_date_field: z.string().default('actual'),
  })
  .strict();
const text = z.object({ kind: z.literal('text'), text: bilingual }).strict();

export const StatementSpecSchema = z.discriminatedUnion('kind', [comparison, value, count, projectStatus, text]);
export type StatementSpec = z.infer<typeof StatementSpecSchema>;
export type FigureSpec = Extract<StatementSpec, { indicator: string }>;

const heading = bilingual.optional();

const narrative = z
  .object({
    type: z.literal('narrative'),
    heading,
    /** Markdown; `{{program}}`, `{{period}}`, `{{country}}`, `{{data_version}}` are filled in. */
    text: bilingual,
    /** Text for particular report periods instead of `text` (period id → text). */
    by_period: z.record(z.string(), bilingual).optional(),
  })
  .strict();

const statements = z
  .object({
    type: z.literal('statements'),
    heading,
    /** Markdown before the statements. */
    intro: bilingual.optional(),
    /** A bulleted list (default) or one paragraph. */
    style: z.enum(['list', 'paragraph']).default('list'),
    /** When data are missing: say so in the statement (default) or leave the statement out. */
    if_missing: z.enum(['say', 'omit']).default('say'),
    items: z.array(StatementSpecSchema).min(1),
  })
  .strict();

const table = z
  .object({
    type: z.literal('table'),
    heading,
    caption: bilingual.optional(),
    /** One row per indicator (with its source where it has several), one column per period. */
    rows: z.array(z.object({ ...scope }).strict()).min(1),
    periods: periodRange,
  })
  .strict();

const chart = z
  .object({
    type: z.literal('chart'),
    heading,
    caption: bilingual.optional(),
    ...scope,
    /** For an indicator with several sources: one series each (default: all its sources). */
    sources: z.array(code).optional(),
    periods: periodRange,
    style: z.enum(['bar', 'line']).default('bar'),
    /** Draw the indicator's targets as a line with markers. */
    targets: z.boolean().default(false),
  })
  .strict();

const progress = z
  .object({
    type: z.literal('progress'),
    heading,
    intro: bilingual.optional(),
    periods: periodRange,
    /** Framework codes (goals or components) to include; all when absent. */
    only: z.array(code).optional(),
    /** Leave out indicators of these sensitivities (default: restricted ones). */
    exclude_sensitivity: z.array(z.enum(SENSITIVITIES)).default(['restricted']),
    charts: z.boolean().default(true),
  })
  .strict();

export const SectionSchema = z.discriminatedUnion('type', [narrative, statements, table, chart, progress]);
export type Section = z.infer<typeof SectionSchema>;

export const ReportDefinitionSchema = z
  .object({
    code: code,
    /** `{{program}}` and `{{period}}` are filled in. */
    title: bilingual,
    subtitle: bilingual.optional(),
    /** Approved data only (default, for anything published) or everything entered. */
    data: z.enum(['approved', 'all']).default('approved'),
    sections: z.array(SectionSchema).min(1),
  })
  .strict();
export type ReportDefinition = z.infer<typeof ReportDefinitionSchema>;

/**
 * Parses a definition (JSON already parsed), throwing one validation error that lists every
 * problem with the file and the path of the offending part (`sections[2].items[0].indicator`).
 */
export function parseReportDefinition(json: unknown, file?: string): ReportDefinition {
  const r = ReportDefinitionSchema.safeParse(json);
  if (r.success) return r.data;
  const details: IssueDetail[] = r.error.issues.map((i) => ({
    ...(file ? { file } : {}),
    column: formatPath(i.path),
    reason: i.message,
  }));
  throw validationError(`${file ?? 'report definition'}: ${details.length} problem(s)`, details);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top)';
}

/** The indicator codes a definition names: its statements' figures, its tables' rows and its charts. */
export function definitionIndicators(def: ReportDefinition): Set<string> {
  const codes = new Set<string>();
  for (const section of def.sections) {
    if (section.type === 'statements') for (const item of section.items) if ('indicator' in item) codes.add(item.indicator);
    if (section.type === 'table') for (const row of section.rows) codes.add(row.indicator);
    if (section.type === 'chart') codes.add(section.indicator);
  }
  return codes;
}
