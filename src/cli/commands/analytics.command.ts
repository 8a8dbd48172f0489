import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { addScopeOptions, collect, disaggOption, formatValue, resolveProgramCode, type ScopeOptions } from '../analytics-options.js';
import { queryAnalytics, type AnalyticsRow, type GroupBy } from '../../modules/analytics/analytics.service.js';
import { periodLabel, tryParsePeriod } from '../../core/periods.js';
import { registerCompare } from './compare.command.js';
import { registerProgress } from './progress.command.js';

interface AnalyticsOptions extends ScopeOptions {
  indicator: string[];
  by?: string[];
  from?: string;
  to?: string;
}

/** Rows as an aligned text table; only the columns some row has. */
function table(rows: readonly AnalyticsRow[]): string {
  const dims = [...new Set(rows.flatMap((r) => Object.keys(r.disagg ?? {})))];
  const columns: { head: string; cell: (r: AnalyticsRow) => string; right?: boolean }[] = [{ head: 'indicator', cell: (r) => r.indicator }];
  if (rows.some((r) => r.source !== undefined)) columns.push({ head: 'source', cell: (r) => r.source ?? '' });
  if (rows.some((r) => r.place))
    columns.push({ head: 'place', cell: (r) => (!r.place ? '' : r.place.name === r.place.code ? r.place.code : `${r.place.code} ${r.place.name}`) });
  if (rows.some((r) => r.period)) {
    columns.push({
      head: 'period',
      cell: (r) => {
        const p = r.period ? tryParsePeriod(r.period) : null;
        return p && periodLabel(p) !== p.id ? `${p.id} (${periodLabel(p)})` : (r.period ?? '');
      },
    });
  }
  for (const d of dims) columns.push({ head: d, cell: (r) => r.disagg?.[d] ?? '(not split)' });
  columns.push({ head: 'value', cell: (r) => formatValue(r.value), right: true });
  columns.push({ head: 'provenance', cell: (r) => r.provenance.join(', ') });

  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(c.head.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.head)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * `vigia analytics`, and with it `compare` and `progress`: the three analytics commands are
 * registered together so that main.ts needs one line for them.
 */
export function registerAnalytics(program: Command): void {
  const cmd = program
    .command('analytics')
    .description('Aggregate indicators from the live data, e.g. --indicator ERAD_HA --by place-level:2 --by period:fy-oct')
    .requiredOption('--indicator <code>', 'indicator code (repeatable)', collect)
    .option('--by <grouping>', 'place-level:N | period:year|quarter|month|fy-oct | disagg:DIMENSION | source (repeatable)', collect)
    .option('--from <period>', 'first period of the range (2012, 2012Q3, 201207, 2012Oct …)')
    .option('--to <period>', 'last period of the range');
  addScopeOptions(cmd).action(
    action(async (opts: AnalyticsOptions) => {
      await withDatabase(async ({ db }) => {
        const result = await queryAnalytics(db, {
          program: await resolveProgramCode(db, opts.program),
          indicators: opts.indicator,
          by: opts.by as GroupBy[],
          source: opts.source,
          place: opts.place,
          zone: opts.zone,
          from: opts.from,
          to: opts.to,
          disagg: disaggOption(opts.disagg),
          approvedOnly: opts.approvedOnly,
        });
        if (opts.json) console.log(JSON.stringify(result));
        else console.log(result.rows.length ? table(result.rows) : 'no data for this query');
      });
    }),
  );
  registerCompare(program);
  registerProgress(program);
}
