/**
 * Issue 12, hardening: a truncated upload that ends at a line boundary reads as a whole file.
 * With a count given beside it (`X-Expected-Rows`, `--expected-rows`, or the `# rows: N` footer
 * that exports write), a file with another number of data rows is refused naming both counts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { withAccessApp, signedInAs, type AccessApp } from '../helpers/access-app.js';
import { findFormat } from '../../src/modules/exchange/exchange-registry.js';
import { readableOf } from '../../src/modules/exchange/upload-spool.js';

let env: AccessApp;
withAccessApp((e) => (env = e));

const HEADER = 'indicator,place,period,source,value,provenance';
const rows = (n: number, from = 1990) => Array.from({ length: n }, (_, i) => `SUM_IND,R1D1,${from + i},A,${i + 1},sourced`);
const count = async () =>
  Number(
    (
      await env.t.db
        .selectFrom('data_value')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
type Job = { status: string; report: { errors: Array<{ reason: string }> } | null };

describe('expected row counts', () => {
  it('X-Expected-Rows refuses a file with another number of rows, values and records, naming both counts', async () => {
    const admin = await signedInAs(env.app, 'admin');
    const send = (body: string, expected: string, type = '') =>
      admin.request('POST', `/api/programs/XX/imports/csv?dryRun=true${type}`, body, { 'content-type': 'text/csv', 'x-expected-rows': expected });
    const cut = [HEADER, ...rows(3)].join('\n');
    const r = await send(cut, '5');
    expect(r.status).toBe(422);
    expect((r.body as Job).report?.errors.map((e) => e.reason).join()).toMatch(/holds 3 data row\(s\) but the expected row count sent with it says 5/);
    const ok = await send(cut, '3');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await send(cut, 'many')).status).toBe(400);
    const records = 'date,place,substance,quantity,quantity_unit\n2012-01-01,R1D1,marijuana,5,kg\n';
    expect((await send(records, '2', '&type=seizure')).status).toBe(422);
    expect((await send(records, '1', '&type=seizure')).status).toBe(200);
    expect(await count()).toBe(0);
  });

  it('a "# rows: N" footer is checked and is not a row; exports write it and import back', async () => {
    const csv = findFormat('csv')!;
    const run = (text: string) => csv.import!(env.t.db, readableOf(text), { program: 'XX', dryRun: true, file: 'v.csv' });
    expect((await run([HEADER, ...rows(4), '# rows: 4', ''].join('\n'))).errors).toEqual([]);
    const lying = await run([HEADER, ...rows(3), '"# rows: 4",,,,,'].join('\n'));
    expect(lying.errors[0]?.reason).toMatch(/holds 3 data row\(s\) but its "# rows: 4" footer says 4/);
    const after = await run([HEADER, ...rows(2), '# rows: 2', ...rows(1, 2050)].join('\n'));
    expect(after.errors[0]?.reason).toMatch(/after the "# rows:" footer/);
    // An export carries its count, and loads back whole.
    const admin = await signedInAs(env.app, 'admin');
    expect((await admin.request('POST', '/api/programs/XX/imports/csv', [HEADER, ...rows(6)].join('\n'), { 'content-type': 'text/csv' })).status).toBe(200);
    const res = await env.app.request('http://localhost/api/programs/XX/exports/csv', { headers: { cookie: admin.cookie ?? '' } });
    const exported = await res.text();
    expect(exported.trimEnd().split('\n').at(-1)).toBe('# rows: 6');
    expect((await run(exported)).errors).toEqual([]);
    const truncatedAtLine = exported.split('\n').slice(0, 5).join('\n') + '\n# rows: 6\n';
    expect((await run(truncatedAtLine)).errors[0]?.reason).toMatch(/holds 4 data row/);
    const xres = await env.app.request('http://localhost/api/programs/XX/exports/xlsx', { headers: { cookie: admin.cookie ?? '' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xres.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('# rows: 6');
    const xlsx = findFormat('xlsx')!;
    const back = await xlsx.import!(env.t.db, readableOf(Buffer.from(await wb.xlsx.writeBuffer())), {
      program: 'XX',
      dryRun: true,
      file: 'v.xlsx',
      expectedRows: 6,
    });
    expect(back.errors).toEqual([]);
    expect(back.rows).toBe(6);
  });
});
