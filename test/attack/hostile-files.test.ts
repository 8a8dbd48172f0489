/**
 * The standing suite's hostile-file corpus (issue 12): files generated here — bombs of every
 * container format, XML entity tricks, deep nesting, bad encodings, truncations, overflowing
 * numbers, huge cells and lines, a CSV of a million columns — each sent through every import
 * route of a real `vigia serve` (every format of the exchange registry that imports, values and
 * records) and every CLI import format. Each must end in a clean refusal (4xx, row errors, exit
 * 2): never a 5xx, a crash, a hang past its bound, or anything stored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeRegistry } from '../../src/modules/exchange/exchange-registry.js';
import { buildZip, deflatedEntry, manyEntries, xlsxBomb } from '../helpers/zip-bombs.js';
import { startServeChild, type ServeChild } from '../helpers/serve-child.js';
import { runVigia } from '../helpers/cli.js';
import { tallyProbes } from './probe-tally.js';

const REQUEST_BOUND_MS = 60_000;
let server: ServeChild;
let tried = 0;
const failures: string[] = [];

const IMPORTS = [...exchangeRegistry.values()].filter((f) => f.import).map((f) => f.name);
const VALUES_HEADER = 'indicator,place,period,source,value,provenance';

async function corpus(): Promise<Record<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('values').addRow(VALUES_HEADER.split(','));
  for (let i = 0; i < 50; i++) wb.worksheets[0]!.addRow(['NO_SUCH', 'PE', '2012', '', '1', 'sourced']);
  const book = Buffer.from(await wb.xlsx.writeBuffer());
  const csvText = (s: string) => Buffer.from(s, 'utf8');
  const laughs = ['<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'];
  for (let i = 1; i < 10; i++) laughs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  laughs.push(']><dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="x" period="2012" orgUnit="y" value="&lol9;"/></dataValueSet>');
  const big = 'a'.repeat(50_000);
  const files: Record<string, Buffer> = {
    'xlsx bomb, declared 600 MB': xlsxBomb(),
    'xlsx bomb, headers lie': xlsxBomb({ declaredSize: 40_000 }),
    'xlsx bomb, data descriptor lies': xlsxBomb({ declaredSize: 40_000, descriptor: true }),
    'xlsx bomb, shared strings': xlsxBomb({ part: 'sharedStrings', expandTo: 300 * 1024 * 1024 }),
    'zip of 100,000 entries': manyEntries(100_000),
    'zip without a worksheet': buildZip([{ name: 'xl/workbook.xml', data: deflateRawSync(Buffer.from('abc')), method: 8, size: 3 }]),
    'zip cut in the middle': book.subarray(0, Math.floor(book.length / 2)),
    'zip, only a local header': buildZip([deflatedEntry('a', 'b')]).subarray(0, 30),
    'gzip bomb (100 MB of zeros)': gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }),
    'xml billion laughs': csvText(laughs.join('')),
    'xml quadratic blow-up': csvText(
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "${big}">]><dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="x" period="2012" orgUnit="y" value="${'&a;'.repeat(20_000)}"/></dataValueSet>`,
    ),
    'xml external entity file': csvText(
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="x" period="2012" orgUnit="y" value="1" comment="&x;"/></dataValueSet>',
    ),
    'xml external entity http': csvText(
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="y" period="2012-01-01/P1Y" dataSet="d"><dataValue dataElement="x" value="1">&x;</dataValue></group></adx>',
    ),
    'xml parameter entities': csvText('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><dataValueSet/>'),
    'xml deep nesting': csvText(`<?xml version="1.0"?>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`),
    'xml cut mid-element': csvText('<?xml version="1.0"?><dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="x" per'),
    'json deep nesting': csvText(`${'['.repeat(500_000)}${']'.repeat(500_000)}`),
    'json cut': csvText('{"dataValues":[{"dataElement":"x","period":"2012","orgUnit":"y","value":"1"'),
    'json overflowing numbers': csvText(
      JSON.stringify({
        dataValues: [
          { dataElement: 'x', period: '2012', orgUnit: 'y', value: '1e309' },
          { dataElement: 'x', period: '2012', orgUnit: 'y', value: '9'.repeat(400) },
        ],
      }),
    ),
    'utf-16 le with bom': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${VALUES_HEADER}\nNO_SUCH,PE,2012,,1,sourced\n`, 'utf16le')]),
    'utf-16 le without bom': Buffer.from(`${VALUES_HEADER}\nNO_SUCH,PE,2012,,1,sourced\n`, 'utf16le'),
    'utf-16 be with bom': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${VALUES_HEADER}\n`, 'utf16le').swap16()]),
    'invalid utf-8': Buffer.concat([csvText(`${VALUES_HEADER}\nNO_SUCH,PE,2012,,1,`), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), csvText('\n')]),
    'latin-1': Buffer.from(`${VALUES_HEADER}\nNO_SUCH,Jun\xedn,2012,,1,sourced\n`, 'latin1'),
    'nul bytes': Buffer.concat([csvText(`${VALUES_HEADER}\nNO_SUCH,PE`), Buffer.alloc(64), csvText(',2012,,1,sourced\n')]),
    'csv cut mid-row': csvText(`${VALUES_HEADER}\nNO_SUCH,PE,20`),
    'csv cut mid-quote': csvText(`${VALUES_HEADER}\nNO_SUCH,PE,2012,,1,"sourc`),
    'csv overflowing numbers': csvText(
      `${VALUES_HEADER}\nERAD_HA,PE,2012,,1e309,sourced\nERAD_HA,PE,2013,,${'9'.repeat(400)},sourced\nERAD_HA,PE,2014,,-1e309,sourced\n`,
    ),
    'csv huge cell (5 MB)': csvText(`${VALUES_HEADER}\nNO_SUCH,PE,2012,,1,"${'x'.repeat(5 * 1024 * 1024)}"\n`),
    'csv huge line without quotes (5 MB)': csvText(`${VALUES_HEADER}\n${'y,'.repeat(2_500_000)}\n`),
    'csv with 1,000,000 columns': csvText(`${Array.from({ length: 1_000_000 }, (_, i) => `c${i.toString(36)}`).join(',')}\n`),
    'empty-looking whitespace': csvText(' \n\n\t\n'),
    'binary garbage': Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251)),
  };
  return files;
}

let files: Record<string, Buffer>;
let countStored: () => string;

beforeAll(async () => {
  files = await corpus();
  server = await startServeChild();
  countStored = () => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const n = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      return `values ${n('data_value')}, records ${n('record')}, audit ${n('audit_event')}`;
    } finally {
      db.close();
    }
  };
}, 180_000);

afterAll(async () => {
  tallyProbes('hostile files', tried, failures.length);
  await server?.stop();
});

/** The routes an upload can take: every importing format, and records for csv and xlsx. */
function routes(): string[] {
  const out: string[] = [];
  for (const f of IMPORTS) {
    out.push(`/api/programs/PE/imports/${f}`);
    if (f === 'csv' || f === 'xlsx') out.push(`/api/programs/PE/imports/${f}?type=seizure`);
  }
  return out;
}

