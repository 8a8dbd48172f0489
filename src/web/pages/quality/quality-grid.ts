/**
 * The data-quality heat map's arithmetic over the API's expected reports: one cell per
 * organisation × period (its counts and summing-up status, by the same `countReports` the
 * server uses), and completeness and timeliness per organisation and for the program — after
 * the page's indicator filter, which the API has no parameter for but every report names.
 */
import { countReports, share, type ReportCounts, type ReportStatus } from '../../../core/reporting-calendar';
import { tryParsePeriod } from '../../../core/periods';

export interface ReportLike {
  organisation: string;
  period: string;
  indicators: string[];
  status: ReportStatus;
  closed: boolean;
  reopened: boolean;
}

export interface Totals {
  expected: number;
  submitted: number;
  on_time: number;
  /** Share (0–1) submitted; null when nothing was expected. */
  completeness: number | null;
  /** Share (0–1) submitted by the due day; null when nothing was expected. */
  timeliness: number | null;
}

export interface QualityGrid {
  organisations: string[];
  /** In time order (a quarter before the fiscal year that ends with it). */
  periods: string[];
  cell(organisation: string, period: string): ReportCounts | undefined;
  byOrganisation: Map<string, Totals>;
  /** The program's figures of each period (all organisations' reports of it). */
  byPeriod: Map<string, Totals>;
  program: Totals;
}

function totals(statuses: readonly ReportStatus[]): Totals {
  const c = countReports(statuses);
  return {
    expected: c.expected,
    submitted: c.submitted,
    on_time: c.on_time,
    completeness: share(c.submitted, c.expected),
    timeliness: share(c.on_time, c.expected),
  };
}

/** Reports of one indicator (all when `indicator` is empty). */
export function reportsOf<R extends ReportLike>(reports: readonly R[], indicator: string): R[] {
  return indicator ? reports.filter((r) => r.indicators.includes(indicator)) : [...reports];
}

export function qualityGrid(reports: readonly ReportLike[]): QualityGrid {
  const cells = new Map<string, ReportStatus[]>();
  const orgs = new Map<string, ReportStatus[]>();
  const periods = new Map<string, ReportStatus[]>();
  for (const r of reports) {
    const key = `${r.organisation}|${r.period}`;
    cells.set(key, [...(cells.get(key) ?? []), r.status]);
    orgs.set(r.organisation, [...(orgs.get(r.organisation) ?? []), r.status]);
    periods.set(r.period, [...(periods.get(r.period) ?? []), r.status]);
  }
  const span = (id: string) => tryParsePeriod(id) ?? { start: id, end: id };
  const sorted = [...periods.keys()].sort((a, b) => {
    const [x, y] = [span(a), span(b)];
    return x.end < y.end ? -1 : x.end > y.end ? 1 : x.start > y.start ? -1 : x.start < y.start ? 1 : 0;
  });
  const counted = new Map([...cells].map(([k, s]) => [k, countReports(s)]));
  return {
    organisations: [...orgs.keys()].sort(),
    periods: sorted,
    cell: (o, p) => counted.get(`${o}|${p}`),
    byOrganisation: new Map([...orgs].map(([o, s]) => [o, totals(s)])),
    byPeriod: new Map([...periods].map(([p, s]) => [p, totals(s)])),
    program: totals(reports.map((r) => r.status)),
  };
}

/** The closed periods an officer may reopen: closed to the partner today and not reopened yet. */
export function reopenable<R extends ReportLike>(reports: readonly R[]): { organisation: string; period: string }[] {
  const seen = new Set<string>();
  const out: { organisation: string; period: string }[] = [];
  for (const r of reports) {
    const key = `${r.organisation}|${r.period}`;
    if (r.closed && !r.reopened && !seen.has(key)) {
      seen.add(key);
      out.push({ organisation: r.organisation, period: r.period });
    }
  }
  return out;
}
