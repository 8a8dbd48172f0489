import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { LOAD_KINDS, loadProgramFolder, type LoadSummary } from './program-load.service.js';

const FIXTURE = 'test/fixtures/programs/mini';

let t: TestDb;
let first: LoadSummary;
beforeAll(async () => {
  t = await createTestDb();
  first = await loadProgramFolder(t.db, FIXTURE);
});
afterAll(() => t.destroy());

const placeIds = async () => new Map((await t.db.selectFrom('place').select(['code', 'id']).execute()).map((p) => [p.code, p.id]));

describe(`loading a program folder (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('writes every kind of row and counts them', () => {
    expect(first.program).toBe('TP');
    expect(first.dryRun).toBe(false);
    const inserted = Object.fromEntries(LOAD_KINDS.map((k) => [k, first.counts[k].inserted]));
    expect(inserted).toEqual({
      program: 1,
      places: 6,
      zones: 1,
      zone_places: 2,
      organisations: 2,
      sources: 2,
      dimensions: 1,
      dimension_options: 2,
      framework: 3,
      indicators: 4,
      indicator_sources: 2,
      indicator_dimensions: 1,
      targets: 4,
      values: 9,
    });
    expect(first.files).toContain('values/other.csv');
  });

  it('gives each place its ancestors by level, whatever the row order', async () => {
    const ids = await placeIds();
    const alpha = await t.db.selectFrom('place').selectAll().where('code', '=', 'R1-A').executeTakeFirstOrThrow();
    expect(alpha).toMatchObject({ level: 3, parent_id: ids.get('R1'), p1: ids.get('TP'), p2: ids.get('R1'), p3: ids.get('R1-A'), p4: null });
    const north = await t.db.selectFrom('place').selectAll().where('code', '=', 'R1').executeTakeFirstOrThrow();
    expect(north).toMatchObject({ p1: ids.get('TP'), p2: north.id, p3: null, lat: -9, lon: -76 });
    expect(JSON.parse(north.alt_codes ?? '{}')).toEqual({ iso: 'TP-NO' });
  });

  it('links zones, indicators, components, sources and dimensions', async () => {
    const members = await t.db.selectFrom('zone_place as zp').innerJoin('place as p', 'p.id', 'zp.place_id').select('p.code').orderBy('p.code').execute();
    expect(members.map((m) => m.code)).toEqual(['R1-A', 'R2-A']);
    const coca = await t.db
      .selectFrom('indicator as i')
      .innerJoin('framework_node as f', 'f.id', 'i.component_id')
      .innerJoin('framework_node as g', 'g.id', 'f.parent_id')
      .select(['i.agg_time', 'i.description_es', 'f.code as component', 'g.code as goal'])
      .where('i.code', '=', 'COCA_HA')
      .executeTakeFirstOrThrow();
    expect(coca).toEqual({ agg_time: 'average', description_es: 'Hectáreas de coca', component: 'C1', goal: 'G1' });
    const pct = await t.db.selectFrom('indicator').select(['formula', 'origin', 'decimals']).where('code', '=', 'ERAD_PCT').executeTakeFirstOrThrow();
    expect(pct).toEqual({ formula: 'ERAD_HA / COCA_HA[GOV] * 100', origin: 'formula', decimals: 1 });
  });

  it('stores targets with the dates of their period and values with their facts', async () => {
    const fy = await t.db.selectFrom('target').selectAll().where('period', '=', '2013Oct').executeTakeFirstOrThrow();
    expect(fy).toMatchObject({ kind: 'target', value: 3000, start_date: '2013-10-01', end_date: '2014-09-30', provenance: 'sourced', note: 'FY2014 target' });
    const values = await t.db.selectFrom('data_value').selectAll().execute();
    expect(values).toHaveLength(9);
    // Loaded program data is approved unless the file says otherwise.
    const ids = await placeIds();
    const jan = values.find((v) => v.place_id === ids.get('R1-B'));
    expect(jan).toMatchObject({ value: 80, status: 'approved', provenance: 'illustrative', note: 'Invented split of the\nregional total', version: 1 });
    expect(values.find((v) => v.source === 'SURVEY')).toMatchObject({ status: 'approved', value: 60400 });
    expect(values.find((v) => v.disagg === 'substance=base')).toMatchObject({ status: 'draft', value: 12.5 });
    const facts = await t.db
      .selectFrom('fact')
      .selectAll()
      .where('place_id', '=', ids.get('R1-A') ?? 0)
      .orderBy('period')
      .execute();
    expect(facts.map((f) => [f.period, f.value, f.value_approved, f.p2])).toEqual([
      ['201201', 120.5, 120.5, ids.get('R1')],
      ['201202', 95, 0, ids.get('R1')],
    ]);
  });

  it('loading the same folder again changes nothing', async () => {
    const version = await t.db.selectFrom('program').select('data_version').executeTakeFirstOrThrow();
    const again = await loadProgramFolder(t.db, FIXTURE);
    for (const kind of LOAD_KINDS) {
      expect({ kind, ...again.counts[kind] }).toEqual({ kind, inserted: 0, updated: 0, unchanged: first.counts[kind].inserted });
    }
    expect(await t.db.selectFrom('program').select('data_version').executeTakeFirstOrThrow()).toEqual(version);
    const versions = await t.db.selectFrom('data_value').select('version').distinct().execute();
    expect(versions).toEqual([{ version: 1 }]);
  });

  it('a changed folder updates what changed and adds what is new, leaving the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-load-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const values = join(dir, 'values/eradication.csv');
      writeFileSync(values, readFileSync(values, 'utf8').replace('ERAD_HA,R1-A,201202,,,95,', 'ERAD_HA,R1-A,201202,,,96,'));
      writeFileSync(join(dir, 'values/extra.csv'), 'indicator,place,period,value,provenance\nERAD_HA,R2-A,2012Q2,50,sourced\n');
      const places = join(dir, 'places.csv');
      writeFileSync(places, readFileSync(places, 'utf8').replace('Beta district', 'Beta district (new name)'));

      const dry = await loadProgramFolder(t.db, dir, { dryRun: true });
      expect(dry.dryRun).toBe(true);
      expect(dry.counts.values).toEqual({ inserted: 1, updated: 1, unchanged: 8 });
      expect(await t.db.selectFrom('data_value').select('id').execute()).toHaveLength(9);

      const r = await loadProgramFolder(t.db, dir);
      expect(r.counts.values).toEqual({ inserted: 1, updated: 1, unchanged: 8 });
      expect(r.counts.places).toEqual({ inserted: 0, updated: 1, unchanged: 5 });
      expect(r.counts.indicators).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
      const changed = await t.db.selectFrom('data_value').select(['value', 'version']).where('period', '=', '201202').executeTakeFirstOrThrow();
      expect(changed).toEqual({ value: 96, version: 2 });
      const fact = await t.db.selectFrom('fact').select('value').where('period', '=', '201202').executeTakeFirstOrThrow();
      expect(fact.value).toBe(96);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('demo/peru'))('the demo folder that ships with Vigia loads beside another program', async () => {
    const demo = await loadProgramFolder(t.db, 'demo/peru');
    expect(demo.program).not.toBe('TP');
    expect(demo.counts.values.inserted).toBeGreaterThan(0);
    const programs = await t.db.selectFrom('program').select('code').orderBy('code').execute();
    expect(programs.map((p) => p.code)).toContain('TP');
  });
});
