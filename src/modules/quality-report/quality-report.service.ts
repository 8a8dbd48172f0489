/**
 * A program's data quality as one object, the same for the API and the CLI: the open warnings
 * of validation rules (`violations`), the open outlier flags (`outliers`), and completeness and
 * timeliness of the expected reports per organisation × period (`completeness`), optionally of
 * the periods within one. A reader sees what it may see of the values (a partner: the flags on
 * its own organisation's values, and its own organisation's reports); without an actor (the
 * CLI), everything.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import { tryParsePeriod } from '../../core/periods.js';
import type { Actor } from '../access/actor.js';
import { dataScope, requirePermission, type DataScope } from '../access/policy.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { valueScopeOf } from '../catalog/indicator-sensitivity.service.js';
import { completeness } from '../calendar/expected-reports.service.js';
import { flagReaderOf, flagView } from '../quality-rules/value-flags.js';
import { openFlagsWithin } from './quality-report.repo.js';
import type { QualityReport } from './quality-report.schema.js';

/** Most open flags one report lists (violations and outliers together); `truncated` says when there were more. */
export const REPORT_FLAGS_LIMIT = 5_000;

/** What the system itself sees (the CLI): every row of every indicator. */
const SYSTEM_SCOPE: DataScope = { approvedOnly: false, ownOrganisationId: null, maxSensitivity: 'restricted' };

export async function qualityReport(
  db: Kysely<Database>,
  actor: Actor | undefined,
  programCode: string,
  filter: { period?: string | undefined },
  clock: Clock,
): Promise<QualityReport> {
  if (actor) requirePermission(actor, 'read_data');
  const span = filter.period === undefined ? undefined : tryParsePeriod(filter.period);
  if (span === null)
    throw validationError(`period: "${filter.period}" is not a period`, [
      { column: 'period', value: filter.period, reason: 'not a period (2013, 2013Q1, 201301, 2012Oct)' },
    ]);
  const program = await findProgram(db, programCode);
  const scope = actor ? dataScope(actor) : SYSTEM_SCOPE;
  // A partner reads other organisations' approved values, but their warnings are not its business.
  const own = actor?.role === 'partner' ? (actor.organisationId ?? -1) : undefined;
  const reader = flagReaderOf(actor);
  const rows = await openFlagsWithin(db, program.id, await valueScopeOf(db, program.id, scope), {
    start: span?.start,
    end: span?.end,
    organisationId: own,
    ceiling: reader.ceiling,
    limit: REPORT_FLAGS_LIMIT + 1,
  });
  const report: QualityReport = { violations: [], outliers: [], completeness: [], truncated: rows.length > REPORT_FLAGS_LIMIT };
  for (const r of rows.slice(0, REPORT_FLAGS_LIMIT)) {
    const view = flagView(r, reader.reveal);
    const where = { indicator: r.indicator, place: r.place, period: r.period };
    if (r.kind === 'outlier') report.outliers.push({ ...where, value: r.value, expected: view.expected as { low: number; high: number } });
    // Only warnings are ever stored: a broken error rule refuses the write.
    else report.violations.push({ rule: r.rule_code, severity: 'warning', ...where, value: view.value, message: r.message });
  }
  report.completeness = (await completeness(db, actor, program.code, { period: filter.period }, clock)).completeness;
  return report;
}
