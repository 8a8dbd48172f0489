/** A record's zone field names one of the program's zones (checked on write) and the list filters by it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { isVigiaError } from '../../core/errors.js';
import { insertZone } from '../places/places.repo.js';
import { createRecord, listRecords } from './records.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
  await insertZone(t.db, { programId, code: 'Z_NORTE', name_en: 'Northern valleys', name_es: 'Valles del norte' });
  await insertZone(t.db, { programId, code: 'Z_SUR', name_en: 'Southern valleys', name_es: 'Valles del sur' });
});
afterAll(() => t.destroy());

const operation = (zone: string) => ({
  data: { date: '2012-05-10', place: 'R1D1', crop: 'coca', hectares: '250 ha', agency: 'CORAH', method: 'manual', zone },
});

describe('zone fields of records', () => {
  it('refuses a zone code the program does not have, naming the field', async () => {
    const e = await createRecord(t.db, 'XX', 'eradication_operation', operation('ATLANTIS')).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isVigiaError(e)).toBe(true);
    if (!isVigiaError(e)) return;
    expect(e.kind).toBe('validation');
    expect(e.details).toContainEqual(
      expect.objectContaining({ column: 'zone', value: 'ATLANTIS', reason: expect.stringContaining('unknown zone "ATLANTIS"') }),
    );
  });

  it('keeps a known zone and lists records by zone', async () => {
    await createRecord(t.db, 'XX', 'eradication_operation', operation('Z_NORTE'));
    await createRecord(t.db, 'XX', 'eradication_operation', operation('Z_SUR'));
    await createRecord(t.db, 'XX', 'eradication_operation', operation('Z_SUR'));
    const list = (zone: string) => listRecords(t.db, 'XX', { type: 'eradication_operation', zone, clearance: 'restricted' });
    const north = await list('Z_NORTE');
    expect(north.total).toBe(1);
    expect(north.items.map((r) => r.data.zone)).toEqual(['Z_NORTE']);
    expect((await list('Z_SUR')).total).toBe(2);
    expect((await listRecords(t.db, 'XX', { zone: 'Z_SUR', clearance: 'restricted' })).total).toBe(2);
    // A type without a zone field has no record in any zone.
    expect((await listRecords(t.db, 'XX', { type: 'seizure', zone: 'Z_SUR', clearance: 'restricted' })).total).toBe(0);
    await expect(list('ATLANTIS')).rejects.toMatchObject({ kind: 'validation', details: [expect.objectContaining({ column: 'zone' })] });
  });
});
