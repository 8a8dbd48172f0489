import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { isVigiaError } from '../../core/errors.js';
import { BUILTIN_RECORD_TYPES } from '../../core/record-types/builtin/index.js';
import { queryAnalytics } from '../analytics/analytics.service.js';
import { importRecords } from './records-import.service.js';
import { parseRecordsCsv, recordsToCsv } from './records-csv.js';
import { listRecords } from './records.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
});
afterAll(() => t.destroy());

const seizure = BUILTIN_RECORD_TYPES.get('seizure')!;
const total = async (indicator: string) =>
  (await queryAnalytics(t.db, { program: 'XX', indicators: [indicator] })).rows.reduce((s, r) => s + (r.value ?? 0), 0);

const CSV = [
  'ref,date,place,substance,quantity,quantity_unit,agency,case_reference,note',
  'S-1,2012-01-10,R1D1,cocaine_base,1.5,t,DIRANDRO,EXP-1,',
  'S-2,2012-02-11,R1D2,cocaine_hcl,800,kg,,,"=HYPERLINK(""x"")"',
  'S-3,2012-03-12,R2D1,acetone,2500 kg,,,,',
].join('\n');

describe(`record imports (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('imports a CSV file, and importing it again changes nothing', async () => {
    const parsed = await parseRecordsCsv(CSV, 'seizure.csv', seizure, { defaultStatus: 'approved' });
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toEqual([2, 3, 4]);
    const dry = await importRecords(t.db, 'XX', 'seizure', parsed.inputs, { dryRun: true });
    expect(dry).toMatchObject({ inserted: 3, dryRun: true });
    expect(await total('SEIZ_REC_N')).toBe(0);

    expect(await importRecords(t.db, 'XX', 'seizure', parsed.inputs)).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await total('SEIZ_REC_COCAINE_KG')).toBe(2300);
    expect(await total('SEIZ_REC_PRECURSOR_T')).toBe(2.5);
    const version = (await t.db.selectFrom('program').select('data_version').executeTakeFirstOrThrow()).data_version;
    expect(await importRecords(t.db, 'XX', 'seizure', parsed.inputs)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect((await t.db.selectFrom('program').select('data_version').executeTakeFirstOrThrow()).data_version).toBe(version);
    expect(await total('SEIZ_REC_N')).toBe(3);
  });

  it('a changed row updates its record and moves the totals', async () => {
    const parsed = await parseRecordsCsv(CSV.replace('1.5,t', '2,t'), 'seizure.csv', seizure, { defaultStatus: 'approved' });
    expect(await importRecords(t.db, 'XX', 'seizure', parsed.inputs)).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await total('SEIZ_REC_COCAINE_KG')).toBe(2800);
    const r = await listRecords(t.db, 'XX', { type: 'seizure', clearance: 'restricted' });
    expect(r.items.find((i) => i.ref === 'S-1')?.version).toBe(2);
  });

  it('one bad row stops the whole batch; every problem names file, row and field', async () => {
    const bad = await parseRecordsCsv(
      [
        'ref,date,place,substance,quantity',
        'S-9,2012-01-10,R1D1,cocaine_base,1 kg',
        'S-10,2012-13-01,R9,heroine,5 stones',
        'S-9,2012-01-10,R1D1,cocaine_base,1 kg',
      ].join('\n'),
      'records/seizure.csv',
      seizure,
    );
    const err = await importRecords(t.db, 'XX', 'seizure', bad.inputs, { file: 'records/seizure.csv', rows: bad.rows }).catch((e: unknown) => e);
    expect(isVigiaError(err) && err.kind).toBe('validation');
    const details = isVigiaError(err) ? err.details : [];
    expect(details.map((d) => `${d.file}:${d.row}:${d.column}`)).toEqual([
      'records/seizure.csv:3:date',
      'records/seizure.csv:3:place',
      'records/seizure.csv:3:substance',
      'records/seizure.csv:3:quantity',
      'records/seizure.csv:4:ref',
    ]);
    expect(await total('SEIZ_REC_N')).toBe(3);
  });

  it('reports unknown and missing columns from the header', async () => {
    const parsed = await parseRecordsCsv('date,place,substance,weight\n', 'x.csv', seizure);
    expect(parsed.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['1:weight', '1:quantity']);
  });

  it('exports what the reader may see, formulas neutralised, and the export imports back unchanged', async () => {
    const { items } = await listRecords(t.db, 'XX', { type: 'seizure', clearance: 'restricted' });
    const full = recordsToCsv(seizure, items);
    expect(full).toContain("'=HYPERLINK");
    expect(full.split('\n')[0]).toBe(
      'ref,status,provenance,note,date,place,agency,substance,quantity,quantity_unit,conveyance,destination,operation,arrests,latitude,longitude,case_reference',
    );
    const back = await parseRecordsCsv(full, 'export.csv', seizure);
    expect(back.issues).toEqual([]);
    expect(await importRecords(t.db, 'XX', 'seizure', back.inputs)).toMatchObject({ unchanged: 3 });
    const pub = recordsToCsv(seizure, (await listRecords(t.db, 'XX', { type: 'seizure', clearance: 'public' })).items, [
      'destination',
      'operation',
      'arrests',
      'latitude',
      'longitude',
      'case_reference',
    ]);
    expect(pub).not.toContain('EXP-1');
    expect(pub.split('\n')[0]).toBe('ref,status,provenance,note,date,place,agency,substance,quantity,quantity_unit,conveyance');
    // Re-importing the public export keeps what it could not show.
    const again = await parseRecordsCsv(pub, 'public.csv', seizure);
    expect(await importRecords(t.db, 'XX', 'seizure', again.inputs, { columns: again.columns })).toMatchObject({ unchanged: 3 });
    const s1 = (await listRecords(t.db, 'XX', { type: 'seizure', clearance: 'restricted' })).items.find((i) => i.ref === 'S-1');
    expect(s1?.data.case_reference).toBe('EXP-1');
    // Without the column list the file is the whole truth, and the hidden field goes.
    expect(await importRecords(t.db, 'XX', 'seizure', again.inputs)).toMatchObject({ updated: 1, unchanged: 2 });
  });
});
