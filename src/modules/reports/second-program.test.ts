/**
 * Nothing in the reports is Peru's: a second program, written here as a folder (another
 * country, other indicators, calendar years), gets a correct fact sheet and progress report
 * from its own definition with no code change.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { buildReportDocument } from './report-build.service.js';
import { renderReport } from './report.service.js';
import type { ReportDocument } from './report-document.js';

const NBSP = '\u00a0';
const dir = mkdtempSync(join(tmpdir(), 'vigia-co-'));

const indicator = (code: string, component: string, en: string, es: string, unit: string, direction: string, aggTime: string, sources: string[] = []) => ({
  code,
  component,
  name: { en, es },
  unit,
  direction,
  agg_time: aggTime,
  agg_place: 'sum',
  sensitivity: 'public',
  origin: 'reported',
  decimals: 0,
  sources,
  dimensions: [],
});

const FACTSHEET = {
  code: 'factsheet',
  title: { en: '{{program}} — results {{period}}', es: '{{program}} — resultados {{period}}' },
  sections: [
    {
      type: 'narrative',
      heading: { en: 'Context', es: 'Contexto' },
      text: { en: 'A **test** program for {{country}}.', es: 'Un programa de **prueba** para {{country}}.' },
    },
    {
      type: 'statements',
      heading: { en: 'Results', es: 'Resultados' },
      items: [
        { kind: 'value', indicator: 'COCA', source: 'SIMCI', period: 0 },
        { kind: 'comparison', indicator: 'COCA', source: 'SIMCI', from: -1, to: 0 },
        { kind: 'comparison', indicator: 'ERRAD', from: -1, to: 0 },
        { kind: 'count', indicator: 'LABS', period: 0, label: { en: 'drug laboratories destroyed', es: 'laboratorios de droga destruidos' } },
        { kind: 'comparison', indicator: 'LABS', from: -3, to: 0 },
        {
          kind: 'project_status',
          record_type: 'infrastructure_project',
          where: { kind: 'model_police_station' },
          noun: { en: 'model police station', es: 'comisaría modelo' },
          gender_es: 'f',
        },
      ],
    },
    { type: 'table', rows: [{ indicator: 'ERRAD' }, { indicator: 'COCA', source: 'UNODC' }], periods: { from: -1, to: 0 } },
  ],
};

beforeAll(() => {
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'values'));
  mkdirSync(join(dir, 'reports'));
  file('program.json', JSON.stringify({ code: 'CO', name: { en: 'Colombia program', es: 'Programa de Colombia' }, country: 'CO', fiscal_year_start_month: 1 }));
  file('places.csv', 'code,name,level,parent,lat,lon,iso\nCO,Colombia,1,,,,\nCO-NAR,Nariño,2,CO,,,\nCO-PUT,Putumayo,2,CO,,,\n');
  file('sources.csv', 'code,name_en,name_es,url\nSIMCI,SIMCI survey,Monitoreo SIMCI,\nUNODC,UNODC estimate,Estimación UNODC,\n');
  file(
    'framework.csv',
    'code,kind,parent,name_en,name_es,description_en,description_es\nG1,goal,,Less coca,Menos coca,,\nC1,component,G1,Eradication and interdiction,Erradicación e interdicción,,\n',
  );
  file(
    'indicators.json',
    JSON.stringify([
      indicator('COCA', 'C1', 'Coca crops', 'Cultivos de coca', 'ha', 'down', 'latest', ['SIMCI', 'UNODC']),
      indicator('ERRAD', 'C1', 'Manual eradication', 'Erradicación manual', 'ha', 'up', 'sum'),
      indicator('LABS', 'C1', 'Laboratories destroyed', 'Laboratorios destruidos', 'count', 'up', 'sum'),
    ]),
  );
  file(
    'values/all.csv',
    [
      'indicator,place,period,disagg,source,value,provenance,note,status,organisation',
      'COCA,CO,2018,,SIMCI,169000,sourced,,approved,',
      'COCA,CO,2019,,SIMCI,154000,sourced,,approved,',
      'COCA,CO,2019,,UNODC,212000,sourced,,approved,',
      'ERRAD,CO-NAR,2018,,,30000,sourced,,approved,',
      'ERRAD,CO-PUT,2018,,,30000,sourced,,approved,',
      'ERRAD,CO-NAR,2019,,,50000,sourced,,approved,',
      'ERRAD,CO-PUT,2019,,,44600,sourced,,approved,',
      // A draft is not yet in a published report.
      'ERRAD,CO-PUT,2019Q4,,,9999,sourced,,draft,',
      'LABS,CO,2016,,,0,sourced,,approved,',
      'LABS,CO,2019,,,4820,sourced,,approved,',
    ].join('\n'),
  );
  file(
    'targets.csv',
    'indicator,place,period,source,disagg,kind,value,provenance,note\nERRAD,CO,2018,,,baseline,60000,sourced,\nERRAD,CO,2019,,,target,100000,sourced,\n',
  );
  file('reports/factsheet.json', JSON.stringify(FACTSHEET));
});

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, dir);
}, 60_000);
afterAll(async () => {
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const statementsOf = (doc: ReportDocument) => doc.blocks.flatMap((b) => (b.kind === 'statements' ? b.items.map((s) => s.text) : []));

describe('a second program, another country', () => {
  it('gets its own fact sheet from its own definition', async () => {
    const doc = await buildReportDocument(t.db, { program: 'CO', report: 'factsheet', period: '2019', lang: 'en' });
    expect(doc.title).toBe('Colombia program — results 2019');
    expect(statementsOf(doc)).toEqual([
      'Coca crops stood at 154,000 hectares in 2019; source: SIMCI survey.',
      'Coca crops decreased by 9 percent between 2018 and 2019, from 169,000 to 154,000 hectares; source: SIMCI survey.',
      'Manual eradication increased by 58 percent between 2018 and 2019, from 60,000 to 94,600 hectares.',
      'In 2019 there were more than 4,000 drug laboratories destroyed.',
      'Laboratories destroyed increased from 0 to 4,820 between 2016 and 2019.',
      'No model police station is recorded up to 2019.',
    ]);
    expect(doc.blocks.find((b) => b.kind === 'paragraph')).toEqual({
      kind: 'paragraph',
      inlines: [{ text: 'A ' }, { text: 'test', bold: true }, { text: ' program for CO.' }],
    });
  });

  it('in Spanish too, and as valid HTML', async () => {
    const doc = await buildReportDocument(t.db, { program: 'CO', report: 'factsheet', period: '2019', lang: 'es' });
    expect(statementsOf(doc)[2]).toBe(`Erradicación manual aumentó un 58${NBSP}% entre 2018 y 2019, de 60${NBSP}000 a 94${NBSP}600 hectáreas.`);
    expect(statementsOf(doc)[5]).toBe('No hay ninguna comisaría modelo registrada hasta 2019.');
    const html = (await renderReport(t.db, { program: 'CO', report: 'factsheet', period: '2019', lang: 'es', format: 'html' })).body.toString();
    expect((await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html)).valid).toBe(true);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<th scope="row">Cultivos de coca (hectáreas; Estimación UNODC)</th>');
  });

  it('has the built-in progress report over its own framework', async () => {
    const md = (await renderReport(t.db, { program: 'CO', report: 'progress', period: '2019', lang: 'en', format: 'md' })).body.toString();
    expect(md).toContain('## Less coca');
    expect(md).toContain('### Eradication and interdiction');
    expect(md).toContain('**Manual eradication (hectares)**');
    expect(md).toContain('Baseline: 60,000 (2018)');
    expect(md).toMatch(/\| Target \| — \| — \| — \| — \| 100,000 \|/);
    expect(md).toMatch(/\| Actual\[\^\d+\] \| — \| — \| — \| 60,000 \| 94,600 \|/);
    expect(md).toMatch(/\| % of target \| — \| — \| — \| — \| 95% \|/);
  });

  it('refuses an unknown report with the list of those it has', async () => {
    await expect(buildReportDocument(t.db, { program: 'CO', report: 'annual', period: '2019', lang: 'en' })).rejects.toThrow(
      'program CO has no report "annual" (it has: factsheet, progress)',
    );
  });
});
