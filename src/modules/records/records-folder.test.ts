import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError } from '../../core/errors.js';
import { queryAnalytics } from '../analytics/analytics.service.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { createRecord, getRecord, listRecords } from './records.service.js';
import { listRecordTypes } from '../catalog/record-types.service.js';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/programs/records-custom');
let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'vigia-records-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.destroy();
});

const value = async (indicator: string, disagg?: Record<string, string>) =>
  (await queryAnalytics(t.db, { program: 'RC', indicators: [indicator], disagg })).rows.reduce((s, r) => s + (r.value ?? 0), 0);
const byYear = async (indicator: string) =>
  Object.fromEntries((await queryAnalytics(t.db, { program: 'RC', indicators: [indicator], by: ['period:year'] })).rows.map((r) => [r.period, r.value]));

describe(`a program folder with its own record type (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('loads the type and its records, and the indicators follow', async () => {
    await loadProgramFolder(t.db, dir);
    const types = await listRecordTypes(t.db, 'RC');
    expect(types.find((x) => x.code === 'crop_substitution_contract')).toMatchObject({
      builtin: false,
      rollups: [
        { indicator: 'CSC_CONTRACTS_N', active: true },
        { indicator: 'CSC_HA', active: true },
      ],
    });
    expect(await byYear('CSC_HA')).toEqual({ 2012: 5.5, 2013: 1.5 });
    expect(await value('CSC_CONTRACTS_N', { crop: 'cacao' })).toBe(2);
    // The built-in seizure type rolls up into the one seizure indicator the program declares.
    expect(await value('SEIZ_REC_COCAINE_KG')).toBe(620);
    const { items } = await listRecords(t.db, 'RC', { type: 'crop_substitution_contract', clearance: 'public' });
    expect(items.map((i) => [i.ref, i.status, i.data.farmer])).toEqual([
      ['CSC-001', 'approved', undefined],
      ['CSC-002', 'approved', undefined],
      ['CSC-003', 'approved', undefined],
    ]);
  });

  it('adding a record of the new type moves its indicator at once', async () => {
    const r = await createRecord(t.db, 'RC', 'crop_substitution_contract', {
      data: { signed: '2013-04-01', place: 'S-1', crop: 'coffee', area: '4 ha', farmer: 'Luis Condori' },
    });
    expect(await byYear('CSC_HA')).toEqual({ 2012: 5.5, 2013: 5.5 });
    expect(await value('CSC_CONTRACTS_N', { crop: 'coffee' })).toBe(2);
    expect((await getRecord(t.db, 'RC', r.id, 'official')).data).not.toHaveProperty('farmer');
    const err = await createRecord(t.db, 'RC', 'crop_substitution_contract', {
      data: { signed: '2013-04-01', place: 'S-1', crop: 'coca', area: '60 ha' },
    }).catch((e: unknown) => e);
    expect(isVigiaError(err) && err.details.map((d) => d.column)).toEqual(['crop', 'area']);
  });

  it('loading the same folder again changes nothing', async () => {
    const before = await t.db.selectFrom('record').select(['id', 'version']).orderBy('id').execute();
    await loadProgramFolder(t.db, dir);
    expect(await t.db.selectFrom('record').select(['id', 'version']).orderBy('id').execute()).toEqual(before);
    expect(await byYear('CSC_HA')).toEqual({ 2012: 5.5, 2013: 5.5 });
    expect(await value('SEIZ_REC_COCAINE_KG')).toBe(620);
  });

  it('a changed definition re-rolls the records already stored', async () => {
    const file = join(dir, 'record-types/crop-substitution-contract.json');
    const def = JSON.parse(readFileSync(file, 'utf8'));
    def.rollups[1].scale = 10_000;
    writeFileSync(file, JSON.stringify(def));
    await loadProgramFolder(t.db, dir);
    expect(await byYear('CSC_HA')).toEqual({ 2012: 55_000, 2013: 55_000 });
    def.rollups[1].scale = 1;
    writeFileSync(file, JSON.stringify(def));
    await loadProgramFolder(t.db, dir);
    expect(await byYear('CSC_HA')).toEqual({ 2012: 5.5, 2013: 5.5 });
  });

  it('a bad record or a roll-up into an unknown indicator stops the whole load, naming file, row and field', async () => {
    const csv = join(dir, 'records/crop-substitution-contract.csv');
    const good = readFileSync(csv, 'utf8');
    writeFileSync(csv, `${good}CSC-004,2012-02-30,N-1,AGRO,,banana,-1 ha,\n`);
    const err = await loadProgramFolder(t.db, dir).catch((e: unknown) => e);
    expect(isVigiaError(err) && err.details.map((d) => `${d.file}:${d.row}:${d.column}`)).toEqual([
      'records/crop-substitution-contract.csv:5:signed',
      'records/crop-substitution-contract.csv:5:crop',
      'records/crop-substitution-contract.csv:5:area',
    ]);
    writeFileSync(csv, good);

    const file = join(dir, 'record-types/crop-substitution-contract.json');
    const def = JSON.parse(readFileSync(file, 'utf8'));
    const original = JSON.stringify(def);
    def.rollups.push({ indicator: 'CSC_FAMILIES', value: { count: true } });
    writeFileSync(file, JSON.stringify(def));
    const err2 = await loadProgramFolder(t.db, dir).catch((e: unknown) => e);
    expect(isVigiaError(err2) && err2.details).toEqual([
      {
        file: 'record-types/crop-substitution-contract.json',
        column: 'rollups[2].indicator',
        value: 'CSC_FAMILIES',
        reason: 'the program has no indicator CSC_FAMILIES',
      },
    ]);
    writeFileSync(file, original);
    expect(await byYear('CSC_HA')).toEqual({ 2012: 5.5, 2013: 5.5 });
    expect(await t.db.selectFrom('record').select('id').execute()).toHaveLength(7);
  });
});
