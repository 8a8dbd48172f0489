/**
 * The indicator tracking table as XLSX (issue 15, acceptance 8): a 200-indicator table over
 * 1,000,000 values (`--values`). Its own synthetic program (the shared one has 50 indicators):
 * the same places and months, 200 summed indicators under one component, each with a baseline
 * and a fiscal-year target, and the values spread over them by the shared generator, loaded
 * through the real write path in key order. Timed: the whole path of `vigia report itt
 * --format xlsx` (catalog, two analytics queries, targets, explanations, the workbook's bytes)
 * for fiscal year 2015Oct. Target: a median of 1,000 ms or less. The median CPU time of the
 * same renders is reported beside it: on a shared machine wall time includes waiting for a core.
 */
import { makePeriod } from '../src/core/periods.js';
import type { Db } from '../src/db/database.js';
import { renderTrackingTable } from '../src/modules/tracking/tracking-render.service.js';
import type { Benchmark } from './bench-context.js';
import { loadSyntheticValues } from './load-values.js';
import { createSyntheticProgram, type SyntheticProgram } from './synthetic-program.js';
import { median, round, timed } from './stats.js';

const INDICATORS = 200;
const FISCAL_YEAR = makePeriod('fiscal_year', 2015, 10);
/** Enough renders for a steady median; each is well under a second. */
const MAX_RUNS = 15;

/** The shared synthetic program's shape with 200 indicators under component ITT, with baselines and targets. */
export async function createTrackingProgram(db: Db): Promise<SyntheticProgram> {
  const base = await createSyntheticProgram(db, 'ITT');
  return db.transaction().execute(async (trx) => {
    const { id: goalId } = await trx
      .insertInto('framework_node')
      .values({
        program_id: base.programId,
        code: 'G',
        kind: 'goal',
        parent_id: null,
        name_en: 'Goal',
        name_es: 'Meta',
        description_en: null,
        description_es: null,
        sort: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: componentId } = await trx
      .insertInto('framework_node')
      .values({
        program_id: base.programId,
        code: 'ITT',
        kind: 'component',
        parent_id: goalId,
        name_en: 'Tracked',
        name_es: 'Seguimiento',
        description_en: null,
        description_es: null,
        sort: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const first = await trx.selectFrom('indicator').selectAll().where('id', '=', base.indicators[0]!.id).executeTakeFirstOrThrow();
    const { id: _id, ...template } = first;
    const more = await trx
      .insertInto('indicator')
      .values(
        Array.from({ length: INDICATORS - base.indicators.length }, (_, i) => {
          const n = String(base.indicators.length + i + 1).padStart(3, '0');
          return { ...template, code: `IND${n}`, name_en: `Indicator ${n}`, name_es: `Indicador ${n}`, sort: base.indicators.length + i };
        }),
      )
      .returning(['id', 'code'])
      .execute();
    const { id: sourceId } = await trx.selectFrom('source').select('id').where('program_id', '=', base.programId).executeTakeFirstOrThrow();
    await trx
      .insertInto('indicator_source')
      .values(more.map((i) => ({ indicator_id: i.id, source_id: sourceId })))
      .execute();
    await trx.updateTable('indicator').set({ component_id: componentId }).where('program_id', '=', base.programId).execute();
    const indicators = [...base.indicators, ...more];
    const country = await trx.selectFrom('place').select('id').where('program_id', '=', base.programId).where('level', '=', 1).executeTakeFirstOrThrow();
    const baseline = makePeriod('fiscal_year', 2014, 10);
    const target = (indicatorId: number, p: typeof baseline, kind: 'baseline' | 'target', value: number) => ({
      indicator_id: indicatorId,
      place_id: country.id,
      period: p.id,
      start_date: p.start,
      end_date: p.end,
      source: base.source,
      disagg: '',
      kind,
      value,
      provenance: 'illustrative' as const,
      note: null,
    });
    await trx
      .insertInto('target')
      .values(indicators.flatMap((i, k) => [target(i.id, baseline, 'baseline', 2_000 + k), target(i.id, FISCAL_YEAR, 'target', 2_400 + 5 * k)]))
      .execute();
    return { ...base, indicators, capacity: indicators.length * base.leaves.length * base.months.length };
  });
}

export const ittBench: Benchmark = {
  name: 'itt',
  description: 'the indicator tracking table of a fiscal year as XLSX: 200 indicators over --values values',
  async run(ctx) {
    const { db, options } = ctx;
    const program = await createTrackingProgram(db);
    ctx.log(`itt: loading ${options.values.toLocaleString('en')} values over ${program.indicators.length} indicators (key order)…`);
    const load = await loadSyntheticValues(db, program, options.values, 'key');
    const req = { program: 'ITT', fiscalYear: FISCAL_YEAR.id, lang: 'en' as const, format: 'xlsx' as const, component: 'ITT' };
    // The first render warms module and statement caches; it is not counted.
    const warm = await renderTrackingTable(db, req);
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < Math.min(options.runs, MAX_RUNS); i++) {
      const r = await timed(() => renderTrackingTable(db, req));
      samples.push(r.ms);
      cpu.push(r.cpuMs);
    }
    ctx.log(`itt: ${samples.length} renders, ${warm.body.length} bytes each`);
    return {
      itt_xlsx_ms: round(median(samples), 1),
      itt_xlsx_cpu_ms: round(median(cpu), 1),
      itt_xlsx_bytes: warm.body.length,
      itt_indicators: program.indicators.length,
      itt_values: load.values,
    };
  },
};