async function waitForJob(id: string): Promise<string> {
  for (const until = Date.now() + REQUEST_BOUND_MS; Date.now() < until;) {
    const r = await server.call('GET', `/api/jobs/${id}`);
    const job = JSON.parse(r.text) as { status: string };
    if (job.status !== 'running') return job.status;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  return 'hung';
}

describe('hostile files', () => {
  it('every file through every API import route: a clean refusal, nothing stored, the server up', async () => {
    const before = countStored();
    for (const [name, body] of Object.entries(files)) {
      for (const path of routes()) {
        const variants: Array<Record<string, string>> = [{ 'content-type': 'application/octet-stream' }];
        // No route decodes Content-Encoding: a gzip body stays the bytes it is, and is refused as such.
        if (name.startsWith('gzip')) variants.push({ 'content-type': 'text/csv', 'content-encoding': 'gzip' });
        for (const headers of variants) {
          tried++;
          const what = `${name} → ${path}${headers['content-encoding'] ? ' (Content-Encoding: gzip)' : ''}`;
          try {
            const r = await server.call('POST', path, body, headers, REQUEST_BOUND_MS);
            let outcome = String(r.status);
            if (r.status === 202) outcome = `202 then ${await waitForJob((JSON.parse(r.text) as { id: string }).id)}`;
            const clean = (r.status >= 400 && r.status < 500) || outcome.endsWith('rejected') || outcome.endsWith('failed');
            if (!clean) failures.push(`${what}: ${outcome} ${r.text.slice(0, 200)}`);
          } catch (e) {
            failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
          }
          if (!server.alive()) {
            failures.push(`${what}: the server died`);
            throw new Error(failures.join('\n'));
          }
        }
      }
    }
    tried++;
    const after = countStored();
    if (after !== before) failures.push(`stored: ${before} before, ${after} after`);
    tried++;
    if (/\n\s+at .*\(/.test(server.output())) failures.push('a stack trace in the server output');
    expect(failures).toEqual([]);
  }, 1_500_000);

  it('every CLI import format refuses with exit 2 and no stack trace', async () => {
    const start = failures.length;
    const before = countStored();
    // Each format gets the files aimed at it and the generic ones; the CLI is a process per file.
    // The CLI reads files with the same readers as the API (probed above with every file); a
    // process start costs seconds, so each format gets two generic files and the ones aimed at it.
    const generic = ['xlsx bomb, headers lie', 'binary garbage'];
    const aimed: Record<string, string[]> = {
      csv: ['csv cut mid-quote', 'csv with 1,000,000 columns', 'nul bytes', 'csv overflowing numbers'],
      xlsx: ['xlsx bomb, declared 600 MB', 'xlsx bomb, shared strings', 'zip cut in the middle'],
      'dhis2-json': ['json deep nesting', 'json overflowing numbers'],
      'dhis2-xml': ['xml billion laughs', 'xml external entity file'],
      adx: ['xml external entity http', 'xml deep nesting'],
      'dhis2-csv': ['csv cut mid-row', 'invalid utf-8'],
    };
    for (const format of IMPORTS) {
      for (const name of [...generic, ...(aimed[format] ?? [])]) {
        tried++;
        const file = join(server.dir, 'hostile.bin');
        writeFileSync(file, files[name]!);
        const r = await runVigia({ ...process.env, VIGIA_DB: server.dbFile, DATABASE_URL: '' }, 'import', format, file, '--program', 'PE');
        if (r.code !== 2 || /\n\s+at .*\(/.test(r.stderr)) failures.push(`CLI ${format} ${name}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
      }
    }
    tried++;
    if (countStored() !== before) failures.push('the CLI stored something');
    expect(failures.slice(start)).toEqual([]);
  }, 1_500_000);
});
