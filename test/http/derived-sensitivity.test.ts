/**
 * A derived figure is as sensitive as what it is computed from, on every read route. The
 * database is planted as one loaded before loads refused it would be: public formula indicators
 * over a restricted and an official one (and a chain of them), a public indicator rolled up from
 * a restricted record field, targets of them, a stale reported value of a formula indicator and
 * reports naming them. Then every GET route of the OpenAPI document that returns data (a new
 * route is covered without editing this test) is asked by each reader, with every indicator,
 * record type, report, format and language it takes, and no reply may hold a figure or a code
 * above the reader's clearance. Restricted readers must see them, so the probes reach the data.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import type { Db } from '../../src/db/database.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { storeValues, writeValues } from '../../src/modules/values/values.service.js';
import { loadCatalog } from '../../src/modules/catalog/catalog.repo.js';
import { DIRECT_WRITE } from '../../src/modules/audit/data-writer.js';
import { upsertRecordTypeRow } from '../../src/modules/catalog/record-types.repo.js';
import { upsertReportDefinition } from '../../src/modules/reports/report.repo.js';
import { formatNames } from '../../src/modules/exchange/exchange-registry.js';

type Reader = 'public' | 'analyst' | 'partnerA' | 'officerOfficial' | 'officer' | 'cleared';
const READERS: Reader[] = ['public', 'analyst', 'partnerA', 'officerOfficial', 'officer', 'cleared'];
const CEILING: Record<Reader, 'public' | 'official' | 'restricted'> = {
  public: 'public',
  analyst: 'official',
  partnerA: 'official',
  officerOfficial: 'official',
  officer: 'restricted',
  cleared: 'restricted',
};
const OFFICIAL_OFFICER = 'officer.official@example.org';

/** What only restricted readers may see: codes, and figures (each planted once, so a match is a leak). */
const RESTRICTED = {
  codes: ['SECRET_IND', 'LEAK_R', 'LEAK_CHAIN', 'REC_SECRET'],
  // SECRET_IND, LEAK_R = SECRET_IND * 2, LEAK_CHAIN = LEAK_R + 1, REC_SECRET's roll-up, LEAK_R's target, LEAK_R's stale value.
  figures: [86421, 172842, 172843, 64209, 97531, 31337],
};
/** What needs official clearance: LATEST_IND, LEAK_O = LATEST_IND * 3, LEAK_O's target. */
const OFFICIAL = { codes: ['LATEST_IND', 'LEAK_O'], figures: [53197, 159591, 24680] };
const ALL_CODES = ['SUM_IND', ...OFFICIAL.codes, ...RESTRICTED.codes];

/** A figure as any output may write it: plain, or with a thousands separator of either language. */
function figurePattern(n: number): RegExp {
  const s = String(n);
  const head = s.slice(0, -3);
  const tail = s.slice(-3);
  return new RegExp(`(?<![0-9])${head}(?:[,.\\s\\u00a0\\u202f]?)${tail}(?![0-9])`);
}

let t: TestDb;
let app: App;
let doc: { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean; schema?: { enum?: string[] } }> }>> };
const clients = {} as Record<Reader, TestClient>;
let recordId = 0;
let submissionIds: number[] = [];
let reportCodes: string[] = [];

const indicatorRow = (
  programId: number,
  code: string,
  sensitivity: 'public' | 'official' | 'restricted',
  origin: 'reported' | 'records' | 'formula',
  formula: string | null,
) => ({
  program_id: programId,
  code,
  component_id: null,
  name_en: code,
  name_es: code,
  description_en: null,
  description_es: null,
  unit: 'count',
  direction: 'up' as const,
  agg_time: 'sum' as const,
  agg_place: 'sum' as const,
  sensitivity,
  origin,
  formula,
  decimals: 0,
  sort: 0,
});

