import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../../test/helpers/mini-program.js';
import { readableOf } from '../upload-spool.js';
import { findFormat } from '../exchange-registry.js';
import type { ExchangeFormat, ImportReport } from '../exchange-format.js';

let t: TestDb;
const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';
const GOOD = [
  HEADER,
  'SUM_IND,R1D1,2012,,A,10.5,sourced,"a note, with comma",approved,',
  'SUM_IND,R1D2,2012,,B,7,sourced,,draft,',
  'SPLIT_IND,R2D1,2012Q3,kind=x,,3,illustrative,Invented breakdown,approved,',
  'LATEST_IND,R2D2,201207,,,42,derived,,,',
].join('\n');

const csv = (): ExchangeFormat => findFormat('csv')!;
const importCsv = (text: string | Buffer, dryRun = false): Promise<ImportReport> =>
  csv().import!(t.db, readableOf(text), { program: 'XX', dryRun, file: 'values.csv' });
const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('data_value')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function exportText(format: ExchangeFormat, opts: Partial<Parameters<NonNullable<ExchangeFormat['export']>>[2]> = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await format.export!(t.db, out, { program: 'XX', ...opts });
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  t = await createTestDb();
  await createMiniProgram(t.db);
  // The export tests write a negative value (a leading minus must survive formula neutralising).
  await t.db.updateTable('indicator').set({ allow_negative: 1 }).where('code', '=', 'SUM_IND').execute();
});
afterAll(async () => t.destroy());

describe('CSV import of data values', () => {
  it('a dry run reports what it would do and writes nothing', async () => {
    const r = await importCsv(GOOD, true);
    expect(r).toMatchObject({ format: 'csv', dryRun: true, rows: 4, inserted: 4, updated: 0, unchanged: 0, errors: [] });
    expect(await count()).toBe(0);
  });

  it('imports every row, and re-importing the same file changes nothing', async () => {
    expect(await importCsv(GOOD)).toMatchObject({ rows: 4, inserted: 4, updated: 0, errors: [] });
    const before = await t.db.selectFrom('data_value').select(['id', 'version', 'value']).orderBy('id').execute();
    expect(await importCsv(GOOD)).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4 });
    expect(await t.db.selectFrom('data_value').select(['id', 'version', 'value']).orderBy('id').execute()).toEqual(before);
    const split = await t.db.selectFrom('data_value').select(['disagg', 'value', 'status']).where('disagg', '!=', '').executeTakeFirstOrThrow();
    expect(split).toEqual({ disagg: 'kind=x', value: 3, status: 'approved' });
  });

  it('reports progress: rows checked, then rows written of the total', async () => {
    const calls: Array<[number, number | undefined]> = [];
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `SUM_IND,R1D1,${1950 + Math.floor(i / 144)}${String((i % 12) + 1).padStart(2, '0')}${10 + Math.floor((i % 144) / 12)},,B,1,sourced,,,`,
    );
    await csv().import!(t.db, readableOf(`${HEADER}\n${rows.join('\n')}`), { program: 'XX', dryRun: true, onProgress: (d, n) => calls.push([d, n]) });
    expect(calls[0]).toEqual([10_000, undefined]);
    expect(calls.at(-1)).toEqual([12_000, 12_000]);
  });

  it('accepts a byte-order mark and CRLF line ends', async () => {
    const text = '\uFEFF' + GOOD.replace('10.5', '11').split('\n').join('\r\n');
    expect(await importCsv(text)).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, errors: [] });
  });

  it('decodes Latin-1 (Windows-1252) from Spanish Excel', async () => {
    const text = `${HEADER}\nSUM_IND,R1D1,2012,,A,11,sourced,Año de campaña,approved,\n`;
    expect(await importCsv(Buffer.from(text, 'latin1'))).toMatchObject({ updated: 1, errors: [] });
    const v = await t.db.selectFrom('data_value').select('note').where('period', '=', '2012').where('source', '=', 'A').executeTakeFirstOrThrow();
    expect(v.note).toBe('Año de campaña');
  });

  it('refuses UTF-16 and XLSX bytes with a message saying what to do', async () => {
    await expect(importCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]))).rejects.toThrow(/UTF-16.*CSV UTF-8/);
    await expect(importCsv(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).rejects.toThrow(/xlsx format/);
  });
});

