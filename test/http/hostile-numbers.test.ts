/**
 * Issue 12, problem 7: numbers that overflow. Every hostile number (1e309, -1e309, 400 digits,
 * NaN, Infinity, 1e13, a negative count, periods 0000 and 9999) is sent through every entry
 * point a number comes in by — single value, batch, target, record create and update (quantity,
 * number and list sub-fields), value CSV and XLSX imports, the records sheet, DHIS2 JSON, XML,
 * CSV and ADX, and a program-folder load — and each must be refused naming the field, with
 * nothing stored: the data and fact tables exactly as before, no Inf, NaN or null anywhere.
 * Generated: entry points × hostile inputs, one test each.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createApp, type App } from '../../src/server/app.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';
import { adxFormat, dhis2CsvFormat, dhis2JsonFormat, dhis2XmlFormat } from '../../src/modules/exchange/dhis2/dhis2.formats.js';
import type { ExchangeFormat } from '../../src/modules/exchange/exchange-format.js';
import { isVigiaError } from '../../src/core/errors.js';
import { MAX_MAGNITUDE } from '../../src/core/finite-number.js';

const DH = resolve('test/fixtures/exchange/dhis2');
const mapping: unknown = JSON.parse(readFileSync(join(DH, 'dhis2-mapping.json'), 'utf8'));

/** A hostile input: the text written in a file, the JSON literal sent in a body, what must be named. */
interface Hostile {
  name: string;
  /** The value as text (files, record fields). */
  text: string;
  /** The value as raw JSON (API bodies): a number literal when JSON has one. */
  json: string;
  period?: string;
  /** The column the refusal must name. */
  column: 'value' | 'period';
}

const DIGITS_400 = '9'.repeat(400);
const NUMBERS: Hostile[] = [
  { name: '1e309', text: '1e309', json: '1e309', column: 'value' },
  { name: '-1e309', text: '-1e309', json: '-1e309', column: 'value' },
  { name: '400 digits', text: DIGITS_400, json: DIGITS_400, column: 'value' },
  { name: 'NaN', text: 'NaN', json: '"NaN"', column: 'value' },
  { name: 'Infinity', text: 'Infinity', json: '"Infinity"', column: 'value' },
  { name: 'just over the range', text: '1.000001e12', json: '1.000001e12', column: 'value' },
];
/** Hostile for data values only (records have their own min and period rules). */
const VALUE_ONLY: Hostile[] = [
  { name: 'a negative count', text: '-5', json: '-5', column: 'value' },
  { name: 'period 0000', text: '5', json: '5', period: '0000', column: 'period' },
  { name: 'period 9999', text: '5', json: '5', period: '9999', column: 'period' },
];
const ALL = [...NUMBERS, ...VALUE_ONLY];

let t: TestDb;
let app: App;
let officer: TestClient;
let seizureId: number;
let trainingId: number;
const dirs: string[] = [];

/** Everything a refused write could have touched, as one string. */
async function snapshot(): Promise<string> {
  const [values, facts, coarse, targets, records, program] = await Promise.all([
    t.db.selectFrom('data_value').select(['id', 'value', 'period', 'version']).orderBy('id').execute(),
    t.db
      .selectFrom('fact')
      .select(['indicator_id', 'place_id', 'period', 'disagg', 'value', 'value_approved', 'n'])
      .orderBy(['indicator_id', 'place_id', 'period', 'disagg'])
      .execute(),
    t.db
      .selectFrom('fact_coarse')
      .select(['indicator_id', 'place_id', 'period', 'disagg', 'value', 'value_approved', 'n'])
      .orderBy(['indicator_id', 'place_id', 'period', 'disagg'])
      .execute(),
    t.db.selectFrom('target').select(['id', 'value', 'period']).orderBy('id').execute(),
    t.db.selectFrom('record').select(['id', 'data', 'version']).orderBy('id').execute(),
    t.db.selectFrom('program').select(['code', 'data_version']).orderBy('code').execute(),
  ]);
  return JSON.stringify({ values, facts, coarse, targets, records, program });
}

/** No stored number is Inf, NaN or null, in any table that holds one. */
async function allFinite(): Promise<void> {
  const numbers = [
    ...(await t.db.selectFrom('data_value').select('value').execute()).map((r) => r.value),
    ...(await t.db.selectFrom('target').select('value').execute()).map((r) => r.value),
    ...(await t.db.selectFrom('fact').select(['value', 'value_approved']).execute()).flatMap((r) => [r.value, r.value_approved]),
    ...(await t.db.selectFrom('fact_coarse').select(['value', 'value_approved']).execute()).flatMap((r) => [r.value, r.value_approved]),
  ];
  expect(numbers.filter((n) => typeof n !== 'number' || !Number.isFinite(n))).toEqual([]);
  for (const r of await t.db.selectFrom('record').select('data').execute()) expect(r.data).not.toMatch(/null|Infinity|NaN/);
}

