import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../../test/helpers/record-indicators.js';
import { findFormat } from '../exchange-registry.js';
import { readableOf } from '../upload-spool.js';
import { insertZone } from '../../places/places.repo.js';
import { writeTemplate, type TemplateOptions } from './template.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
  await insertZone(t.db, { programId, code: 'Z_NORTE', name_en: 'Northern valleys', name_es: 'Valles del norte' });
});
afterAll(() => t.destroy());

async function template(kind: 'xlsx' | 'csv', opts: Partial<TemplateOptions> = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTemplate(t.db, out, kind, { program: 'XX', ...opts });
  return Buffer.concat(chunks);
}

async function workbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

describe('templates', () => {
  it('the values CSV template is the header row alone', async () => {
    expect((await template('csv')).toString('utf8')).toBe('\uFEFFindicator,place,period,disagg,source,value,provenance,note,status,organisation\n');
  });

  it('the values XLSX template has drop-downs, notes in both languages and the code lists', async () => {
    const wb = await workbook(await template('xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['values', 'notes', 'lists']);
    const data = wb.getWorksheet('values')!;
    expect(data.getRow(1).values).toEqual([
      undefined,
      'indicator',
      'place',
      'period',
      'disagg',
      'source',
      'value',
      'provenance',
      'note',
      'status',
      'organisation',
    ]);
    expect(data.getCell('A2').dataValidation).toMatchObject({ type: 'list', formulae: ['lists!$A$2:$A$4'] });
    expect(data.getCell('F500').dataValidation).toMatchObject({ type: 'decimal' });
    const lists = wb.getWorksheet('lists')!;
    expect([2, 3, 4].map((r) => lists.getCell(`A${r}`).value).sort()).toEqual(['LATEST_IND', 'SPLIT_IND', 'SUM_IND']);
    const notes = wb.getWorksheet('notes')!;
    expect(notes.getRow(7).values).toEqual(
      expect.arrayContaining(['value', 'yes / sí', expect.stringMatching(/decimals/), expect.stringMatching(/decimales/)]),
    );
  });

  it('a template for an indicator set offers only those indicators', async () => {
    const wb = await workbook(await template('xlsx', { indicators: ['SPLIT_IND'] }));
    expect(wb.getWorksheet('values')!.getCell('A2').dataValidation.formulae).toEqual(['lists!$A$2:$A$2']);
    await expect(template('xlsx', { indicators: ['NOPE'] })).rejects.toThrow(/NOPE/);
  });

  it('a filled-in values template imports', async () => {
    const wb = await workbook(await template('xlsx'));
    const data = wb.getWorksheet('values')!;
    data.getRow(2).values = ['SPLIT_IND', 'R1D1', '2012', 'kind=y', '', 4.25, 'sourced', 'from the template', 'draft', ''];
    data.getRow(3).values = ['LATEST_IND', 'R1D2', 201207, '', '', 9, 'derived', '', '', ''];
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await findFormat('xlsx')!.import!(t.db, readableOf(file), { program: 'XX', dryRun: false, file: 'filled.xlsx' });
    expect(r).toMatchObject({ rows: 2, inserted: 2, errors: [] });
    const v = await t.db.selectFrom('data_value').select(['value', 'disagg']).where('note', '=', 'from the template').executeTakeFirstOrThrow();
    expect(v).toEqual({ value: 4.25, disagg: 'kind=y' });
  });

  it("a zone field offers the program's zones by code and name", async () => {
    const wb = await workbook(await template('xlsx', { recordType: 'eradication_operation' }));
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(wb.worksheets[0]!.getRow(2).getCell(header.indexOf('zone') + 1).dataValidation.type).toBe('list');
    const lists = wb.getWorksheet('lists')!;
    const cells = lists
      .getSheetValues()
      .flat()
      .filter((v): v is string => typeof v === 'string');
    expect(cells).toEqual(expect.arrayContaining(['Z_NORTE', 'Northern valleys / Valles del norte']));
  });

  it('a record type template has a column per field, choices as drop-downs, and imports when filled', async () => {
    const wb = await workbook(await template('xlsx', { recordType: 'seizure' }));
    const data = wb.worksheets[0]!;
    expect(data.name).toBe('seizure');
    const header = (data.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['ref', 'status', 'provenance', 'note']);
    expect(header).toEqual(expect.arrayContaining(['date', 'place', 'substance', 'quantity', 'quantity_unit']));
    const substance = header.indexOf('substance') + 1;
    expect(data.getRow(2).getCell(substance).dataValidation.type).toBe('list');
    const row = data.getRow(2);
    const set = (col: string, v: string) => {
      row.getCell(header.indexOf(col) + 1).value = v;
    };
    set('ref', 'T-1');
    set('date', '2012-04-01');
    set('place', 'R1D1');
    set('substance', 'cocaine_base');
    set('quantity', '12');
    set('quantity_unit', 'kg');
    const r = await findFormat('xlsx')!.import!(t.db, readableOf(Buffer.from(await wb.xlsx.writeBuffer())), {
      program: 'XX',
      dryRun: false,
      recordType: 'seizure',
    });
    expect(r).toMatchObject({ rows: 1, inserted: 1, errors: [] });
  });
});
