/** Acceptance 3 for the DHIS2 formats: each bad file gets a clear report and changes nothing. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import type { ExchangeFormat, ImportReport } from '../exchange-format.js';
import { loadProgramFolder } from '../../programs/program-load.service.js';
import { fromAdxPeriod, toAdxPeriod } from './dhis2-period.js';
import { adxFormat, dhis2CsvFormat, dhis2JsonFormat, dhis2XmlFormat } from './dhis2.formats.js';
import { parsePeriod } from '../../../core/periods.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const OURS = resolve(repoRoot, 'test/fixtures/exchange/dhis2');
const mapping: unknown = JSON.parse(readFileSync(resolve(OURS, 'dhis2-mapping.json'), 'utf8'));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, resolve(OURS, 'program'));
  const ok = await dhis2JsonFormat.import?.(
    t.db,
    Readable.from([json([{ dataElement: 'f7n9E0hX8qk', period: '201201', orgUnit: 'DiszpKrYNg8', value: '5' }])]),
    { program: 'DH', dryRun: false, mapping },
  );
  expect(ok?.inserted).toBe(1);
});
afterAll(() => t.destroy());

function json(values: unknown[]): string {
  return JSON.stringify({ dataValues: values });
}

/** The database as a fingerprint: every value and the program's data version. */
async function snapshot(): Promise<string> {
  const values = await t.db.selectFrom('data_value').select(['indicator_id', 'place_id', 'period', 'value', 'version']).orderBy('id').execute();
  const program = await t.db.selectFrom('program').select('data_version').executeTakeFirstOrThrow();
  const facts = await t.db.selectFrom('fact').select(['indicator_id', 'value']).execute();
  return JSON.stringify({ values, program, facts });
}

async function refused(format: ExchangeFormat, body: string | Buffer | Readable, extra: Record<string, unknown> = {}): Promise<ImportReport> {
  const before = await snapshot();
  const input = body instanceof Readable ? body : Readable.from([typeof body === 'string' ? Buffer.from(body) : body]);
  const report = await format.import?.(t.db, input, { program: 'DH', dryRun: false, mapping, ...extra });
  if (!report) throw new Error('no report');
  expect(report.errors.length).toBeGreaterThan(0);
  expect(report.inserted + report.updated).toBe(0);
  expect(await snapshot()).toBe(before);
  return report;
}

const good = { dataElement: 'Ix2HsbDMLea', period: '201201', orgUnit: 'BdfsJfj87js', value: '7' };

describe('bad DHIS2 files are refused whole, with row and column', () => {
  it('truncated JSON and truncated XML', async () => {
    const j = await refused(dhis2JsonFormat, json([good]).slice(0, 60));
    expect(j.errors[0]?.reason).toMatch(/not valid JSON/);
    const x = await refused(
      dhis2XmlFormat,
      '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">\n<dataValue dataElement="Ix2HsbDMLea" period="201201" orgUnit="BdfsJfj87js" value="7"/>\n<dataValue dataEl',
    );
    expect(x.errors[0]).toMatchObject({ file: 'upload.xml', row: expect.any(Number) });
    expect(x.errors[0]?.reason).toMatch(/not well-formed|truncated/);
  });

  it('an XML bomb and an external entity (DXF2 and ADX)', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><dataValueSet><dataValue dataElement="&b;"/></dataValueSet>';
    expect((await refused(dhis2XmlFormat, bomb)).errors[0]?.reason).toMatch(/declares entities/);
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE adx [<!ENTITY x SYSTEM "file:///etc/passwd">]><adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="&x;" period="2015-01-01/P1M" dataSet="d"/></adx>';
    expect((await refused(adxFormat, xxe)).errors[0]?.reason).toMatch(/declares entities/);
  });

  it('an unknown data element, an unknown org unit, a non-numeric value, a weekly period', async () => {
    const r = await refused(
      dhis2JsonFormat,
      json([
        good,
        { ...good, dataElement: 'NOPE' },
        { ...good, orgUnit: 'NOWHERE' },
        { ...good, dataElement: 'eY5ehpbEsB7', value: 'twelve' },
        { ...good, dataElement: 'f7n9E0hX8qk', period: '2012W5' },
      ]),
    );
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, 'dataElement', 'NOPE'],
      [3, 'orgUnit', 'NOWHERE'],
      [4, 'value', 'twelve'],
      [5, 'period', '2012W5'],
    ]);
    expect(r.errors.find((e) => e.column === 'period')?.reason).toMatch(/weekly periods are not supported/);
    expect(r.errors.find((e) => e.column === 'value')?.reason).toBe('not a number');
  });

  it('a duplicate row with another value (CSV) and a wrong CSV header', async () => {
    const csv =
      '"dataelement","period","orgunit","categoryoptioncombo","attributeoptioncombo","value"\n"Ix2HsbDMLea","201201","BdfsJfj87js","","","7"\n"Ix2HsbDMLea","201201","BdfsJfj87js","","","8"\n';
    const d = await refused(dhis2CsvFormat, csv);
    expect(d.errors).toEqual([
      {
        file: 'upload.csv',
        row: 3,
        column: 'value',
        value: '8',
        reason: 'duplicate of row 2 (same data element, period, org unit and combos) with a different value',
      },
    ]);
    const h = await refused(dhis2CsvFormat, '"dataelemnt","period","orgunit","value"\n"Ix2HsbDMLea","201201","BdfsJfj87js","7"\n');
    expect(h.errors.map((e) => e.column)).toEqual(['dataelemnt', 'dataelement']);
  });

  it('a 200 MB upload is refused without being read whole', async () => {
    let sent = 0;
    const huge = new Readable({
      read() {
        sent += 1024 * 1024;
        this.push(sent > 200 * 1024 * 1024 ? null : Buffer.alloc(1024 * 1024, 0x20));
      },
    });
    const r = await refused(dhis2JsonFormat, huge);
    expect(r.errors[0]?.reason).toMatch(/larger than 64 MB/);
    expect(sent).toBeLessThan(80 * 1024 * 1024);
  });

  it('a mapping that is not one', async () => {
    const r = await refused(dhis2JsonFormat, json([good]), { mapping: { dataElements: [{ indicator: 'X' }] } });
    expect(r.errors[0]).toMatchObject({ column: 'dataElements.0', reason: 'give at least one of id, code, name' });
  });
});

describe('encodings and periods', () => {
  it('reads Latin-1 CSV (Spanish Excel) and refuses non-UTF-8 JSON', async () => {
    const csv = Buffer.from(
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment\nIx2HsbDMLea,201201,BdfsJfj87js,,,7,,,año\n',
      'latin1',
    );
    const r = await dhis2CsvFormat.import?.(t.db, Readable.from([csv]), { program: 'DH', dryRun: true, mapping });
    expect(r).toMatchObject({ inserted: 1, errors: [], dryRun: true });
    expect((await refused(dhis2JsonFormat, Buffer.from('{"dataValues":[{"comment":"año"}]}', 'latin1'))).errors[0]?.reason).toBe('not UTF-8');
  });

  it('converts ADX periods both ways and refuses the others', () => {
    for (const id of ['20150301', '201503', '2015Q2', '2015', '2015Oct']) expect(fromAdxPeriod(toAdxPeriod(parsePeriod(id)))).toMatchObject({ id });
    expect(fromAdxPeriod('2015-01-01/P1W')).toMatchObject({ reason: expect.stringMatching(/does not start and last like/) });
    expect(fromAdxPeriod('2015-02-01/P3M')).toHaveProperty('reason');
    expect(fromAdxPeriod('201501')).toHaveProperty('reason');
  });
});
