/**
 * The expected reports of a program's calendar and their status on the clock's day — not due
 * yet, on time, late, missing — worked out live from the calendar and the submissions (a report
 * is submitted when the organisation's submissions cover its whole period), and from them the
 * completeness and timeliness per organisation × period and per program period.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { dayOf, type Clock } from '../../core/clock.js';
import { tryParsePeriod } from '../../core/periods.js';
import { closesOn, countReports, coveredAt, dueOn, expectedPeriods, reportStatus, share, type SubmittedSpan } from '../../core/reporting-calendar.js';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/policy.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { findCalendarRows, findReopenings, findSubmittedSpans } from './calendar.repo.js';
import { entryOf } from './calendar.service.js';
import type { ExpectedReport } from './calendar.schema.js';

/** Which reports: of periods within `period`, of one organisation. */
export interface ReportFilter {
  period?: string | undefined;
  organisation?: string | undefined;
}

/** Whose reports `actor` may see: a partner only its own organisation's; null: all. */
function ownOrganisation(actor: Actor | undefined): number | undefined {
  if (!actor) return undefined;
  requirePermission(actor, 'read_data');
  return actor.role === 'partner' ? (actor.organisationId ?? -1) : undefined;
}

/**
 * The expected reports of the program on the clock's day, in calendar order then period order:
 * every period of every entry from its start to the one running today. Without an actor (the
 * CLI): all organisations.
 */
export async function expectedReports(
  db: Kysely<Database>,
  actor: Actor | undefined,
  programCode: string,
  filter: ReportFilter,
  clock: Clock,
): Promise<{ as_of: string; reports: ExpectedReport[] }> {
  const own = ownOrganisation(actor);
  const program = await findProgram(db, programCode);
  const today = dayOf(clock);
  let from = '0001-01-01';
  let until = today;
  if (filter.period !== undefined) {
    const p = tryParsePeriod(filter.period);
    if (!p) throw validationError('not a period', [{ column: 'period', value: filter.period, reason: 'not a period (2013, 2013Q1, 201301, 2012Oct)' }]);
    from = p.start;
    if (p.end < until) until = p.end;
  }
  const entries = (await findCalendarRows(db, program.id, own)).filter((e) => filter.organisation === undefined || e.organisation === filter.organisation);
  const spans = new Map<number, SubmittedSpan[]>();
  for (const s of await findSubmittedSpans(db, program.id, own)) {
    const list = spans.get(s.organisation_id) ?? [];
    list.push(s);
    spans.set(s.organisation_id, list);
  }
  const reopened = new Set((await findReopenings(db, program.id, own)).map((r) => `${r.organisation_id}|${r.period}`));
  const reports: ExpectedReport[] = [];
  for (const e of entries) {
    const entry = entryOf(e);
    for (const p of expectedPeriods(e, program.fiscal_year_start_month, from, until)) {
      // A filter period holds only the reports whose whole period lies within it.
      if (filter.period !== undefined && p.end > (tryParsePeriod(filter.period)?.end ?? p.end)) continue;
      const due = dueOn(p, e);
      const closes = closesOn(p, e);
      const at = coveredAt(p, spans.get(e.organisation_id) ?? []);
      const isReopened = reopened.has(`${e.organisation_id}|${p.id}`);
      reports.push({
        organisation: e.organisation,
        period: p.id,
        frequency: e.frequency,
        indicators: entry.indicators,
        record_types: entry.record_types,
        due_on: due,
        closes_on: closes,
        closed: closes !== null && today >= closes && !isReopened,
        reopened: isReopened,
        submitted_at: at,
        status: reportStatus(due, at === null ? null : at.slice(0, 10), today),
      });
    }
  }
  return { as_of: today, reports };
}

/** Completeness and timeliness of the expected reports, per organisation × period and per period of the program. */
export async function completeness(db: Kysely<Database>, actor: Actor | undefined, programCode: string, filter: ReportFilter, clock: Clock) {
  const { as_of, reports } = await expectedReports(db, actor, programCode, filter, clock);
  const groups = new Map<string, { organisation: string; period: string; statuses: ExpectedReport['status'][] }>();
  const periods = new Map<string, ExpectedReport['status'][]>();
  for (const r of reports) {
    const key = `${r.organisation}|${r.period}`;
    const g = groups.get(key) ?? { organisation: r.organisation, period: r.period, statuses: [] };
    g.statuses.push(r.status);
    groups.set(key, g);
    periods.set(r.period, [...(periods.get(r.period) ?? []), r.status]);
  }
  // Periods in time order (their ids sort otherwise: 2013Q1 after 201312).
  const startOf = (id: string) => tryParsePeriod(id)?.start ?? id;
  const byPeriod = (a: { period: string }, b: { period: string }) => {
    const [x, y] = [startOf(a.period), startOf(b.period)];
    return x < y ? -1 : x > y ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
  };
  return {
    as_of,
    completeness: [...groups.values()]
      .map((g) => ({ organisation: g.organisation, period: g.period, ...countReports(g.statuses) }))
      .sort((a, b) => byPeriod(a, b) || (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0)),
    program: [...periods.entries()]
      .map(([period, statuses]) => {
        const c = countReports(statuses);
        return {
          period,
          expected: c.expected,
          submitted: c.submitted,
          on_time: c.on_time,
          completeness: share(c.submitted, c.expected),
          timeliness: share(c.on_time, c.expected),
        };
      })
      .sort(byPeriod),
  };
}
