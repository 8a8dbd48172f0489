/**
 * Acceptance 2: the demo program's IATI export validates against the official IATI 2.03 XSD,
 * and the same validator rejects the schema's own should-fail files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { conformanceFixtures } from '../../../../test/helpers/conformance-fixtures.js';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import { loadProgramFolder } from '../../programs/program-load.service.js';
import { parseXmlSafely, type XmlElement } from '../xml/safe-xml.js';
import { activitySectors, exportIati } from './iati-export.service.js';
import { iatiFormat } from './iati.format.js';
import { parseIatiMapping } from './iati-mapping.schema.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = conformanceFixtures('iati');
const IATI = fixtures.dir;
const mapping: unknown = JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/exchange/iati/pe-iati-mapping.json'), 'utf8'));

/** xmllint (WebAssembly) with the activity schema and the two files it includes/imports. */
async function validate(xml: string, fileName = 'activity.xml') {
  const schemaFile = (f: string) => ({ fileName: f, contents: readFileSync(resolve(IATI, f), 'utf8') });
  return validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [schemaFile('iati-activities-schema.xsd')],
    preload: [schemaFile('iati-common.xsd'), schemaFile('xml.xsd')],
  });
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

let t: TestDb;
let xml = '';
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, resolve(repoRoot, 'demo/peru'));
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      out += chunk.toString();
      cb();
    },
  });
  await iatiFormat.export?.(t.db, sink, { program: 'PE', mapping });
  xml = out;
}, 60_000);
afterAll(() => t.destroy());

describe('IATI 2.03 export', () => {
  fixtures.it(
    'the validator accepts the official example and should-pass files, and rejects the six should-fail files',
    async () => {
      expect((await validate(readFileSync(resolve(IATI, 'activity-standard-example-annotated.xml'), 'utf8'))).valid).toBe(true);
      for (const f of readdirSync(resolve(IATI, 'schema-tests/should-pass'))) {
        expect((await validate(readFileSync(resolve(IATI, 'schema-tests/should-pass', f), 'utf8'), f)).valid, f).toBe(true);
      }
      const failing = readdirSync(resolve(IATI, 'schema-tests/should-fail'));
      expect(failing).toHaveLength(6);
      for (const f of failing) {
        const r = await validate(readFileSync(resolve(IATI, 'schema-tests/should-fail', f), 'utf8'), f);
        expect(r.valid, f).toBe(false);
        expect(r.errors.length, f).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  fixtures.it(
    "the demo program's export validates against the XSD",
    async () => {
      const r = await validate(xml);
      expect(r.errors.map((e) => e.message)).toEqual([]);
      expect(r.valid).toBe(true);
    },
    60_000,
  );

  it('carries identification, narratives in English and Spanish, sectors, locations and results', () => {
    const root = parseXmlSafely(xml);
    const activity = root.children[0];
    if (!activity) throw new Error('no activity');
    expect(root.attrs.version).toBe('2.03');
    expect(activity.children.find((c) => c.name === 'iati-identifier')?.text).toBe('US-GOV-11-PE');
    expect(activity.children.find((c) => c.name === 'reporting-org')?.attrs).toMatchObject({ ref: 'US-GOV-11', type: '10' });
    const title = activity.children.find((c) => c.name === 'title');
    expect(title?.children.map((n) => n.attrs['xml:lang'] ?? 'en')).toEqual(['en', 'es']);
    expect(activity.children.find((c) => c.name === 'recipient-country')?.attrs.code).toBe('PE');
    const sectors = activity.children.filter((c) => c.name === 'sector');
    expect(sectors.map((s) => s.attrs.code).sort()).toEqual(['15130', '16063', '31165']);
    expect(sectors.reduce((a, s) => a + Number(s.attrs.percentage), 0)).toBeCloseTo(100, 9);
    expect(activity.children.filter((c) => c.name === 'location').length).toBeGreaterThan(0);
    const results = activity.children.filter((c) => c.name === 'result');
    expect(results.length).toBe(6);
    const indicators = all(activity, 'indicator');
    // COCA_HA has two sources (USG, UNODC): one IATI indicator each, never added together.
    expect(indicators.filter((i) => /\((USG|UNODC)\)$/.test(i.children[0]?.children[0]?.text ?? '')).length).toBe(2);
    expect(indicators.every((i) => ['0', '1'].includes(i.attrs.ascending ?? '') && ['1', '2'].includes(i.attrs.measure ?? ''))).toBe(true);
    const periods = all(activity, 'period');
    expect(periods.some((p) => p.children.some((c) => c.name === 'target') && p.children.some((c) => c.name === 'actual'))).toBe(true);
    expect(all(activity, 'baseline').length).toBeGreaterThan(0);
    // Disaggregated actuals (seizures by substance, …) carry their dimension.
    expect(all(activity, 'dimension').length).toBeGreaterThan(0);
    expect(all(activity, 'actual').length).toBeGreaterThan(all(activity, 'target').length);
    const order = activity.children.map((c) => c.name).filter((n, i, a) => a.indexOf(n) === i);
    expect(order).toEqual([
      'iati-identifier',
      'reporting-org',
      'title',
      'description',
      'participating-org',
      'activity-status',
      'activity-date',
      'recipient-country',
      'location',
      'sector',
      'result',
    ]);
  });

  fixtures.it(
    'breaking the schema order is caught by the validator',
    async () => {
      const swapped = xml.replace(/(<reporting-org[\s\S]*?<\/reporting-org>)(\s*)(<title>[\s\S]*?<\/title>)/, '$3$2$1');
      expect(swapped).not.toBe(xml);
      expect((await validate(swapped)).valid).toBe(false);
    },
    60_000,
  );

  it('sector percentages always add up to exactly 100', () => {
    const m = parseIatiMapping({
      sectors: { A: [{ code: '16063', percentage: 100 }], B: [{ code: '31165', percentage: 100 }], C: [{ code: '15130', percentage: 100 }] },
    });
    const s = activitySectors(['A', 'B', 'C'], m);
    expect(s).toEqual([
      { code: '15130', percentage: 33.33 },
      { code: '16063', percentage: 33.34 },
      { code: '31165', percentage: 33.33 },
    ]);
    expect(Math.round(s.reduce((a, x) => a + x.percentage, 0) * 100)).toBe(10_000);
    expect(() => parseIatiMapping({ defaultSectors: [{ code: '16063', percentage: 60 }] })).toThrow(/not a valid IATI mapping/);
  });

  fixtures.it(
    'exports without a mapping, with the default sector',
    async () => {
      const plain = await exportIati(t.db, { program: 'PE' });
      expect((await validate(plain)).valid).toBe(true);
      expect(plain).toContain('<sector vocabulary="1" code="16063" percentage="100"/>');
    },
    60_000,
  );
});
