import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { isVigiaError, type VigiaError } from '../../core/errors.js';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { buildZip, deflatedEntry, manyEntries, xlsxBomb } from '../../../test/helpers/zip-bombs.js';
import { bufferReader, checkZip, checkZipDirectory, DEFAULT_ZIP_LIMITS, refuseDeclaredBomb } from './zip-limits.js';
import { findFormat } from './exchange-registry.js';
import { readableOf } from './upload-spool.js';

async function refusal(work: Promise<unknown>): Promise<VigiaError> {
  try {
    await work;
  } catch (e) {
    if (isVigiaError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}
const whole = (buf: Buffer, limits = DEFAULT_ZIP_LIMITS) => {
  const { read, size } = bufferReader(buf);
  return checkZip(read, size, 'book.xlsx', limits);
};
const directory = (buf: Buffer) => {
  const { read, size } = bufferReader(buf);
  return checkZipDirectory(read, size, 'book.xlsx', DEFAULT_ZIP_LIMITS);
};

async function realWorkbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('values');
  ws.addRow(['indicator', 'place', 'period', 'value']);
  for (let i = 0; i < rows; i++) ws.addRow(['SUM_IND', 'R1D1', '2012', i]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('ZIP limits', () => {
  it('lets a real workbook through, with its directories and shared strings', async () => {
    const book = await realWorkbook(5_000);
    await expect(whole(book)).resolves.toBeUndefined();
    expect((await directory(book)).entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a bomb on its central directory alone, naming the limit', async () => {
    const e = await refusal(directory(xlsxBomb()));
    expect(e.kind).toBe('too_large');
    expect(e.message).toMatch(/more than 100 MB.*VIGIA_MAX_UNZIPPED_BYTES/);
  });

  it('refuses a bomb whose headers lie about its size while inflating it, in both header styles', async () => {
    for (const descriptor of [false, true]) {
      const liar = xlsxBomb({ declaredSize: 40_000, descriptor });
      await expect(directory(liar)).resolves.toBeDefined();
      const e = await refusal(whole(liar));
      expect(e.kind).toBe('too_large');
      expect(e.message).toContain('expands to more than the 40,000 bytes its headers declare');
    }
  });

  it('refuses 100,000 entries whatever count the end record gives', async () => {
    const e = await refusal(directory(manyEntries(100_000)));
    expect(e.kind).toBe('too_large');
    expect(e.message).toMatch(/more than 10,000 entries.*VIGIA_MAX_ZIP_ENTRIES/);
    const counted = buildZip(Array.from({ length: 20 }, (_, i) => deflatedEntry(`e${i}`, 'x')));
    const few = await refusal(whole(counted, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 }));
    expect(few.kind).toBe('too_large');
  });

  it('refuses a compression ratio over the limit, and only past 1 MiB expanded', async () => {
    const e = await refusal(whole(xlsxBomb({ expandTo: 5 * 1024 * 1024 })));
    expect(e.kind).toBe('too_large');
    expect(e.message).toMatch(/compression ratio of \d+ : 1.*VIGIA_MAX_ZIP_RATIO/);
    await expect(whole(buildZip([deflatedEntry('zeros', Buffer.alloc(512 * 1024))]))).resolves.toBeUndefined();
  });

  it('refuses as unreadable (a validation error) a ZIP cut short, a local header that disagrees, and hidden entries', async () => {
    const book = await realWorkbook(10);
    for (const cut of [book.subarray(0, book.length - 10), book.subarray(0, 100)]) expect((await refusal(whole(cut))).kind).toBe('validation');
    const disagree = buildZip([{ ...deflatedEntry('a.xml', 'x'.repeat(1000)), localSize: 10 }]);
    expect((await refusal(whole(disagree))).message).toContain('disagrees with the central directory');
    // An entry that only a reader of the local headers would see, ahead of the listed ones.
    const listed = buildZip([deflatedEntry('a.xml', 'hello')]);
    const hidden = buildZip([deflatedEntry('hidden.xml', 'x'.repeat(5000))]);
    const hiddenLocal = hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 1, 2])));
    const shifted = Buffer.from(listed);
    const dirAt = shifted.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    const end = shifted.subarray(shifted.length - 22);
    end.writeUInt32LE(dirAt + hiddenLocal.length, 16);
    const central = Buffer.from(shifted.subarray(dirAt, shifted.length - 22));
    central.writeUInt32LE(hiddenLocal.length, 42);
    const smuggled = Buffer.concat([hiddenLocal, shifted.subarray(0, dirAt), central, end]);
    expect((await refusal(whole(smuggled))).message).toContain('does not start where the previous entry ends');
  });

  it('the request-path check refuses only what is over a limit and leaves broken files to the reader', async () => {
    expect((await refusal(refuseDeclaredBomb(xlsxBomb(), 'b.xlsx'))).kind).toBe('too_large');
    await expect(refuseDeclaredBomb(Buffer.from('PK\x03\x04 not really a zip'), 'b.xlsx')).resolves.toBeUndefined();
    await expect(refuseDeclaredBomb(Buffer.from('indicator,place\n'), 'b.csv')).resolves.toBeUndefined();
  });

  it('takes its limits from the environment', () => {
    const c = parseConfig({ VIGIA_MAX_UNZIPPED_BYTES: String(5 * 1024 * 1024), VIGIA_MAX_ZIP_ENTRIES: '50', VIGIA_MAX_ZIP_RATIO: '20' });
    expect([c.VIGIA_MAX_UNZIPPED_BYTES, c.VIGIA_MAX_ZIP_ENTRIES, c.VIGIA_MAX_ZIP_RATIO]).toEqual([5 * 1024 * 1024, 50, 20]);
    expect(parseConfig({})).toMatchObject({
      VIGIA_MAX_UNZIPPED_BYTES: DEFAULT_ZIP_LIMITS.maxBytes,
      VIGIA_MAX_ZIP_ENTRIES: DEFAULT_ZIP_LIMITS.maxEntries,
      VIGIA_MAX_ZIP_RATIO: DEFAULT_ZIP_LIMITS.maxRatio,
    });
    expect(() => parseConfig({ VIGIA_MAX_ZIP_RATIO: '0' })).toThrow(/VIGIA_MAX_ZIP_RATIO/);
  });
});

describe('XLSX import through the format', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await createMiniProgram(t.db);
  });
  afterAll(async () => t.destroy());

  it('refuses every kind of bomb before exceljs reads it, values and records alike', async () => {
    const xlsx = findFormat('xlsx')!;
    for (const bomb of [xlsxBomb(), xlsxBomb({ declaredSize: 40_000 }), manyEntries(20_000)]) {
      for (const recordType of [undefined, 'seizure']) {
        const e = await refusal(xlsx.import!(t.db, readableOf(bomb), { program: 'XX', dryRun: false, file: 'bomb.xlsx', recordType }));
        expect(e.kind).toBe('too_large');
        expect(e.message).toMatch(/^bomb\.xlsx: .*over the limit of .*VIGIA_MAX_/);
      }
    }
  });

  it('reports a cut-short workbook as a problem of the file', async () => {
    const book = await realWorkbook(10);
    const r = await findFormat('xlsx')!.import!(t.db, readableOf(book.subarray(0, book.length - 40)), { program: 'XX', dryRun: true, file: 'cut.xlsx' });
    expect(r.errors[0]?.reason).toMatch(/not a readable ZIP file/);
  });
});
