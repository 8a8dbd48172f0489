/**
 * The values benchmark (acceptance 6 of the issue): how fast values load through the real
 * write path, how fast an analytics query answers compared with plain SQL over the raw values,
 * and how soon a single write is visible to analytics, without and with validation rules.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { queryAnalytics } from '../src/modules/analytics/analytics.service.js';
import { writeValue } from '../src/modules/values/values.service.js';
import { qualityRuleSchema, type QualityRuleInput } from '../src/core/quality-rules.js';
import { replaceProgramRules } from '../src/modules/quality-rules/quality-rules.service.js';
import type { Benchmark, BenchContext, Metric } from './bench-context.js';
import { median, round, timed } from './stats.js';

/**
 * The baseline a developer would write by hand: raw values of one indicator joined up the place
 * tree (district › province › department), summed by department and calendar year. It uses the
 * data_value key index (indicator_id first) and the place primary key. Run through Kysely's `sql`
 * on the same connection as the analytics query, so driver and cache are the same for both.
 */
async function sqlBaseline(db: Db, indicatorId: number): Promise<Map<string, number>> {
  const { rows } = await sql<{ code: string; year: string; total: number }>`
    SELECT dep.code AS code, substr(v.period, 1, 4) AS year, sum(v.value) AS total
    FROM data_value v
    JOIN place d ON d.id = v.place_id
    JOIN place pr ON pr.id = d.parent_id
    JOIN place dep ON dep.id = pr.parent_id
    WHERE v.indicator_id = ${indicatorId}
    GROUP BY dep.code, year`.execute(db);
  return new Map(rows.map((r) => [`${r.code}|${r.year}`, Number(r.total)]));
}

/** Fails the benchmark loudly when our answer and the baseline's disagree. */
function assertSameTotals(ours: Map<string, number>, baseline: Map<string, number>, indicator: string): void {
  const keys = new Set([...ours.keys(), ...baseline.keys()]);
  for (const k of keys) {
    if ((ours.get(k) ?? 0) !== (baseline.get(k) ?? 0)) {
      throw new Error(`analytics and the SQL baseline disagree for ${indicator} at ${k}: ${ours.get(k)} vs ${baseline.get(k)}`);
    }
  }
}

async function analyticsVersusSql(ctx: BenchContext): Promise<Record<string, Metric>> {
  const { db, program, options } = ctx;
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const baseline: number[] = [];
  const baselineCpu: number[] = [];
  const query = (code: string) => queryAnalytics(db, { program: program.code, indicators: [code], by: ['place-level:2', 'period:year'] });
  // One untimed round on the last indicator: first-query costs (statement preparation, the
  // catalog) are not what a dashboard user waits for.
  const warm = program.indicators[program.indicators.length - 1]!;
  await query(warm.code);
  await sqlBaseline(db, warm.id);

  for (let run = 0; run < options.runs; run++) {
    // A different indicator each run, so we do not measure one cached range over and over.
    const indicator = program.indicators[run % program.indicators.length]!;
    // Alternating the two keeps them under the same machine load.
    const a = await timed(() => query(indicator.code));
    ours.push(a.ms);
    oursCpu.push(a.cpuMs);
    const b = await timed(() => sqlBaseline(db, indicator.id));
    baseline.push(b.ms);
    baselineCpu.push(b.cpuMs);
    const totals = new Map(a.result.rows.map((r) => [`${r.place?.code}|${r.period}`, r.value ?? 0]));
    assertSameTotals(totals, b.result, indicator.code);
  }
  const sqlP50 = median(baseline);
  const oursP50 = median(ours);
  return {
    analytics_p50_ms: round(oursP50),
    analytics_sql_p50_ms: round(sqlP50),
    analytics_vs_sql_ratio: round(oursP50 / sqlP50),
    analytics_cpu_p50_ms: round(median(oursCpu)),
    analytics_sql_cpu_p50_ms: round(median(baselineCpu)),
  };
}

