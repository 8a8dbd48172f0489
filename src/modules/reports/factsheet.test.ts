/**
 * The demo fact sheet, end to end: the Peru program folder loaded as a user would load it, the
 * fact sheet made in both languages and all three formats, and every statement checked against
 * the data it comes from (change a value, the sentence changes).
 */
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { pdfText, squash } from '../../../test/helpers/pdf-text.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { listRecords, updateRecord } from '../records/records.service.js';
import { writeValues } from '../values/values.service.js';
import { buildReportDocument } from './report-build.service.js';
import { renderReport } from './report.service.js';
import type { ReportDocument, StatementItem } from './report-document.js';

const NBSP = '\u00a0';
let t: TestDb;

/** The demo's fourth police academy: built 2012–2013, opened in 2014. */
async function fourthAcademyId(): Promise<number> {
  const { items } = await listRecords(t.db, 'PE', { type: 'infrastructure_project', limit: 100, clearance: 'public' });
  const academy = items.find((r) => r.ref === 'ACAD-SANTA-MARIA-DEL-VALLE');
  if (!academy) throw new Error('the demo lost its fourth police academy');
  return academy.id;
}

let fourthAcademy: number;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
  fourthAcademy = await fourthAcademyId();
}, 120_000);
afterAll(() => t.destroy());

const factsheet = (lang: 'en' | 'es' = 'en') => buildReportDocument(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang });
const statements = (doc: ReportDocument): StatementItem[] => doc.blocks.flatMap((b) => (b.kind === 'statements' ? b.items : []));
const texts = async (lang: 'en' | 'es' = 'en') => statements(await factsheet(lang)).map((s) => s.text);