/** The inconsistent catalog, written straight to the database as a load before this rule could have. */
async function plant(db: Db, programId: number): Promise<void> {
  await db
    .insertInto('indicator')
    .values([
      indicatorRow(programId, 'LEAK_R', 'public', 'formula', 'SECRET_IND * 2'),
      indicatorRow(programId, 'LEAK_CHAIN', 'public', 'formula', 'LEAK_R + 1'),
      indicatorRow(programId, 'LEAK_O', 'public', 'formula', 'LATEST_IND * 3'),
      indicatorRow(programId, 'REC_SECRET', 'public', 'records', null),
    ])
    .execute();
  const caseFile = {
    code: 'case_file',
    name: { en: 'Case file', es: 'Expediente' },
    place_field: 'place',
    date_field: 'date',
    fields: [
      { code: 'place', name: { en: 'Place', es: 'Lugar' }, type: 'place', required: true },
      { code: 'date', name: { en: 'Date', es: 'Fecha' }, type: 'date', required: true },
      { code: 'secret_amount', name: { en: 'Amount', es: 'Monto' }, type: 'number', sensitivity: 'restricted' },
    ],
    rollups: [{ indicator: 'REC_SECRET', value: { sum: 'secret_amount' } }],
  };
  await upsertRecordTypeRow(db, programId, 'case_file', JSON.stringify(caseFile), new Date().toISOString());
  await writeValues(db, 'XX', [
    { indicator: 'SUM_IND', place: 'R1D1', period: '2012', source: 'A', value: 10, status: 'approved' },
    { indicator: 'SECRET_IND', place: 'R1', period: '2012', value: 86421, status: 'approved' },
    { indicator: 'LATEST_IND', place: 'R1', period: '2012', value: 53197, status: 'approved' },
  ]);
  // A reported value left from when LEAK_R was reported: it is LEAK_R's, so as sensitive as LEAK_R now is.
  const ids = await db.selectFrom('indicator').select(['id', 'code']).where('program_id', '=', programId).execute();
  const idOf = (code: string) => ids.find((i) => i.code === code)!.id;
  const place = await db.selectFrom('place').select('id').where('program_id', '=', programId).where('code', '=', 'R1').executeTakeFirstOrThrow();
  const org = await db.selectFrom('organisation').select('id').where('program_id', '=', programId).where('code', '=', 'ORG_A').executeTakeFirstOrThrow();
  await storeValues(
    db,
    await loadCatalog(db, 'XX'),
    [
      {
        indicator_id: idOf('LEAK_R'),
        place_id: place.id,
        period: '2012',
        start_date: '2012-01-01',
        end_date: '2012-12-31',
        disagg: '',
        source: '',
        value: 31337,
        organisation_id: org.id,
        status: 'approved',
        version: 1,
        provenance: 'sourced',
        note: null,
        updated_at: new Date().toISOString(),
      },
    ],
    DIRECT_WRITE,
  );
  const figures = (indicator: string) => ({
    type: 'statements',
    heading: { en: indicator, es: indicator },
    items: [
      { kind: 'value', indicator, period: 0 },
      { kind: 'comparison', indicator, from: -1, to: 0 },
    ],
  });
  const reports: Array<[string, unknown[]]> = [
    ['everything', [{ type: 'progress', heading: { en: 'Progress', es: 'Avance' }, periods: { from: -1, to: 0 }, exclude_sensitivity: [], charts: true }]],
    ...ALL_CODES.filter((c) => c !== 'SUM_IND').map((code): [string, unknown[]] => [
      `about_${code.toLowerCase()}`,
      [
        figures(code),
        { type: 'table', heading: { en: 'Table', es: 'Tabla' }, rows: [{ indicator: code }], periods: { from: -1, to: 0 } },
        { type: 'chart', heading: { en: 'Chart', es: 'Gráfico' }, indicator: code, periods: { from: -1, to: 0 }, targets: true },
      ],
    ]),
  ];
  for (const [code, sections] of reports) {
    await upsertReportDefinition(db, programId, code, JSON.stringify({ code, title: { en: code, es: code }, data: 'all', sections }), code);
  }
}

beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createAccessFixture(t.db);
  await createUser(t.db, { email: OFFICIAL_OFFICER, name: 'Officer (official)', role: 'officer', clearance: 'official', password: PASSWORD }, null);
  await plant(t.db, programId);
  app = createApp({ db: t.db, engine: t.engine });
  const emails: Record<Reader, string | null> = {
    public: null,
    analyst: USERS.analyst,
    partnerA: USERS.partnerA,
    officerOfficial: OFFICIAL_OFFICER,
    officer: USERS.officer,
    cleared: USERS.cleared,
  };
  for (const r of READERS) {
    clients[r] = new TestClient(app);
    const email = emails[r];
    if (email) await clients[r].signIn(email, PASSWORD);
  }
  const admin = new TestClient(app);
  await admin.signIn(USERS.admin, PASSWORD);
  // Audited writes: targets of the derived indicators and a record of the restricted field.
  for (const [indicator, value] of [
    ['LEAK_R', 97531],
    ['LEAK_O', 24680],
  ] as const) {
    const r = await admin.request('PUT', `/api/programs/XX/indicators/${indicator}/targets`, { place: 'XX', period: '2012', kind: 'target', value });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const rec = await admin.post('/api/programs/XX/records', {
    type: 'case_file',
    status: 'approved',
    data: { place: 'R1D1', date: '2012-05-01', secret_amount: 64209 },
  });
  expect(rec.status, JSON.stringify(rec.body)).toBe(201);
  recordId = (rec.body as { id: number }).id;
  await writeValues(t.db, 'XX', [{ indicator: 'SUM_IND', place: 'R1D1', period: '2012', source: 'B', value: 5, status: 'draft', organisation: 'ORG_A' }]);
  await clients.partnerA.post('/api/programs/XX/submissions', { period: '2012' });
  const subs = await admin.get('/api/programs/XX/submissions');
  submissionIds = ((subs.body as { submissions?: Array<{ id: number }> }).submissions ?? []).map((s) => s.id);
  reportCodes = ((await admin.get('/api/programs/XX/reports')).body as { reports: Array<{ code: string }> }).reports.map((r) => r.code);
  doc = (await admin.get('/api/openapi.json')).body as typeof doc;
}, 180_000);
afterAll(() => t?.destroy());

/** The values a query or path parameter is tried with; undefined leaves an optional one out. */
function valuesOf(path: string, name: string, required: boolean, enumValues?: string[]): Array<string | undefined> {
  const opt = (vs: string[]) => (required ? vs : [undefined, ...vs]);
  switch (name) {
    case 'program':
      return ['XX'];
    case 'indicator':
    case 'indicators':
      return opt(ALL_CODES);
    case 'type':
      return opt(['case_file', 'seizure']);
    case 'report':
      return reportCodes;
    case 'format':
      return enumValues ?? formatNames();
    case 'kind':
      return enumValues ?? [];
    case 'id':
      if (path.includes('/records/')) return [String(recordId)];
      if (path.includes('/submissions/')) return submissionIds.map(String);
      return ['1'];
    case 'period':
      return ['2012'];
    case 'from':
      return required ? ['2011'] : [undefined];
    case 'to':
      return required ? ['2012'] : [undefined];
    case 'level':
      return ['2'];
    case 'limit':
      return ['1000'];
    case 'by':
      return opt(['period:year']);
    default:
      return enumValues && required ? enumValues : enumValues ? [undefined, ...enumValues] : required ? ['x'] : [undefined];
  }
}