/** Runs `send` and checks it was refused naming `column`, with nothing stored. */
async function refusedHttp(send: () => Promise<Reply>, column: string): Promise<void> {
  const before = await snapshot();
  const r = await send();
  expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  // The refusal names the field: an API error's details, or an import report's row errors.
  const body = r.body as { details?: Array<{ column?: string }>; report?: { errors?: Array<{ column?: string; row?: number }> } };
  const named = [...(body.details ?? []), ...(body.report?.errors ?? [])];
  expect(
    named.some((d) => d.column === column || d.column?.endsWith(`.${column}`)),
    JSON.stringify(r.body).slice(0, 1000),
  ).toBe(true);
  if (body.report) expect(body.report.errors?.find((e) => e.column === column)?.row).toBe(2);
  expect(await snapshot()).toBe(before);
  await allFinite();
}

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  await loadProgramFolder(t.db, join(DH, 'program'));
  app = createApp({ db: t.db, engine: t.engine });
  officer = new TestClient(app);
  await officer.signIn(USERS.officer, PASSWORD);
  const s = await officer.post('/api/programs/XX/records', {
    type: 'seizure',
    data: { date: '2013-02-01', place: 'R1D1', substance: 'cocaine_hcl', quantity: '12 kg' },
  });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  seizureId = (s.body as { id: number }).id;
  const tr = await officer.post('/api/programs/XX/records', {
    type: 'training_event',
    data: {
      course: 'CPP',
      topic: await firstChoice('training_event', 'topic'),
      start_date: '2013-02-01',
      place: 'R1D1',
      participants: [
        { role: await firstChoice('training_event', 'participants.role'), sex: await firstChoice('training_event', 'participants.sex'), count: 3 },
      ],
    },
  });
  expect(tr.status, JSON.stringify(tr.body)).toBe(201);
  trainingId = (tr.body as { id: number }).id;
}, 120_000);
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t?.destroy();
});

/** The first choice of a (possibly list sub-) field of a built-in type, from the API. */
async function firstChoice(type: string, path: string): Promise<string> {
  const r = await officer.get('/api/programs/XX/record-types');
  interface F {
    code: string;
    choices?: Array<{ code: string }>;
    fields?: F[];
  }
  const def = (r.body as { types: Array<{ code: string; fields: F[] }> }).types.find((x) => x.code === type);
  const [a, b] = path.split('.');
  let f = def?.fields.find((x) => x.code === a);
  if (b) f = f?.fields?.find((x) => x.code === b);
  return f?.choices?.[0]?.code ?? '';
}

const valueJson = (h: Hostile, extra = '') => `{"indicator":"SUM_IND","place":"R1D1","period":"${h.period ?? '2013'}","source":"A","value":${h.json}${extra}}`;
/** Uploads a file as the officer (bytes as they are: the test client would turn a Buffer into JSON). */
async function upload(format: string, body: string | Buffer, query = ''): Promise<Reply> {
  if (typeof body === 'string') return officer.request('POST', `/api/programs/XX/imports/${format}${query}`, body, { 'content-type': 'text/csv' });
  const res = await app.request(`http://localhost/api/programs/XX/imports/${format}${query}`, {
    method: 'POST',
    headers: { 'x-requested-with': 'vigia', cookie: officer.cookie ?? '', 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, headers: res.headers };
}
const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('values');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a hostile number is refused by every API entry point, naming the field, storing nothing', () => {
  for (const h of ALL) {
    it(`single value: ${h.name}`, () => refusedHttp(() => officer.request('PUT', '/api/programs/XX/values', valueJson(h, ',"version":0')), h.column));
    it(`batch: ${h.name}`, () => refusedHttp(() => officer.request('POST', '/api/programs/XX/values/batch', `{"values":[${valueJson(h)}]}`), h.column));
    it(`target: ${h.name}`, () =>
      refusedHttp(
        () =>
          officer.request(
            'PUT',
            '/api/programs/XX/indicators/SUM_IND/targets',
            `{"place":"R1D1","period":"${h.period ?? '2013'}","kind":"target","source":"A","value":${h.json}}`,
          ),
        h.column,
      ));
  }
  for (const h of NUMBERS) {
    for (const [label, quantity] of [
      ['quantity', `"${h.text} kg"`],
      ['quantity as a number', h.json],
      ['quantity as an object', `{"amount":${h.json},"unit":"kg"}`],
    ] as const) {
      it(`record create, ${label}: ${h.name}`, () =>
        refusedHttp(
          () =>
            officer.request(
              'POST',
              '/api/programs/XX/records',
              `{"type":"seizure","data":{"date":"2013-02-02","place":"R1D1","substance":"cocaine_hcl","quantity":${quantity}}}`,
            ),
          'quantity',
        ));
      it(`record update, ${label}: ${h.name}`, () =>
        refusedHttp(() => officer.request('PATCH', `/api/programs/XX/records/${seizureId}`, `{"version":1,"data":{"quantity":${quantity}}}`), 'quantity'));
    }
    it(`record number field: ${h.name}`, () =>
      refusedHttp(() => officer.request('PATCH', `/api/programs/XX/records/${seizureId}`, `{"version":1,"data":{"latitude":${h.json}}}`), 'latitude'));
    it(`record integer field: ${h.name}`, () =>
      refusedHttp(() => officer.request('PATCH', `/api/programs/XX/records/${seizureId}`, `{"version":1,"data":{"arrests":${h.json}}}`), 'arrests'));
    it(`record list sub-field: ${h.name}`, async () => {
      const [role, sex] = [await firstChoice('training_event', 'participants.role'), await firstChoice('training_event', 'participants.sex')];
      await refusedHttp(
        () =>
          officer.request(
            'PATCH',
            `/api/programs/XX/records/${trainingId}`,
            `{"version":1,"data":{"participants":[{"role":"${role}","sex":"${sex}","count":${h.json}}]}}`,
          ),
        'participants[0].count',
      );
      await refusedHttp(() => officer.request('PATCH', `/api/programs/XX/records/${trainingId}`, `{"version":1,"data":{"hours":"${h.text}"}}`), 'hours');
    });
  }
  it('a unit conversion that leaves the range: 1e12 t is 1e15 kg', () =>
    refusedHttp(
      () =>
        officer.request(
          'POST',
          '/api/programs/XX/records',
          '{"type":"seizure","data":{"date":"2013-02-02","place":"R1D1","substance":"cocaine_hcl","quantity":"1e12 t"}}',
        ),
      'quantity',
    ));
});

