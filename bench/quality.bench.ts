/**
 * The quality report (issue 16, acceptance 8): `vigia quality --period P` — open rule warnings,
 * open outliers, completeness and timeliness — for one quarter at `--values` synthetic values
 * (1,000,000 by default), with one value in fifty carrying an open flag (half of them outliers)
 * and a reporting calendar of twenty organisations, quarterly. Target: a median of 200 ms or less.
 */
import { saveCalendar } from '../src/modules/calendar/calendar.service.js';
import { insertFlags, type NewFlag } from '../src/modules/quality-rules/quality-rules.repo.js';
import { qualityReport } from '../src/modules/quality-report/quality-report.service.js';
import { clockAt } from '../src/core/clock.js';
import type { Benchmark } from './bench-context.js';
import { median, round, timed } from './stats.js';

const ORGANISATIONS = 20;
/** One value in this many carries an open flag. */
const FLAG_EVERY = 50;
const PERIOD = '2015Q2';

export const qualityBench: Benchmark = {
  name: 'quality',
  description: `the quality report for one quarter (${PERIOD}): open warnings and outliers (one value in ${FLAG_EVERY} flagged) and completeness of ${ORGANISATIONS} organisations`,
  async run(ctx) {
    await ctx.loadValues();
    const { db, program } = ctx;
    const codes = Array.from({ length: ORGANISATIONS }, (_, i) => `QORG${i + 1}`);
    await db
      .insertInto('organisation')
      .values(codes.map((code) => ({ program_id: program.programId, code, name_en: code, name_es: code, kind: 'ngo', country_code: null, iati_ref: null })))
      .execute();
    const admin = { userId: null, role: 'admin' as const, organisationId: null, clearance: 'restricted' as const };
    await saveCalendar(db, admin, program.code, {
      reports: codes.map((organisation) => ({
        organisation,
        indicators: [program.indicators[0]!.code],
        record_types: [],
        frequency: 'quarter' as const,
        due_days: 15,
        close_days: 60,
        start: '2010-01-01',
        end: null,
      })),
    });
    const ids = await db
      .selectFrom('data_value')
      .select(['id', 'value'])
      .where(({ eb }) => eb(eb('id', '%', FLAG_EVERY), '=', 0))
      .execute();
    const at = new Date().toISOString();
    const flags: NewFlag[] = ids.map((v, n) =>
      n % 2
        ? {
            value_id: v.id,
            rule_code: 'Q_RANGE',
            kind: 'range',
            value: v.value,
            expected: '500',
            message: `Q_RANGE: ${v.value} is above the maximum 500`,
            sensitivity: 'public',
            created_at: at,
          }
        : {
            value_id: v.id,
            rule_code: 'Q_OUT',
            kind: 'outlier',
            value: v.value,
            expected: '{"low":1,"high":2}',
            message: 'outside the expected range',
            sensitivity: 'public',
            created_at: at,
          },
    );
    for (let i = 0; i < flags.length; i += 500) await insertFlags(db, flags.slice(i, i + 500));
    const clock = clockAt('2016-01-01T00:00:00Z');
    const query = () => qualityReport(db, undefined, program.code, { period: PERIOD }, clock);
    const warm = await query();
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < ctx.options.runs; i++) {
      const r = await timed(query);
      samples.push(r.ms);
      cpu.push(r.cpuMs);
    }
    ctx.log(
      `quality: ${flags.length} open flags; ${PERIOD}: ${warm.violations.length} violations, ${warm.outliers.length} outliers, ${warm.completeness.length} completeness rows`,
    );
    return {
      quality_p50_ms: round(median(samples), 1),
      quality_cpu_p50_ms: round(median(cpu), 1),
      quality_open_flags: flags.length,
      quality_period_flags: warm.violations.length + warm.outliers.length,
    };
  },
};