describe('the demo fact sheet for 2012', () => {
  it('states each result of the data in English', async () => {
    const all = await texts('en');
    expect(all).toContain('Coca under cultivation stood at 49,500 hectares in 2011; source: US government estimate (ONDCP, published in the INCSR).');
    expect(all).toContain('Eradication of illicit coca increased by 38 percent between 2011 and 2012, from 10,290 to 14,171 hectares.');
    expect(all).toContain('Cocaine seizures increased by 31 percent between 2011 and 2012, from 22,100 to 28,951 kilograms.');
    expect(all).toContain('Seizures of precursor chemicals increased by 83 percent between 2011 and 2012, from 575 to 1,053 metric tons.');
    expect(all).toContain('In 2012 there were more than 50 community anti-drug coalitions.');
    // The record says "completed" as of 2014; at the end of 2012 its milestones say it was being built.
    expect(all).toContain(
      'At the end of 2012, the fourth police academy east of the Andes, Escuela de policía de Santa María del Valle (Huánuco), was under construction.',
    );
  });

  it('labels derived and illustrative figures and records the query of each', async () => {
    const doc = await factsheet('en');
    const cocaine = statements(doc).find((s) => s.text.startsWith('Cocaine seizures'))!;
    expect(cocaine.provenance).toContain('derived');
    expect(cocaine.query).toMatchObject({ kind: 'analytics', indicator: 'SEIZ_COCAINE_KG', periods: ['2011', '2012'], approvedOnly: true });
    const coca = statements(doc).find((s) => s.text.startsWith('Coca under cultivation'))!;
    expect(coca.query).toMatchObject({ indicator: 'COCA_HA', source: 'USG', periods: ['2011'] });
    expect(coca.provenance).toEqual(['sourced']);
    const program = await t.db.selectFrom('program').select('data_version').where('code', '=', 'PE').executeTakeFirstOrThrow();
    expect(doc.dataVersion).toBe(program.data_version);
  });

  it('says the same in Spanish, with Spanish number formatting', async () => {
    const all = await texts('es');
    expect(all).toContain(
      `La superficie cultivada de coca se situó en 49${NBSP}500 hectáreas en 2011; fuente: Estimación del gobierno de los EE. UU. (ONDCP, publicada en el INCSR).`,
    );
    expect(all).toContain(`La erradicación de coca ilícita aumentó un 38${NBSP}% entre 2011 y 2012, de 10${NBSP}290 a 14${NBSP}171 hectáreas.`);
    expect(all).toContain(`La incautación de cocaína aumentó un 31${NBSP}% entre 2011 y 2012, de 22${NBSP}100 a 28${NBSP}951 kilogramos.`);
    expect(all).toContain(`La incautación de insumos químicos aumentó un 83${NBSP}% entre 2011 y 2012, de 575 a 1053 toneladas.`);
    expect(all).toContain('En 2012 había más de 50 coaliciones comunitarias antidrogas.');
    expect(all).toContain(
      'Al cierre de 2012, la cuarta escuela de policía al este de los Andes, Escuela de policía de Santa María del Valle (Huánuco), estaba en construcción.',
    );
  });

  it("names itself in the footer by its title in the reader's language, not its code", async () => {
    const footer = {
      en: 'report definition “Peru counternarcotics program: fact sheet”',
      es: 'definición del informe «Programa antidrogas del Perú: hoja informativa»',
    };
    for (const lang of ['en', 'es'] as const) {
      const md = (await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang, format: 'md' })).body.toString();
      const pdf = await pdfText((await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang, format: 'pdf' })).body);
      expect(md).toContain(footer[lang]);
      expect(pdf).toContain(footer[lang]);
      expect(md).not.toMatch(/informe factsheet|definition factsheet/);
    }
  });

  it('puts the same statements in the PDF, in both languages', async () => {
    for (const lang of ['en', 'es'] as const) {
      const pdf = await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang, format: 'pdf' });
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf.body);
      for (const s of await texts(lang)) expect(text).toContain(squash(s));
    }
  });

  it('writes HTML that validates, with the query of every figure in data attributes', async () => {
    const html = (await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang: 'en', format: 'html' })).body.toString();
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(report.valid).toBe(true);
    expect(html).toMatch(
      /<span class="statement tone-good" data-query="[^"]+" data-query-program="PE" data-query-indicator="ERAD_HA" data-query-source="" data-query-place="" data-query-zone="" data-query-periods="2011,2012" data-query-disagg="" data-query-approved-only="true" data-provenance="illustrative">Eradication of illicit coca increased by 38 percent/,
    );
    expect(html).toContain('data-query-indicator="COCA_HA" data-query-source="UNODC,USG"');
    expect(html).toMatch(/<meta name="vigia-data-version" content="\d+">/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  it('gives the same bytes for the same data version, in every format', async () => {
    for (const format of ['md', 'html', 'pdf'] as const) {
      const req = { program: 'PE', report: 'factsheet', period: '2012', lang: 'es' as const, format };
      const a = await renderReport(t.db, req);
      const b = await renderReport(t.db, req);
      expect(b.body.equals(a.body), format).toBe(true);
    }
  });

  // Last: it changes the data.
  it('follows the data: change a value and its sentence changes', async () => {
    const before = await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang: 'en', format: 'pdf' });
    await writeValues(t.db, 'PE', [
      { indicator: 'COCA_HA', source: 'USG', place: 'PE', period: '2011', value: 48_000, status: 'approved' },
      // One more department's eradication in 2012: 14,171 + 1,000 = 15,171 ha, +47.4 % on 2011.
      { indicator: 'ERAD_HA', place: 'PE-01', period: '2012', value: 1_000, status: 'approved', provenance: 'illustrative' },
      { indicator: 'SEIZ_COCAINE_KG', place: 'PE', period: '2012', value: 19_890, status: 'approved', provenance: 'sourced' },
      { indicator: 'SEIZ_PRECURSOR_T', place: 'PE', period: '2012', value: 1_151, status: 'approved' },
      { indicator: 'COALITIONS_N', place: 'PE', period: '2012', value: 61, status: 'approved', provenance: 'sourced' },
    ]);
    // Progress reported at the end of 2012 is taken as it stands.
    await updateRecord(t.db, 'PE', fourthAcademy, { data: { phase: 'under_construction', percent_complete: 75, as_of: '2012-12-31' } });
    const all = await texts('en');
    expect(all).toContain('Coca under cultivation stood at 48,000 hectares in 2011; source: US government estimate (ONDCP, published in the INCSR).');
    expect(all).toContain('Eradication of illicit coca increased by 47 percent between 2011 and 2012, from 10,290 to 15,171 hectares.');
    expect(all).toContain('Cocaine seizures decreased by 10 percent between 2011 and 2012, from 22,100 to 19,890 kilograms.');
    expect(all).toContain('Seizures of precursor chemicals increased by 100 percent between 2011 and 2012, from 575 to 1,151 metric tons.');
    expect(all).toContain('In 2012 there were more than 60 community anti-drug coalitions.');
    expect(all).toContain(
      'At the end of 2012, the fourth police academy east of the Andes, Escuela de policía de Santa María del Valle (Huánuco), was under construction, 75 percent complete.',
    );
    const after = await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang: 'en', format: 'pdf' });
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(after.body.equals(before.body)).toBe(false);
  });
});
