/**
 * Checks the Peru demo folder straight from its files, without loading it: the figures the
 * demo exists to reproduce, the illustrative department breakdowns adding up exactly to the
 * published national totals, and every value saying where it comes from.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../demo/peru/', import.meta.url);

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(new URL(file, DIR)), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

interface IndicatorJson {
  code: string;
  component: string;
  origin: string;
  formula?: string;
  sources: string[];
  dimensions: string[];
  name: { en: string; es: string };
  description: { en: string; es: string };
}

const indicators = JSON.parse(readFileSync(new URL('indicators.json', DIR), 'utf8')) as IndicatorJson[];
const valueFiles = readdirSync(new URL('values/', DIR)).filter((f) => f.endsWith('.csv'));
const values = valueFiles.flatMap((f) => readCsv(`values/${f}`).map((row, i) => ({ file: f, line: i + 2, row })));
const places = readCsv('places.csv');

function rowsOf(indicator: string): Row[] {
  return values.filter((v) => v.row.indicator === indicator).map((v) => v.row);
}

/** Sum of an indicator's values for one period, optionally for one source only. */
function total(indicator: string, period: string, source?: string): number {
  return rowsOf(indicator)
    .filter((r) => r.period === period && (source === undefined || r.source === source))
    .reduce((sum, r) => sum + Number(r.value), 0);
}

// The published national eradication totals (ha); 2010 and 2014 are approximate.
const ERAD_NATIONAL: Record<string, number> = {
  '2008': 10143,
  '2009': 10025,
  '2010': 11000,
  '2011': 10290,
  '2012': 14171,
  '2013': 23947,
  '2014': 31200,
  '2015': 35868,
  '2016': 30151,
};

describe('Peru demo files', () => {
  it('reproduces the fact-sheet eradication rise 2011 → 2012', () => {
    expect(total('ERAD_HA', '2011')).toBe(10290);
    expect(total('ERAD_HA', '2012')).toBe(14171);
    expect((total('ERAD_HA', '2012') / total('ERAD_HA', '2011') - 1) * 100).toBeCloseTo(37.7, 1);
  });

  it('adds each year of the illustrative department breakdown up exactly to the national total', () => {
    const departments = new Set(places.filter((p) => p.level === '2').map((p) => p.code));
    const years = [...new Set(rowsOf('ERAD_HA').map((r) => r.period ?? ''))].sort();
    expect(years).toEqual(Object.keys(ERAD_NATIONAL).sort());
    for (const year of years) {
      expect(total('ERAD_HA', year), `ERAD_HA ${year}`).toBe(ERAD_NATIONAL[year]);
    }
    for (const r of rowsOf('ERAD_HA')) {
      expect(departments.has(r.place ?? ''), `ERAD_HA place ${r.place}`).toBe(true);
      expect(Number.isInteger(Number(r.value))).toBe(true);
      expect(r.provenance).toBe('illustrative');
      expect(r.note).toContain(ERAD_NATIONAL[r.period ?? '']!.toLocaleString('en-US'));
    }
  });

  it('keeps the two 2011 coca cultivation estimates as separate sources', () => {
    expect(total('COCA_HA', '2011', 'USG')).toBe(49500);
    expect(total('COCA_HA', '2011', 'UNODC')).toBe(62500);
    for (const r of rowsOf('COCA_HA')) expect(['USG', 'UNODC']).toContain(r.source);
  });

  it('reproduces the +31 % rise in cocaine seized, both substances', () => {
    expect(total('SEIZ_COCAINE_KG', '2011')).toBe(22100);
    expect(total('SEIZ_COCAINE_KG', '2012')).toBe(28951);
    const rise = (total('SEIZ_COCAINE_KG', '2012') / total('SEIZ_COCAINE_KG', '2011') - 1) * 100;
    expect(Math.round(rise)).toBe(31);
    const y2012 = rowsOf('SEIZ_COCAINE_KG').filter((r) => r.period === '2012');
    expect(y2012).toHaveLength(1);
    expect(y2012[0]).toMatchObject({ disagg: '', provenance: 'derived' });
  });

  it('reproduces the +83 % rise in precursor chemicals seized', () => {
    const rise = (total('SEIZ_PRECURSOR_T', '2012') / total('SEIZ_PRECURSOR_T', '2011') - 1) * 100;
    expect(Math.abs(rise - 83)).toBeLessThanOrEqual(0.5);
    expect(total('SEIZ_PRECURSOR_T', '2015')).toBe(8311);
  });

  it('says where every value comes from', () => {
    expect(values.length).toBeGreaterThan(50);
    for (const { file, line, row } of values) {
      const at = `${file}:${line}`;
      expect(['sourced', 'derived', 'illustrative'], at).toContain(row.provenance);
      expect(row.note?.trim().length ?? 0, `${at} note`).toBeGreaterThan(10);
      expect(row.status, at).toBe('approved');
      if (row.provenance === 'illustrative') expect(row.note, at).toMatch(/illustrative/i);
      if (row.provenance === 'derived') expect(row.note, at).toMatch(/derived/i);
    }
  });

  it('only references indicators, places, sources and dimensions that exist', () => {
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    const placeCodes = new Set(places.map((p) => p.code));
    const components = new Set(
      readCsv('framework.csv')
        .filter((f) => f.kind === 'component')
        .map((f) => f.code),
    );
    for (const i of indicators) {
      expect(components.has(i.component), `${i.code} component`).toBe(true);
      expect(i.name.en && i.name.es && i.description.en && i.description.es, `${i.code} names`).toBeTruthy();
      if (i.origin === 'formula') {
        const refs = [...(i.formula ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_.-]*)(?:\[([^\]]+)\])?/g)];
        expect(refs.length).toBeGreaterThan(0);
        for (const [, ref, source] of refs) {
          expect(byCode.has(ref!), `${i.code} formula uses ${ref}`).toBe(true);
          if (source) expect(byCode.get(ref!)!.sources, `${i.code} formula source`).toContain(source);
        }
      }
    }
    for (const { file, line, row } of values) {
      const at = `${file}:${line}`;
      const indicator = byCode.get(row.indicator ?? '');
      expect(indicator, at).toBeDefined();
      expect(file, at).toBe(`${row.indicator}.csv`);
      expect(placeCodes.has(row.place ?? ''), at).toBe(true);
      expect(row.source ? indicator!.sources.includes(row.source) : indicator!.sources.length === 0, `${at} source`).toBe(true);
      for (const pair of (row.disagg ?? '').split(';').filter(Boolean)) {
        expect(indicator!.dimensions, at).toContain(pair.split('=')[0]);
      }
    }
  });
});
