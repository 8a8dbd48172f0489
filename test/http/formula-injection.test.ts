/**
 * Issue 12, hardening: formula injection through every export that writes text cells. Hostile
 * text (formula characters, behind whitespace, full-width, control characters) is planted in
 * value notes, record text fields, refs and notes, place and organisation names, and in the
 * rows of a rejected import; then every export is read back cell by cell (CSV parsed, every
 * sheet of every workbook): no cell may start, after trimming, with a formula character.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { withAccessApp, signedInAs, type AccessApp } from '../helpers/access-app.js';
import type { TestClient } from '../helpers/http-client.js';
import { HOSTILE_CELLS } from '../helpers/hostile-cells.js';
import { createTestDb } from '../helpers/test-db.js';
import { looksLikeFormula } from '../../src/core/spreadsheet-cells.js';
import { exportRecords } from '../../src/modules/records/records.service.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';
import { dhis2CsvFormat, dhis2JsonFormat } from '../../src/modules/exchange/dhis2/dhis2.formats.js';

let env: AccessApp;
withAccessApp((e) => (env = e));

const ROOT = resolve(import.meta.dirname, '../..');

/** Every cell of a CSV or XLSX file, every sheet. */
async function cellsOf(kind: 'csv' | 'xlsx', bytes: Buffer): Promise<string[]> {
  if (kind === 'csv') return (parse(bytes, { bom: true, relax_column_count: true }) as string[][]).flat();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') cells.push(v);
        else if (v && typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((r) => r.text).join(''));
        else if (v && typeof v === 'object' && 'formula' in v) cells.push(`=${String(v.formula)}`);
      }),
    ),
  );
  return cells;
}

async function download(c: TestClient, path: string): Promise<Buffer> {
  const res = await env.app.request(`http://localhost${path}`, { headers: { cookie: c.cookie ?? '', 'x-requested-with': 'vigia' } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Fails with the offending cells; returns how many neutralised hostile cells were seen. */
function assertSafe(where: string, cells: readonly string[]): number {
  expect(
    cells.filter(looksLikeFormula).map((c) => JSON.stringify(c)),
    where,
  ).toEqual([]);
  return cells.filter((c) => c.startsWith("'") && HOSTILE_CELLS.includes(c.slice(1))).length;
}

describe('no export writes a cell that a spreadsheet would run', () => {
  it('values, records, analytics, templates and the errors of a rejected import, as CSV and XLSX', async () => {
    const admin = await signedInAs(env.app, 'admin');
    const post = (path: string, body: string) => admin.request('POST', path, body, { 'content-type': 'text/csv' });
    const values = stringify([
      ['indicator', 'place', 'period', 'disagg', 'source', 'value', 'provenance', 'note', 'status', 'organisation'],
      ...HOSTILE_CELLS.map((note, i) => ['SUM_IND', 'R1D1', String(1990 + i), '', 'A', String(i + 1), 'sourced', note, 'approved', '']),
    ]);
    expect((await post('/api/programs/XX/imports/csv', values)).status).toBe(200);
    const records = stringify([
      ['ref', 'status', 'note', 'date', 'place', 'substance', 'quantity', 'quantity_unit', 'destination', 'operation', 'case_reference'],
      ...HOSTILE_CELLS.map((h, i) => [`${h}#${i}`, 'approved', h, '2012-01-01', 'R1D1', 'marijuana', '5', 'kg', h, h, h]),
    ]);
    const imported = await post('/api/programs/XX/imports/csv?type=seizure', records);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    await env.t.db.updateTable('place').set({ name: HOSTILE_CELLS[0]! }).where('code', '=', 'R1D1').execute();
    await env.t.db.updateTable('organisation').set({ name_en: HOSTILE_CELLS[8]!, name_es: HOSTILE_CELLS[14]! }).where('code', '=', 'ORG_A').execute();

    let seen = 0;
    for (const kind of ['csv', 'xlsx'] as const) {
      for (const path of [
        `/api/programs/XX/exports/${kind}`,
        `/api/programs/XX/exports/${kind}?type=seizure`,
        `/api/programs/XX/exports/${kind}?indicator=SUM_IND&by=place-level:2,period:year`,
        `/api/programs/XX/templates/${kind}`,
        `/api/programs/XX/templates/${kind}?type=seizure`,
      ]) {
        seen += assertSafe(path, await cellsOf(kind, await download(admin, path)));
      }
    }
    // A rejected import's problems name the hostile values it was sent.
    const bad = stringify([['indicator', 'place', 'period', 'value', 'provenance', 'note'], ...HOSTILE_CELLS.map((h) => [h, h, h, h, h, h])]);
    const rejected = await post('/api/programs/XX/imports/csv?file=%3Devil.csv', bad);
    expect(rejected.status).toBe(422);
    const errorsUrl = (rejected.body as { errorsUrl: string }).errorsUrl;
    const errorCells = await cellsOf('csv', await download(admin, errorsUrl));
    seen += assertSafe('errors.csv', errorCells);
    // The records export of the CLI (`vigia records export`).
    seen += assertSafe('records export', await cellsOf('csv', Buffer.from(await exportRecords(env.t.db, 'XX', 'seizure', 'restricted'))));
    // Hostile text was planted and came out neutralised in every kind of cell.
    expect(seen).toBeGreaterThan(HOSTILE_CELLS.length * 6);
  }, 120_000);

  it('DHIS2 CSV: comments are neutralised too', async () => {
    const t = await createTestDb();
    try {
      await loadProgramFolder(t.db, resolve(ROOT, 'test/fixtures/exchange/dhis2/program'));
      const mapping: unknown = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/exchange/dhis2/dhis2-mapping.json'), 'utf8'));
      const dataValues = HOSTILE_CELLS.map((comment, i) => ({
        dataElement: 'f7n9E0hX8qk',
        period: `${2000 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
        orgUnit: 'DiszpKrYNg8',
        value: String(i + 1),
        comment,
      }));
      const r = await dhis2JsonFormat.import!(t.db, Readable.from([JSON.stringify({ dataValues })]), { program: 'DH', dryRun: false, mapping });
      expect(r.errors).toEqual([]);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await dhis2CsvFormat.export!(t.db, out, { program: 'DH', mapping });
      expect(assertSafe('dhis2-csv', await cellsOf('csv', Buffer.concat(chunks)))).toBeGreaterThan(HOSTILE_CELLS.length / 2);
    } finally {
      await t.destroy();
    }
  }, 120_000);
});
