/**
 * "The fourth police academy is under construction": a statement about one project record,
 * its rank among projects of its kind (by start date) and its status and progress. Records are
 * read as the public sees them: a fact sheet never shows an official or restricted field.
 */
import { notFound } from '../../core/errors.js';
import { noProjectStatement, projectStatusStatement } from '../../core/statements/project-status.js';
import { listRecords } from '../records/records.service.js';
import type { RecordView } from '../records/record-view.js';
import { loadRecordTypes } from '../catalog/record-types.service.js';
import { ALL_ROWS, APPROVED_ROWS } from '../access/visible-data.repo.js';
import type { StatementSpec } from './report-definition.schema.js';
import type { StatementItem } from './report-document.js';
import type { ReportContext } from './report-context.js';

type ProjectSpec = Extract<StatementSpec, { kind: 'project_status' }>;

/** More projects of one kind than any program has; a guard, not a page size. */
const MAX_PROJECTS = 10_000;

function matches(r: RecordView, where: ProjectSpec['where']): boolean {
  return Object.entries(where).every(([field, want]) => r.data[field] === want);
}

/**
 * The project's status and percent complete at `end`. A record reports its current state; when
 * that state was reported after `end` (a 2012 fact sheet made in 2014), the status at `end` is
 * read from the milestones reached by then — all: completed; none: planned; some (or the
 * record lists none): under construction — and no percent is given, as none was reported for that date.
 */
export function statusAtEnd(r: RecordView, spec: ProjectSpec, end: string): { status: string; percent: number | null } {
  const asOf = r.data[spec.as_of_field];
  const pct = r.data[spec.percent_field];
  if (typeof asOf !== 'string' || asOf <= end) return { status: String(r.data[spec.status_field] ?? ''), percent: typeof pct === 'number' ? pct : null };
  const milestones = r.data[spec.milestones_field];
  const dates = Array.isArray(milestones) ? milestones.map((m) => m[spec.milestone_date_field]) : [];
  const reached = dates.filter((d) => typeof d === 'string' && d <= end).length;
  const status = dates.length && reached === dates.length ? 'completed' : dates.length && reached === 0 ? 'planned' : 'under_construction';
  return { status, percent: null };
}

/** The statement for the project a spec selects, among records dated up to the report period's end. */
export async function projectStatusItem(ctx: ReportContext, spec: ProjectSpec): Promise<StatementItem> {
  const program = ctx.catalog.program.code;
  const type = (await loadRecordTypes(ctx.db, ctx.catalog)).get(spec.record_type);
  if (!type) throw notFound(`program ${program} has no record type "${spec.record_type}"`);
  const { items } = await listRecords(ctx.db, program, {
    type: spec.record_type,
    to: ctx.period.end,
    visible: ctx.approvedOnly ? APPROVED_ROWS : ALL_ROWS,
    limit: MAX_PROJECTS,
    clearance: 'public',
  });
  // Records come by date then id, so a project's rank is its place in this list.
  const projects = items.filter((r) => matches(r, spec.where));
  const select = spec.select;
  const index = select === 'latest' ? projects.length - 1 : projects.findIndex((r) => r.ref === select.ref);
  const chosen = index >= 0 ? projects[index] : undefined;
  if (!chosen) return { ...noProjectStatement(spec.noun, spec.gender_es, ctx.period, ctx.lang), query: null, provenance: [] };

  const { status, percent } = statusAtEnd(chosen, spec, ctx.period.end);
  const choice = type.definition.fields.find((f) => f.code === spec.status_field)?.choices?.find((c) => c.code === status);
  const name = String(chosen.data[spec.name_field] ?? chosen.ref ?? `#${chosen.id}`);
  const s = projectStatusStatement(
    {
      name: { en: name, es: name },
      kind: spec.noun,
      genderEs: spec.gender_es,
      ordinal: spec.ordinal ? index + 1 : null,
      status,
      statusLabel: choice?.name ?? null,
      percentComplete: percent,
      asOf: ctx.period,
    },
    ctx.lang,
  );
  return {
    ...s,
    query: { kind: 'record', program, recordType: spec.record_type, ref: chosen.ref ?? `#${chosen.id}` },
    provenance: [chosen.provenance],
  };
}