describe('a hostile number is refused by every import, with a row error naming the column, storing nothing', () => {
  for (const h of ALL) {
    it(`value CSV: ${h.name}`, () => refusedHttp(() => upload('csv', `${HEADER}\nSUM_IND,R1D1,${h.period ?? '2013'},,A,${h.text},sourced,,,\n`), h.column));
    it(`value XLSX: ${h.name}`, async () => {
      const file = await xlsxOf([HEADER.split(','), ['SUM_IND', 'R1D1', h.period ?? '2013', '', 'A', h.text, 'sourced', '', '', '']]);
      await refusedHttp(() => upload('xlsx', file), h.column);
    });
  }
  for (const h of NUMBERS) {
    it(`records sheet (CSV): ${h.name}`, () =>
      refusedHttp(() => upload('csv', `date,place,substance,quantity,quantity_unit\n2013-03-01,R1D1,cocaine_hcl,${h.text},kg\n`, '?type=seizure'), 'quantity'));
    it(`records sheet (XLSX): ${h.name}`, async () => {
      const file = await xlsxOf([
        ['date', 'place', 'substance', 'quantity', 'quantity_unit'],
        ['2013-03-01', 'R1D1', 'cocaine_hcl', h.text, 'kg'],
      ]);
      await refusedHttp(() => upload('xlsx', file, '?type=seizure'), 'quantity');
    });
  }

  const dhis2: Array<[string, ExchangeFormat, (h: Hostile) => string]> = [
    [
      'DHIS2 JSON',
      dhis2JsonFormat,
      (h) =>
        JSON.stringify({ dataValues: [{ dataElement: 'Ix2HsbDMLea', period: h.period ? h.period + '01' : '201201', orgUnit: 'BdfsJfj87js', value: h.text }] }),
    ],
    [
      'DHIS2 XML',
      dhis2XmlFormat,
      (h) =>
        `<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="Ix2HsbDMLea" period="${h.period ? h.period + '01' : '201201'}" orgUnit="BdfsJfj87js" value="${h.text}"/></dataValueSet>`,
    ],
    [
      'DHIS2 CSV',
      dhis2CsvFormat,
      (h) =>
        `dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\nIx2HsbDMLea,${h.period ? h.period + '01' : '201201'},BdfsJfj87js,,,${h.text}\n`,
    ],
    [
      'ADX',
      adxFormat,
      (h) =>
        `<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="BdfsJfj87js" period="${h.period ?? '2012'}-01-01/P1M" dataSet="pBOMPrpg1QX"><dataValue dataElement="Ix2HsbDMLea" value="${h.text}"/></group></adx>`,
    ],
  ];
  for (const [label, format, body] of dhis2) {
    for (const h of ALL) {
      it(`${label}: ${h.name}`, async () => {
        const before = await snapshot();
        const report = await format.import?.(t.db, Readable.from([Buffer.from(body(h))]), { program: 'DH', dryRun: false, mapping });
        expect(report?.errors.length, JSON.stringify(report)).toBeGreaterThan(0);
        expect(
          report?.errors.some((e) => e.column === h.column || (h.column === 'period' && /period/.test(`${e.column} ${e.reason}`))),
          JSON.stringify(report?.errors),
        ).toBe(true);
        expect(report!.inserted + report!.updated).toBe(0);
        expect(await snapshot()).toBe(before);
        await allFinite();
      });
    }
  }
});

