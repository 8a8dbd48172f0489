import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { addScopeOptions, disaggOption, formatValue, resolveProgramCode, type ScopeOptions } from '../analytics-options.js';
import { comparePeriods, type CompareSide } from '../../modules/analytics/analytics.service.js';
import { periodLabel, tryParsePeriod } from '../../core/periods.js';

interface CompareOptions extends ScopeOptions {
  indicator: string;
  from: string;
  to: string;
}

const sideText = (s: CompareSide): string => {
  const p = tryParsePeriod(s.period);
  const label = p && periodLabel(p) !== s.period ? ` (${periodLabel(p)})` : '';
  return `${s.period}${label} ${formatValue(s.value)}`;
};

const signed = (v: number, suffix = ''): string => `${v > 0 ? '+' : ''}${formatValue(v)}${suffix}`;

/** `vigia compare`: one indicator in two periods and the change between them. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('Compare an indicator between two periods, e.g. --from 2011Oct --to 2012Oct (FY2012 vs FY2013)')
    .requiredOption('--indicator <code>', 'indicator code')
    .requiredOption('--from <period>', 'first period (2012, 2012Q3, 201207, 2012Oct …)')
    .requiredOption('--to <period>', 'second period');
  addScopeOptions(cmd).action(
    action(async (opts: CompareOptions) => {
      await withDatabase(async ({ db }) => {
        const result = await comparePeriods(db, {
          program: await resolveProgramCode(db, opts.program),
          indicator: opts.indicator,
          source: opts.source,
          place: opts.place,
          zone: opts.zone,
          disagg: disaggOption(opts.disagg),
          from: opts.from,
          to: opts.to,
          approvedOnly: opts.approvedOnly,
        });
        if (opts.json) {
          console.log(JSON.stringify(result));
          return;
        }
        const what = `${result.indicator}${result.source ? ` [${result.source}]` : ''} at ${result.place}`;
        const change = result.change === null ? 'no change computable' : signed(result.change);
        const pct = result.change_pct === null ? '' : ` (${signed(result.change_pct, '%')})`;
        console.log(`${what}: ${sideText(result.from)} → ${sideText(result.to)}: ${change}${pct}`);
      });
    }),
  );
}
