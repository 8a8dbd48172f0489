/**
 * The Peru demo's records agree with its reported figures: record-based eradication
 * (ERAD_OPS_HA) adds up to the sourced yearly totals of ERAD_HA for 2011–2013, seizures to the
 * published tonnages. The demo's indicators are declared in demo/peru/indicators.json; any
 * roll-up indicator not declared there yet is added to a copy of the folder, so this test
 * checks the records whatever the state of that file.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { indicatorsFor } from '../../../test/helpers/record-indicators.js';
import { BUILTIN_RECORD_TYPES } from '../../core/record-types/builtin/index.js';
import { queryAnalytics } from '../analytics/analytics.service.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { listRecords } from './records.service.js';
import { typeCodeOfFile } from './records-folder.js';

const DEMO = join(import.meta.dirname, '../../../demo/peru');
let t: TestDb;
let dir: string;

interface Named {
  code: string;
  name: { en: string; es: string };
}
interface DimensionJson extends Named {
  options: Named[];
}
interface IndicatorJson {
  code: string;
  [k: string]: unknown;
}

/** Declares in the copy every roll-up indicator of the record types the demo uses that it lacks. */
function declareMissing(folder: string): void {
  const used = readdirSync(join(folder, 'records'))
    .filter((f) => f.endsWith('.csv'))
    .map(typeCodeOfFile);
  const indicators = JSON.parse(readFileSync(join(folder, 'indicators.json'), 'utf8')) as IndicatorJson[];
  const dimensions = JSON.parse(readFileSync(join(folder, 'dimensions.json'), 'utf8')) as DimensionJson[];
  const component = readFileSync(join(folder, 'framework.csv'), 'utf8')
    .split('\n')
    .find((l) => l.includes(',component,'))!
    .split(',')[0]!;
  for (const spec of indicatorsFor(used.map((c) => BUILTIN_RECORD_TYPES.get(c)!))) {
    if (indicators.some((i) => i.code === spec.code)) continue;
    for (const [dim, options] of Object.entries(spec.dimensions ?? {})) {
      let d = dimensions.find((x) => x.code === dim);
      if (!d) dimensions.push((d = { code: dim, name: { en: dim, es: dim }, options: [] }));
      for (const o of options) if (!d.options.some((x) => x.code === o)) d.options.push({ code: o, name: { en: o, es: o } });
    }
    indicators.push({
      code: spec.code,
      component,
      name: { en: spec.code, es: spec.code },
      unit: 'count',
      direction: 'up',
      agg_time: spec.aggTime ?? 'sum',
      agg_place: 'sum',
      sensitivity: 'public',
      origin: 'records',
      dimensions: Object.keys(spec.dimensions ?? {}),
    });
  }
  writeFileSync(join(folder, 'indicators.json'), JSON.stringify(indicators));
  writeFileSync(join(folder, 'dimensions.json'), JSON.stringify(dimensions));
}

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'vigia-demo-records-'));
  cpSync(DEMO, dir, { recursive: true });
  declareMissing(dir);
  await loadProgramFolder(t.db, dir);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.destroy();
});

async function byYear(indicator: string, extra: { disagg?: Record<string, string>; by?: 'disagg:substance' } = {}): Promise<Record<string, number>> {
  const { rows } = await queryAnalytics(t.db, {
    program: 'PE',
    indicators: [indicator],
    from: '2011',
    to: '2013',
    by: ['period:year', ...(extra.by ? [extra.by] : [])],
    disagg: extra.disagg,
  });
  return Object.fromEntries(rows.map((r) => [[r.period, r.disagg?.substance].filter(Boolean).join(' '), Math.round((r.value ?? 0) * 1000) / 1000]));
}

describe(`the Peru demo's records (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('eradication operations add up to the sourced national totals and agree with ERAD_HA', async () => {
    const ops = await byYear('ERAD_OPS_HA');
    expect(ops).toEqual({ 2011: 10_290, 2012: 14_171, 2013: 23_947 });
    expect(await byYear('ERAD_HA')).toEqual(ops);
    const huanuco = await queryAnalytics(t.db, { program: 'PE', indicators: ['ERAD_OPS_HA', 'ERAD_HA'], place: 'PE-10', from: '2013', to: '2013' });
    expect(huanuco.rows[0]!.value).toBe(huanuco.rows[1]!.value);
    expect(huanuco.rows[0]!.provenance).toEqual(['illustrative']);
  });

  it('seizures add up to the published tonnages', async () => {
    expect(await byYear('SEIZ_REC_COCAINE_KG', { by: 'disagg:substance' })).toEqual({
      '2011 cocaine_base': 12_600,
      '2011 cocaine_hcl': 9_500,
      '2012 cocaine_base': 18_500,
      '2012 cocaine_hcl': 11_200,
      '2013 cocaine_base': 10_800,
      '2013 cocaine_hcl': 13_300,
    });
    expect(await byYear('SEIZ_REC_PRECURSOR_T')).toEqual({ 2011: 575.4, 2012: 1_053, 2013: 2_240 });
  });

  it('has the four police academies, a model police station project and more than 50 active coalitions', async () => {
    const projects = await listRecords(t.db, 'PE', { type: 'infrastructure_project', clearance: 'public' });
    expect(
      projects.items
        .filter((p) => p.data.kind === 'police_academy')
        .map((p) => p.place)
        .sort(),
    ).toEqual(['PE-05', 'PE-10', 'PE-12', 'PE-22']);
    expect(projects.items.filter((p) => p.data.kind === 'model_police_station')).toHaveLength(1);
    const { rows } = await queryAnalytics(t.db, { program: 'PE', indicators: ['COALITIONS_REC_N'] });
    expect(rows[0]!.value).toBeGreaterThan(50);
    const districts = await listRecords(t.db, 'PE', { type: 'community_coalition', place: 'PE-1501', limit: 1000, clearance: 'public' });
    expect(new Set(districts.items.map((c) => c.place)).size).toBe(7);
  });
});