describe('a hostile number in a program folder is refused, naming file, row and column', () => {
  for (const [file, header, row] of [
    ['values/IND_IX2.csv', 'indicator,place,period,value,provenance', (h: Hostile) => `IND_IX2,OU_BDFS,${h.period ?? '2012'},${h.text},sourced`],
    ['targets.csv', 'indicator,place,period,kind,value', (h: Hostile) => `IND_IX2,OU_BDFS,${h.period ?? '2012'},target,${h.text}`],
  ] as const) {
    for (const h of ALL) {
      it(`${file}: ${h.name}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'vigia-hostile-'));
        dirs.push(dir);
        cpSync(join(DH, 'program'), dir, { recursive: true });
        mkdirSync(join(dir, 'values'), { recursive: true });
        writeFileSync(join(dir, file), `${header}\n${row(h)}\n`);
        const before = await snapshot();
        const err = await loadProgramFolder(t.db, dir).then(
          () => null,
          (e: unknown) => e,
        );
        expect(isVigiaError(err), String(err)).toBe(true);
        const details = isVigiaError(err) ? err.details : [];
        expect(
          details.some((d) => d.file === file && d.row === 2 && d.column === h.column),
          JSON.stringify(details),
        ).toBe(true);
        expect(await snapshot()).toBe(before);
        await allFinite();
      });
    }
  }
});

describe("a hostile number in a program folder's records is refused, naming file, row and column", () => {
  for (const h of NUMBERS) {
    it(`records/seizure.csv: ${h.name}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigia-hostile-'));
      dirs.push(dir);
      cpSync(join(DH, 'program'), dir, { recursive: true });
      mkdirSync(join(dir, 'records'), { recursive: true });
      writeFileSync(join(dir, 'records', 'seizure.csv'), `ref,date,place,substance,quantity,quantity_unit\nS-1,2013-03-01,OU_BDFS,cocaine_hcl,${h.text},kg\n`);
      const before = await snapshot();
      const err = await loadProgramFolder(t.db, dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isVigiaError(err), String(err)).toBe(true);
      const details = isVigiaError(err) ? err.details : [];
      expect(
        details.some((d) => /seizure\.csv$/.test(String(d.file)) && d.row === 2 && d.column === 'quantity'),
        JSON.stringify(details),
      ).toBe(true);
      expect(await snapshot()).toBe(before);
      await allFinite();
    });
  }
});

describe('the largest allowed numbers are kept exactly, and a record can always be deleted', () => {
  it('a record at the largest quantity is stored, totals it exactly, and deletes cleanly', async () => {
    const before = await snapshot();
    const r = await officer.post('/api/programs/XX/records', {
      type: 'seizure',
      data: { date: '2013-04-01', place: 'R2D2', substance: 'cocaine_hcl', quantity: `${MAX_MAGNITUDE / 1000} t` },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = (r.body as { id: number }).id;
    const fact = await t.db
      .selectFrom('fact')
      .select('value')
      .where('period', '=', '201304')
      .where('place_id', '=', (await t.db.selectFrom('place').select('id').where('code', '=', 'R2D2').executeTakeFirstOrThrow()).id)
      .execute();
    expect(fact.map((f) => f.value)).toContain(MAX_MAGNITUDE);
    await allFinite();
    const d = await officer.request('DELETE', `/api/programs/XX/records/${id}`, { version: 1 });
    expect(d.status, JSON.stringify(d.body)).toBeLessThan(300);
    expect(await snapshot()).not.toContain(String(MAX_MAGNITUDE));
    const after = JSON.parse(await snapshot()) as { facts: unknown[] };
    expect(after.facts).toEqual((JSON.parse(before) as { facts: unknown[] }).facts);
  });

  it('the record whose update was refused is still deletable', async () => {
    const r = await officer.request('PATCH', `/api/programs/XX/records/${seizureId}`, '{"version":1,"data":{"quantity":"1e309 kg"}}');
    expect(r.status).toBe(400);
    const d = await officer.request('DELETE', `/api/programs/XX/records/${seizureId}`, { version: 1 });
    expect(d.status, JSON.stringify(d.body)).toBeLessThan(300);
    await allFinite();
  });
});