async function writeVisible(ctx: BenchContext, prefix = 'write_visible'): Promise<Record<string, Metric>> {
  const { db, program, options } = ctx;
  const indicator = program.indicators[0]!.code;
  const place = program.leaves[program.leaves.length - 1]!.code;
  const period = program.months[program.months.length - 1]!.id;
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run <= options.runs; run++) {
    const value = 100_000 + run;
    const { ms, cpuMs, result } = await timed(async () => {
      await writeValue(db, program.code, { indicator, place, period, value, status: 'approved' });
      return queryAnalytics(db, { program: program.code, indicators: [indicator], place, from: period, to: period });
    });
    const seen = result.rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
    if (result.rows.length !== 1 || seen !== value) {
      throw new Error(`write not visible: wrote ${value} to ${indicator}/${place}/${period}, analytics answered ${JSON.stringify(result.rows)}`);
    }
    // The first round pays for the catalog and statement caches; it is not counted.
    if (run > 0) {
      samples.push(ms);
      cpu.push(cpuMs);
    }
  }
  return { [`${prefix}_p50_ms`]: round(median(samples)), [`${prefix}_cpu_p50_ms`]: round(median(cpu)) };
}

/**
 * The same write with ten validation rules on the written indicator (ranges, whole numbers, a
 * per-level range, relations with another indicator, an outlier check over the series' history),
 * so every rule is evaluated on each write (issue 16, acceptance 8). The rules hold for the values
 * written, except that the outlier check may flag them (a warning: stored all the same).
 */
async function writeCheckedVisible(ctx: BenchContext): Promise<Record<string, Metric>> {
  const [written, other] = ctx.program.indicators;
  const a = written!.code;
  const b = (other ?? written!).code;
  const rules: QualityRuleInput[] = [
    { code: 'B_MIN', kind: 'range', indicator: a, min: 0 },
    { code: 'B_MAX', kind: 'range', indicator: a, max: 1e12 },
    { code: 'B_MAX_LEVEL', kind: 'range', indicator: a, max: 1e12, level: 2, severity: 'warning' },
    { code: 'B_WARN', kind: 'range', indicator: a, min: -1, max: 1e13, severity: 'warning' },
    { code: 'B_WHOLE', kind: 'whole', indicator: a },
    { code: 'B_WHOLE_W', kind: 'whole', indicator: a, severity: 'warning' },
    { code: 'B_REL', kind: 'relation', relation: `${a} <= ${b} * 1000000000`, severity: 'warning' },
    { code: 'B_REL2', kind: 'relation', relation: `${a} >= 0 - ${b}` },
    { code: 'B_REL3', kind: 'relation', relation: `${a} + ${b} >= 0` },
    { code: 'B_OUTLIER', kind: 'outlier', indicator: a, threshold: 3.5, min_history: 6 },
  ];
  const programId = (await ctx.db.selectFrom('program').select('id').where('code', '=', ctx.program.code).executeTakeFirstOrThrow()).id;
  await ctx.db.transaction().execute((trx) =>
    replaceProgramRules(
      trx,
      programId,
      rules.map((r) => qualityRuleSchema.parse(r)),
    ),
  );
  try {
    return await writeVisible(ctx, 'write_checked_visible');
  } finally {
    await ctx.db.transaction().execute((trx) => replaceProgramRules(trx, programId, []));
  }
}

export const valuesBench: Benchmark = {
  name: 'values',
  description: 'load through storeValues, analytics vs plain SQL, write-to-visible latency',
  async run(ctx) {
    const load = await ctx.loadValues();
    const metrics: Record<string, Metric> = {
      load_values_per_s: Math.round(load.valuesPerSecond),
      load_seconds: round(load.seconds),
      load_cpu_seconds: round(load.cpuSeconds),
      load_values_per_cpu_s: Math.round(load.values / load.cpuSeconds),
    };
    if (load.valuesPerSecond < 100_000) {
      ctx.note(`load_values_per_s ${Math.round(load.valuesPerSecond)} is below the 100,000/s target`);
    }
    Object.assign(metrics, await analyticsVersusSql(ctx));
    Object.assign(metrics, await writeVisible(ctx));
    Object.assign(metrics, await writeCheckedVisible(ctx));
    return metrics;
  },
};
