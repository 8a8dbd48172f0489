import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { getBoundaries } from './boundaries.service.js';

const FIXTURE = 'test/fixtures/programs/mini';

let t: TestDb;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t.destroy();
});

const box = (lon: number, lat: number, d = 0.5) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];

/** The mini fixture with a boundaries.geojson of these features (one per line, as people write them). */
function folderWith(features: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-boundaries-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const lines = features.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
  writeFileSync(join(dir, 'boundaries.geojson'), `{\n  "type": "FeatureCollection",\n  "features": [\n${lines}\n  ]\n}\n`);
  return dir;
}

async function problems(dir: string): Promise<IssueDetail[]> {
  const err = await loadProgramFolder(t.db, dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
  expect(err.kind).toBe('validation');
  // Nothing of the program was written.
  expect(await t.db.selectFrom('program').selectAll().execute()).toEqual([]);
  expect(await t.db.selectFrom('place_boundary').selectAll().execute()).toEqual([]);
  return err.details;
}

describe(`boundaries.geojson in a program folder (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('refuses an unknown place code, naming the file, the line and the feature; nothing is loaded', async () => {
    const dir = folderWith([
      { type: 'Feature', properties: { code: 'R1' }, geometry: { type: 'Polygon', coordinates: [box(-76, -9)] } },
      { type: 'Feature', properties: { code: 'R9' }, geometry: { type: 'Polygon', coordinates: [box(-74, -12)] } },
    ]);
    expect(await problems(dir)).toEqual([
      { file: 'boundaries.geojson', row: 5, column: 'features[1].properties.code', value: 'R9', reason: 'feature 1: no place "R9" in this program' },
    ]);
  });

  it('refuses bad geometry (a point, a latitude out of range, an open ring), naming each feature', async () => {
    const open = box(-74, -12).slice(0, 4);
    const dir = folderWith([
      { type: 'Feature', properties: { code: 'R1' }, geometry: { type: 'Point', coordinates: [-76, -9] } },
      {
        type: 'Feature',
        properties: { code: 'R2' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-74, -12],
              [-73, -95],
              [-73, -11],
              [-74, -12],
            ],
          ],
        },
      },
      { type: 'Feature', properties: { code: 'R1-A' }, geometry: { type: 'Polygon', coordinates: [open] } },
    ]);
    const details = await problems(dir);
    expect(details).toEqual([
      expect.objectContaining({
        file: 'boundaries.geojson',
        row: 4,
        column: 'features[0].geometry.type',
        reason: 'feature 0: geometry must be a Polygon or a MultiPolygon',
      }),
      expect.objectContaining({
        file: 'boundaries.geojson',
        row: 5,
        column: 'features[1].geometry.coordinates[0][1][1]',
        reason: 'feature 1: latitude must be between -90 and 90',
      }),
      expect.objectContaining({
        file: 'boundaries.geojson',
        row: 6,
        column: 'features[2].geometry.coordinates[0]',
        reason: 'feature 2: a ring must end where it starts',
      }),
    ]);
  });

  it('refuses a file that is not JSON', async () => {
    const dir = folderWith([]);
    writeFileSync(join(dir, 'boundaries.geojson'), '{ "type": "FeatureCollection", ');
    expect(await problems(dir)).toEqual([expect.objectContaining({ file: 'boundaries.geojson', reason: expect.stringMatching(/^not valid JSON/) })]);
  });

  // Last: the refusals above rely on the program not being loaded yet.
  it('stores the boundary of each place named; a second load changes nothing', async () => {
    const dir = folderWith([
      { type: 'Feature', properties: { code: 'R1', name: 'ignored' }, geometry: { type: 'Polygon', coordinates: [box(-76, -9)] } },
      { type: 'Feature', properties: { code: 'R2' }, geometry: { type: 'MultiPolygon', coordinates: [[box(-74, -12)], [box(-73, -13, 0.2)]] } },
      { type: 'Feature', properties: { code: 'R1-A' }, geometry: { type: 'Polygon', coordinates: [box(-76.2, -9.1, 0.1)] } },
    ]);
    const summary = await loadProgramFolder(t.db, dir);
    expect(summary.files).toContain('boundaries.geojson');
    expect(summary.counts.boundaries).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const level2 = await getBoundaries(t.db, 'TP', 2);
    expect(level2.features.map((f) => [f.properties.code, f.properties.name, f.geometry.type])).toEqual([
      ['R1', 'North region', 'Polygon'],
      ['R2', 'South region', 'MultiPolygon'],
    ]);
    expect(level2.features[0]?.geometry.coordinates).toEqual([box(-76, -9)]);
    expect((await getBoundaries(t.db, 'TP', 3)).features.map((f) => f.properties.code)).toEqual(['R1-A']);

    const stamps = await t.db.selectFrom('place_boundary').select(['place_id', 'updated_at']).orderBy('place_id').execute();
    expect((await loadProgramFolder(t.db, dir)).counts.boundaries).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await t.db.selectFrom('place_boundary').select(['place_id', 'updated_at']).orderBy('place_id').execute()).toEqual(stamps);
  });
});