/** Every GET request to try: required parameters in every combination, each optional one alone. */
function requests(): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const op = ops.get;
    if (!op) continue;
    const params = op.parameters ?? [];
    const fixed = params.filter((p) => p.required || p.in === 'path');
    const optional = params.filter((p) => !(p.required || p.in === 'path'));
    let combos: Array<Record<string, string>> = [{}];
    for (const p of fixed) {
      const vs = valuesOf(path, p.name, true, p.schema?.enum).filter((v): v is string => v !== undefined);
      combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [`${p.in}:${p.name}`]: v })));
    }
    for (const base of combos) {
      const variants: Array<Record<string, string>> = [base];
      for (const p of optional) {
        for (const v of valuesOf(path, p.name, false, p.schema?.enum)) if (v !== undefined) variants.push({ ...base, [`query:${p.name}`]: v });
      }
      for (const v of variants) {
        const url = path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(v[`path:${n}`] ?? ''));
        const query = Object.entries(v)
          .filter(([k]) => k.startsWith('query:'))
          .map(([k, val]) => `${k.slice(6)}=${encodeURIComponent(val)}`);
        out.push(query.length ? `${url}?${query.join('&')}` : url);
      }
    }
  }
  return [...new Set(out)];
}

/** A reply's text, whatever its format: spreadsheets are opened and their cells read. */
async function readAs(client: TestClient, url: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'x-requested-with': 'vigia' };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await app.request(`http://localhost${url}`, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    return { status: res.status, text: cells.join('\n') };
  }
  return { status: res.status, text: bytes.toString(type.includes('pdf') ? 'latin1' : 'utf8') };
}

describe('derived sensitivity on every read route', () => {
  it('enumerates the data routes of the OpenAPI document', () => {
    const urls = requests();
    for (const route of [
      '/api/analytics',
      '/api/compare',
      '/api/programs/XX/indicators',
      '/api/reports/',
      '/api/programs/XX/exports/csv',
      '/api/programs/XX/exports/xlsx',
      '/api/programs/XX/values',
      '/api/audit',
      '/api/programs/XX/record-types',
    ]) {
      expect(
        urls.some((u) => u.startsWith(route)),
        route,
      ).toBe(true);
    }
  });

  for (const reader of READERS) {
    it(`${reader} (clearance ${CEILING[reader]}) sees nothing derived from data above it`, async () => {
      const hidden =
        CEILING[reader] === 'restricted'
          ? { codes: [], figures: [] }
          : CEILING[reader] === 'official'
            ? RESTRICTED
            : {
                codes: [...RESTRICTED.codes, ...OFFICIAL.codes],
                figures: [...RESTRICTED.figures, ...OFFICIAL.figures],
              };
      const seen: string[] = [];
      const leaks: string[] = [];
      for (const url of requests()) {
        const { status, text } = await readAs(clients[reader], url);
        expect(status, `${reader} GET ${url}: ${text.slice(0, 300)}`).toBeLessThan(500);
        seen.push(text);
        // A reply may repeat a code the request itself names ("no indicator LEAK_R"); nothing else.
        for (const code of hidden.codes) if (!url.includes(code) && new RegExp(`\\b${code}\\b`).test(text)) leaks.push(`${url}: code ${code}`);
        for (const n of hidden.figures) if (figurePattern(n).test(text)) leaks.push(`${url}: figure ${n}`);
      }
      expect(leaks).toEqual([]);
      // The probes reach the data: what the reader may see is there.
      const all = seen.join('\n');
      const visible =
        CEILING[reader] === 'restricted'
          ? { codes: [...RESTRICTED.codes, ...OFFICIAL.codes], figures: [...RESTRICTED.figures, ...OFFICIAL.figures] }
          : CEILING[reader] === 'official'
            ? OFFICIAL
            : { codes: ['SUM_IND'], figures: [] };
      for (const code of visible.codes) expect(all, `${reader} should see ${code}`).toContain(code);
      for (const n of visible.figures) expect(figurePattern(n).test(all), `${reader} should see ${n}`).toBe(true);
    }, 600_000);
  }
});
