/**
 * The finding of issue 14, planted: a program of eight departments that all reported coca
 * eradication for 2015 and 2016, of which one has reported 2017 (approved) and another has a
 * draft for the first quarter of 2017. Written as a program folder and loaded as a user would,
 * with a fact sheet of its own; the planted rows are returned so that tests can count from them.
 * The fiscal variant plants the same finding in fiscal years from October: every department
 * reported each quarter of FY2016 (2015Oct), one the first quarter of FY2017 (2016Oct).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/database.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';

export interface PlantedValue {
  place: string;
  period: string;
  value: number;
  status: 'approved' | 'draft';
}

export const DEPARTMENTS = ['PX-01', 'PX-02', 'PX-03', 'PX-04', 'PX-05', 'PX-06', 'PX-07', 'PX-08'];

/** Every value planted for ERAD. */
export const PLANTED: readonly PlantedValue[] = [
  ...[2015, 2016].flatMap((year) => DEPARTMENTS.map((place, i) => ({ place, period: String(year), value: 1000 + 100 * i, status: 'approved' as const }))),
  { place: 'PX-01', period: '2017', value: 1234, status: 'approved' },
  { place: 'PX-02', period: '2017Q1', value: 50, status: 'draft' },
];

/** Every value planted for ERAD in the fiscal variant. */
export const PLANTED_FISCAL: readonly PlantedValue[] = [
  ...['2015Q4', '2016Q1', '2016Q2', '2016Q3'].flatMap((period) =>
    DEPARTMENTS.map((place, i) => ({ place, period, value: 100 + 10 * i, status: 'approved' as const })),
  ),
  { place: 'PX-01', period: '2016Q4', value: 123, status: 'approved' },
];

const FACTSHEET = {
  code: 'factsheet',
  title: { en: '{{program}} — results {{period}}', es: '{{program}} — resultados {{period}}' },
  sections: [
    {
      type: 'statements',
      heading: { en: 'Results', es: 'Resultados' },
      items: [
        { kind: 'value', indicator: 'ERAD', period: 0 },
        { kind: 'comparison', indicator: 'ERAD', from: -1, to: 0 },
      ],
    },
  ],
};

/** Writes the program folder and loads it into `db` (program code PX), calendar or fiscal variant. */
export async function loadPartialYearProgram(db: Db, variant: 'calendar' | 'fiscal' = 'calendar'): Promise<void> {
  const planted = variant === 'fiscal' ? PLANTED_FISCAL : PLANTED;
  const dir = mkdtempSync(join(tmpdir(), 'vigia-px-'));
  try {
    const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'values'));
    mkdirSync(join(dir, 'reports'));
    file(
      'program.json',
      JSON.stringify({
        code: 'PX',
        name: { en: 'Partial program', es: 'Programa parcial' },
        country: 'PX',
        fiscal_year_start_month: variant === 'fiscal' ? 10 : 1,
      }),
    );
    file(
      'places.csv',
      ['code,name,level,parent,lat,lon,iso', 'PX,Patria,1,,,,', ...DEPARTMENTS.map((d) => `${d},Dep ${d.slice(3)},2,PX,,,`)].join('\n') + '\n',
    );
    file('sources.csv', 'code,name_en,name_es,url\n');
    file(
      'framework.csv',
      'code,kind,parent,name_en,name_es,description_en,description_es\nG1,goal,,Less coca,Menos coca,,\nC1,component,G1,Eradication,Erradicación,,\n',
    );
    file(
      'indicators.json',
      JSON.stringify([
        {
          code: 'ERAD',
          component: 'C1',
          name: { en: 'Coca eradicated', es: 'Coca erradicada' },
          unit: 'ha',
          direction: 'up',
          agg_time: 'sum',
          agg_place: 'sum',
          sensitivity: 'public',
          origin: 'reported',
          decimals: 0,
          sources: [],
          dimensions: [],
        },
      ]),
    );
    file(
      'values/erad.csv',
      [
        'indicator,place,period,disagg,source,value,provenance,note,status,organisation',
        ...planted.map((v) => `ERAD,${v.place},${v.period},,,${v.value},sourced,,${v.status},`),
      ].join('\n'),
    );
    file('reports/factsheet.json', JSON.stringify(FACTSHEET));
    await loadProgramFolder(db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
