import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { addScopeOptions, formatValue, resolveProgramCode, type ScopeOptions } from '../analytics-options.js';
import { progressAgainstTarget } from '../../modules/analytics/analytics.service.js';

interface ProgressOptions extends ScopeOptions {
  indicator: string;
  period: string;
}

/** `vigia progress`: an indicator's actual value in a period against its target. */
export function registerProgress(program: Command): void {
  const cmd = program
    .command('progress')
    .description('Actual value of an indicator in a period against its target and baseline')
    .requiredOption('--indicator <code>', 'indicator code')
    .requiredOption('--period <period>', 'the period of the target (2013, 2012Oct …)');
  addScopeOptions(cmd, { zone: false, disagg: false }).action(
    action(async (opts: ProgressOptions) => {
      await withDatabase(async ({ db }) => {
        const r = await progressAgainstTarget(db, {
          program: await resolveProgramCode(db, opts.program),
          indicator: opts.indicator,
          source: opts.source,
          place: opts.place,
          period: opts.period,
          approvedOnly: opts.approvedOnly,
        });
        if (opts.json) {
          console.log(JSON.stringify(r));
          return;
        }
        const pct = r.pct_of_target === null ? '' : ` (${formatValue(r.pct_of_target)}% of target)`;
        const track = r.on_track === null ? '' : r.on_track ? ', on track' : ', off track';
        const baseline = r.baseline ? `; baseline ${r.baseline.period}: ${formatValue(r.baseline.value)}` : '';
        console.log(`${r.indicator} at ${r.place}, ${r.period}: actual ${formatValue(r.actual)}, target ${formatValue(r.target)}${pct}${track}${baseline}`);
      });
    }),
  );
}