describe('bad files: a clear report and nothing changed', () => {
  const cases: Array<[string, string, { row?: number; column?: string; reason: RegExp }]> = [
    ['a wrong header', 'indicator,place,periode,value,provenance\nSUM_IND,R1D1,2012,1,sourced', { row: 1, column: 'periode', reason: /unknown column/ }],
    ['a missing column', 'indicator,place,value,provenance\nSUM_IND,R1D1,1,sourced', { row: 1, column: 'period', reason: /required column is missing/ }],
    ['a value that is not a number', `${HEADER}\nSUM_IND,R1D1,2013,,A,"1,5",sourced,,,`, { row: 2, column: 'value', reason: /not a number/ }],
    ['an unknown place', `${HEADER}\nSUM_IND,NOWHERE,2013,,A,1,sourced,,,`, { row: 2, column: 'place', reason: /unknown place/ }],
    ['an unknown indicator', `${HEADER}\nNOPE,R1D1,2013,,A,1,sourced,,,`, { row: 2, column: 'indicator', reason: /unknown indicator/ }],
    [
      'a duplicate row',
      `${HEADER}\nSUM_IND,R1D1,2013,,A,1,sourced,,,\nSUM_IND,R2D1,2013,,A,1,sourced,,,\nSUM_IND,R1D1,2013,,A,2,sourced,,,`,
      { row: 4, column: 'period', reason: /duplicate of row 2/ },
    ],
    ['a truncated file', `${HEADER}\nSUM_IND,R1D1,2013,,A,1,sourced,"an unfinished note`, { reason: /not a valid CSV file/ }],
    ['an empty file', '', { row: 1, reason: /the file is empty/ }],
  ];
  for (const [what, text, expected] of cases) {
    it(what, async () => {
      const before = await t.db.selectFrom('data_value').selectAll().orderBy('id').execute();
      const r = await importCsv(`${text}\n`.replace(/\n$/, what === 'a truncated file' ? '' : '\n'));
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.errors).toContainEqual(expect.objectContaining({ file: 'values.csv', ...expected, reason: expect.stringMatching(expected.reason) }));
      expect(r.inserted + r.updated).toBe(0);
      expect(await t.db.selectFrom('data_value').selectAll().orderBy('id').execute()).toEqual(before);
    });
  }

  it('a file that is good but for one row writes nothing', async () => {
    const r = await importCsv(`${HEADER}\nSUM_IND,R1D1,2014,,A,1,sourced,,,\nSUM_IND,R1D1,2014,,C,1,sourced,,,\n`);
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, column: 'source', value: 'C' })]);
    expect(await t.db.selectFrom('data_value').selectAll().where('period', '=', '2014').execute()).toEqual([]);
  });

  it('keeps the first 1,000 problems and counts them all', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `SUM_IND,R1D1,${2000 + (i % 10)},,A,x${i},sourced,,,`);
    const r = await importCsv(`${HEADER}\n${rows.join('\n')}\n`);
    expect(r.errors).toHaveLength(1_000);
    expect(r.errorsTotal).toBe(1_500);
  });

  it('refuses a file with more rows than allowed', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `SUM_IND,R1D1,${2000 + i},,A,1,sourced,,,`);
    const r = await csv().import!(t.db, readableOf(`${HEADER}\n${rows.join('\n')}`), { program: 'XX', dryRun: false, maxRows: 3 });
    expect(r.errors[0]?.reason).toMatch(/more than 3 rows/);
    expect(await t.db.selectFrom('data_value').selectAll().where('period', '=', '2004').execute()).toEqual([]);
  });
});

describe('CSV and XLSX export', () => {
  it('exports the values in the import format, with formula-like text neutralised', async () => {
    const r = await importCsv(
      `${HEADER}\nSUM_IND,R2D2,2015,,A,5,sourced,"=HYPERLINK(""http://evil"")",draft,\nSUM_IND,R2D2,2016,,A,-5,sourced,+cmd|' /C calc'!A0,draft,\n`,
    );
    expect(r).toMatchObject({ inserted: 2, errors: [] });
    const text = (await exportText(csv())).toString('utf8');
    expect(text.startsWith('\uFEFFindicator,place,period,disagg,source,value,provenance,note,status,organisation\n')).toBe(true);
    expect(text).toContain(`SUM_IND,R2D2,2015,,A,5,sourced,"'=HYPERLINK(""http://evil"")",draft,`);
    expect(text).toContain(`SUM_IND,R2D2,2016,,A,-5,sourced,'+cmd|' /C calc'!A0,draft,`);
    // Re-importing the export restores the text exactly and changes nothing.
    expect(await importCsv(text)).toMatchObject({ inserted: 0, updated: 0, errors: [] });
    const note = await t.db.selectFrom('data_value').select('note').where('period', '=', '2015').executeTakeFirstOrThrow();
    expect(note.note).toBe('=HYPERLINK("http://evil")');
  });

  it('exports approved values only when asked', async () => {
    const text = (await exportText(csv(), { approvedOnly: true })).toString('utf8');
    expect(text).not.toContain(',draft,');
    expect(text).toContain(',approved,');
  });

  it('round-trips through XLSX, formula-like text neutralised there too', async () => {
    const xlsx = findFormat('xlsx')!;
    const file = await exportText(xlsx);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells).toContain(`'=HYPERLINK("http://evil")`);
    expect(cells).toContain(-5);
    const r = await xlsx.import!(t.db, readableOf(file), { program: 'XX', dryRun: false, file: 'values.xlsx' });
    expect(r).toMatchObject({ errors: [], inserted: 0, updated: 0 });
    expect(r.rows).toBe(await count());
  });

  it('exports an analytics result flattened, one column per dimension, with its flags (core/figure-marks.ts)', async () => {
    const text = (await exportText(csv(), { analytics: { indicators: ['SPLIT_IND'], by: ['disagg:kind', 'place-level:1'] } })).toString('utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([
      '\uFEFFindicator,source,place,place_name,place_level,period,disagg.kind,value,provenance,flags',
      'SPLIT_IND,,XX,XX,1,,x,3,illustrative,i',
    ]);
  });
});
