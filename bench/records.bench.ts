/**
 * The records benchmark (issue 3, acceptance 5): seizure records loaded through the real import
 * path (validation, unit conversion, roll-ups into the fact table in the same transaction), then
 * seizures by substance × department × year through the analytics service. The record count
 * follows the shared `--values` option (1,000,000 by default). Targets: ≥ 50,000 records/s and
 * an analytics median of ≤ 50 ms. The query reads the coarse fact level; the same query over
 * the leaf facts is timed alongside (records_analytics_leaf_p50_ms) and must give the same rows.
 */
import type { Db } from '../src/db/database.js';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsRow } from '../src/modules/analytics/analytics.service.js';
import { importRecords } from '../src/modules/records/records-import.service.js';
import type { RecordInput } from '../src/modules/records/record-prepare.js';
import type { Benchmark, Metric } from './bench-context.js';
import { median, round, timed } from './stats.js';
import { seededRandom, type SyntheticProgram } from './synthetic-program.js';

/** Records per import call: one all-or-nothing batch, as a partner's upload would be. */
const BATCH = 50_000;
const DRUGS = ['cocaine_base', 'cocaine_hcl', 'marijuana'] as const;
const PRECURSORS = ['kerosene', 'sulfuric_acid', 'acetone', 'calcium_oxide'] as const;

/** The indicators the built-in seizure type rolls up into, declared in the synthetic program. */
async function declareSeizureIndicators(db: Db, programId: number): Promise<void> {
  const dims: Record<string, readonly string[]> = { substance: ['cocaine_base', 'cocaine_hcl'], chemical: PRECURSORS };
  const dimIds: Record<string, number> = {};
  for (const [code, options] of Object.entries(dims)) {
    const { id } = await db
      .insertInto('dimension')
      .values({ program_id: programId, code, name_en: code, name_es: code })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('dimension_option')
      .values(options.map((o, sort) => ({ dimension_id: id, code: o, name_en: o, name_es: o, sort })))
      .execute();
    dimIds[code] = id;
  }
  const indicators: Array<[string, string | null]> = [
    ['SEIZ_REC_COCAINE_KG', 'substance'],
    ['SEIZ_REC_MARIJUANA_KG', null],
    ['SEIZ_REC_PRECURSOR_T', 'chemical'],
    ['SEIZ_REC_N', null],
  ];
  for (const [code, dim] of indicators) {
    const { id } = await db
      .insertInto('indicator')
      .values({
        program_id: programId,
        code,
        component_id: null,
        name_en: code,
        name_es: code,
        description_en: null,
        description_es: null,
        unit: 'kg',
        direction: 'up',
        agg_time: 'sum',
        agg_place: 'sum',
        sensitivity: 'public',
        origin: 'records',
        formula: null,
        decimals: 1,
        sort: 100,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (dim) await db.insertInto('indicator_dimension').values({ indicator_id: id, dimension_id: dimIds[dim]! }).execute();
  }
}

/** `count` seizures from a seeded generator, as a CSV upload would give them: text cells, units of several kinds. */
function* seizureBatches(program: SyntheticProgram, count: number): Generator<RecordInput[]> {
  const random = seededRandom(3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const months = program.months;
  for (let done = 0; done < count;) {
    const batch: RecordInput[] = [];
    for (let i = 0; i < BATCH && done < count; i++, done++) {
      const month = pick(months);
      const precursor = random() < 0.2;
      const substance = precursor ? pick(PRECURSORS) : pick(DRUGS);
      const unit = precursor ? pick(['kg', 't']) : pick(['kg', 'kg', 'kg', 'g', 'lb']);
      const amount = (Math.floor(random() * 50_000) + 1) / 10;
      batch.push({
        ref: `B${done}`,
        status: 'approved',
        data: {
          date: `${month.start.slice(0, 8)}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          place: pick(program.leaves).code,
          substance,
          quantity: `${amount} ${unit}`,
          case_reference: `C-${done}`,
        },
      });
    }
    yield batch;
  }
}

export const recordsBench: Benchmark = {
  name: 'records',
  description: 'seizure records through the import path, then seizures by substance × department × year',
  async run(ctx) {
    const { db, program, options } = ctx;
    const count = options.values;
    await declareSeizureIndicators(db, program.programId);
    ctx.log(`loading ${count.toLocaleString('en')} seizure records in batches of ${BATCH.toLocaleString('en')}…`);
    let seconds = 0;
    let cpuSeconds = 0;
    let loaded = 0;
    for (const batch of seizureBatches(program, count)) {
      const t = await timed(() => importRecords(db, program.code, 'seizure', batch));
      if (t.result.inserted !== batch.length) throw new Error(`expected ${batch.length} new records, got ${t.result.inserted}`);
      seconds += t.ms / 1_000;
      cpuSeconds += t.cpuMs / 1_000;
      loaded += batch.length;
      if (loaded % (BATCH * 4) === 0 || loaded === count) {
        ctx.log(
          `  ${loaded.toLocaleString('en')} / ${count.toLocaleString('en')}  ${round(seconds, 1)} s  ${Math.round(loaded / seconds).toLocaleString('en')} records/s`,
        );
      }
    }

    const q = { program: program.code, indicators: ['SEIZ_REC_COCAINE_KG'], by: ['disagg:substance', 'place-level:2', 'period:year'] } satisfies AnalyticsQuery;
    const query = () => queryAnalytics(db, q);
    // The same query over the leaf facts: what it cost before the coarse level, and a check.
    const leafQuery = () => queryAnalytics(db, q, { coarse: false });
    // Untimed first round: statement preparation and caches are not what a dashboard user waits for.
    const first = await query();
    const viaLeaves = await leafQuery();
    const key = (r: AnalyticsRow) => `${r.place?.code}|${r.period}|${r.disagg?.substance}`;
    const leafValues = new Map(viaLeaves.rows.map((r) => [key(r), r.value ?? 0]));
    if (
      first.rows.length !== viaLeaves.rows.length ||
      first.rows.some((r) => Math.abs((r.value ?? 0) - (leafValues.get(key(r)) ?? NaN)) > 1e-6 * Math.max(1, Math.abs(r.value ?? 0)))
    ) {
      throw new Error('records analytics: the coarse level and the leaf facts disagree');
    }
    const rowsOf = async (table: 'fact' | 'fact_coarse') =>
      Number(
        (
          await db
            .selectFrom(table)
            .innerJoin('indicator', 'indicator.id', `${table}.indicator_id`)
            .where('indicator.code', '=', 'SEIZ_REC_COCAINE_KG')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const facts = await rowsOf('fact');
    const coarse = await rowsOf('fact_coarse');
    const samples: number[] = [];
    const leafSamples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      samples.push((await timed(query)).ms);
      leafSamples.push((await timed(leafQuery)).ms);
    }
    ctx.note(
      `records: ${loaded.toLocaleString('en')} seizures over ${program.leaves.length} districts and ${program.months.length} months; the analytics query reads ` +
        `${coarse.toLocaleString('en')} coarse rows (${facts.toLocaleString('en')} leaf fact rows without the coarse level) and returns ${first.rows.length} rows`,
    );
    const metrics: Record<string, Metric> = {
      records: loaded,
      records_load_per_s: Math.round(loaded / seconds),
      records_load_cpu_per_s: Math.round(loaded / cpuSeconds),
      records_analytics_p50_ms: round(median(samples), 2),
      records_analytics_leaf_p50_ms: round(median(leafSamples), 2),
    };
    return metrics;
  },
};
