/**
 * Everything of a program that names an indicator by code or id, so that deleting it over the
 * design API never leaves a dangling reference: values and targets (life-of-program ones
 * included), formulas of other indicators, validation rules, record types' roll-ups, DQAs,
 * report definitions, tracking-table explanations and the reporting calendar. Each use is
 * described for the 409 that refuses the delete.
 */
import type { Kysely } from 'kysely';
import { formulaRefs, parseFormula } from '../../core/formula.js';
import type { Database } from '../../db/schema.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { loadRecordTypes } from '../catalog/record-types.service.js';
import { findCalendarRows } from '../calendar/calendar.repo.js';
import { loadProgramRules } from '../quality-rules/program-rules.js';
import { definitionIndicators, parseReportDefinition } from '../reports/report-definition.schema.js';
import { listReportDefinitionRows } from '../reports/report.repo.js';
import * as repo from './design.repo.js';

const counted = (n: number, what: string, plural = `${what}s`) => (n ? `${n} ${n === 1 ? what : plural}` : '');
const named = (codes: Iterable<string>, what: string) => {
  const list = [...new Set(codes)].sort();
  return list.length ? `${what} ${list.join(', ')}` : '';
};

/** What uses indicator `code` of `catalog`'s program, each part a phrase ("3 values", "validation rules R1"); empty when nothing does. */
export async function usesOfIndicator(db: Kysely<Database>, catalog: Catalog, code: string, indicatorId: number): Promise<string[]> {
  const programId = catalog.program.id;
  const data = await repo.dataOfIndicator(db, indicatorId);
  const formulas = [...catalog.indicators.values()].filter(
    (i) => i.code !== code && i.formula && formulaRefs(parseFormula(i.formula)).some((r) => r.indicator === code),
  );
  const rules = await loadProgramRules(db, programId);
  const ruleCodes = [...(rules.byIndicator.get(code) ?? []), ...(rules.outliers.get(code) ?? []), ...(rules.relations.get(code) ?? []).map((r) => r.rule)];
  // A program's own record type names its roll-ups' indicators strictly; a built-in one only while the roll-up is active.
  const recordTypes = [...(await loadRecordTypes(db, catalog)).values()]
    .filter((t) => t.definition.rollups.some((r, i) => r.indicator === code && (!t.builtin || !t.plan.inactive.some((x) => x.index === i))))
    .map((t) => t.definition.code);
  const reports = (await listReportDefinitionRows(db, programId))
    .filter((r) => definitionIndicators(parseReportDefinition(JSON.parse(r.definition) as unknown)).has(code))
    .map((r) => r.code);
  const calendar = (await findCalendarRows(db, programId)).filter((c) => (JSON.parse(c.indicators) as string[]).includes(code)).map((c) => c.organisation);
  return [
    counted(data.values, 'value'),
    data.targets ? `${counted(data.targets, 'target')}${data.lopTargets ? ` (${data.lopTargets} life-of-program)` : ''}` : '',
    named(
      formulas.map((i) => i.code),
      'the formulas of',
    ),
    named(
      ruleCodes.map((r) => r.code),
      'validation rules',
    ),
    named(recordTypes, 'the roll-ups of record types'),
    counted(data.dqas, 'DQA'),
    named(reports, 'report definitions'),
    counted(data.explanations, 'tracking-table explanation'),
    named(calendar, 'the reporting calendar of'),
  ].filter(Boolean);
}
