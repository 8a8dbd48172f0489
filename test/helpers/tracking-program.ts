/**
 * A small program written as a folder with monthly data, for the tracking-table tests: two
 * departments under one country, a summed indicator with a quarter left empty and a draft that
 * must not count, a "latest" and an "average" indicator, one with two sources, one exactly 10 %
 * over its target, baselines and fiscal-year targets. Its values CSV is what the tests
 * compute their expectations from.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TrackingProgramSpec {
  code: string;
  fiscalStartMonth: 1 | 10;
  /** The fiscal year the tests read, e.g. 2012Oct or 2013Jan. */
  fiscalYear: string;
  /** Months (YYYYMM) with data: the fiscal year and a little either side. */
  months: string[];
  /** Months left without any SUM_N data (a whole quarter: it must read as null). */
  emptyMonths: string[];
  /** The period id targets are stored under (2012Oct, or 2013 for a calendar fiscal year). */
  targetPeriod: string;
  baselinePeriod: string;
}

export interface TrackingProgram {
  dir: string;
  valuesCsv: string;
}

const indicator = (code: string, aggTime: string, decimals: number, sources: string[] = []) => ({
  code,
  component: 'C1',
  name: { en: `Indicator ${code}`, es: `Indicador ${code}` },
  unit: code.endsWith('_HA') ? 'ha' : 'count',
  direction: 'up',
  agg_time: aggTime,
  agg_place: 'sum',
  sensitivity: 'public',
  origin: 'reported',
  decimals,
  sources,
  dimensions: [],
});

/** Writes the program folder to a fresh temporary directory. */
export function writeTrackingProgram(spec: TrackingProgramSpec): TrackingProgram {
  const dir = mkdtempSync(join(tmpdir(), `vigia-itt-${spec.code}-`));
  const c = spec.code;
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'values'));
  file(
    'program.json',
    JSON.stringify({ code: c, name: { en: `${c} program`, es: `Programa ${c}` }, country: 'PE', fiscal_year_start_month: spec.fiscalStartMonth }),
  );
  file('places.csv', `code,name,level,parent,lat,lon,iso\n${c},Country ${c},1,,,,\n${c}-A,Department A,2,${c},,,\n${c}-B,Department B,2,${c},,,\n`);
  file('sources.csv', 'code,name_en,name_es,url\nS1,Survey one,Encuesta uno,\nS2,Survey two,Encuesta dos,\n');
  file('framework.csv', 'code,kind,parent,name_en,name_es,description_en,description_es\nG1,goal,,Goal,Meta,,\nC1,component,G1,Component,Componente,,\n');
  file(
    'indicators.json',
    JSON.stringify([
      indicator('SUM_N', 'sum', 0),
      indicator('LATEST_HA', 'latest', 1),
      indicator('AVG_N', 'average', 2),
      indicator('TWO_N', 'sum', 0, ['S1', 'S2']),
      indicator('EXACT_N', 'sum', 0),
      indicator('NONE_N', 'sum', 0),
    ]),
  );
  const rows = ['indicator,place,period,disagg,source,value,provenance,note,status,organisation'];
  spec.months.forEach((m, i) => {
    if (!spec.emptyMonths.includes(m)) {
      rows.push(`SUM_N,${c}-A,${m},,,${((i * 7) % 50) + 1},sourced,,approved,`);
      rows.push(`SUM_N,${c}-B,${m},,,${((i * 13) % 40) + 2},sourced,,approved,`);
    }
    rows.push(`LATEST_HA,${c},${m},,,${100 + i * 2.5},sourced,,approved,`);
    rows.push(`AVG_N,${c},${m},,,${(i % 5) + 0.25},sourced,,approved,`);
    rows.push(`TWO_N,${c}-A,${m},,S1,${i + 1},sourced,,approved,`);
    rows.push(`TWO_N,${c}-A,${m},,S2,${2 * i + 3},sourced,,approved,`);
  });
  // A draft inside the fiscal year: the tracking table reads approved data only.
  rows.push(`SUM_N,${c},${spec.months[4]},,,1000,sourced,,draft,`);
  rows.push(`EXACT_N,${c},${spec.months[5]},,,110,sourced,,approved,`);
  const valuesCsv = rows.join('\n') + '\n';
  file('values/all.csv', valuesCsv);
  const t = spec.targetPeriod;
  file(
    'targets.csv',
    [
      'indicator,place,period,source,disagg,kind,value,provenance,note',
      `SUM_N,${c},${spec.baselinePeriod},,,baseline,300,sourced,`,
      `SUM_N,${c},${t},,,target,400,sourced,`,
      `LATEST_HA,${c},${t},,,target,124,sourced,`,
      `AVG_N,${c},${t},,,target,2.2,sourced,`,
      `TWO_N,${c},${t},S1,,target,80,sourced,`,
      `TWO_N,${c},${t},S2,,target,150,sourced,`,
      `EXACT_N,${c},${t},,,target,100,sourced,`,
      `NONE_N,${c},${t},,,target,10,sourced,`,
    ].join('\n') + '\n',
  );
  return { dir, valuesCsv };
}

/** Months YYYYMM from `from` to `to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(4));
  for (;;) {
    const id = `${y}${String(m).padStart(2, '0')}`;
    out.push(id);
    if (id === to) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}
