/**
 * The Peru demo covers every program area of the INL fact sheet (issue 15, acceptance 9): once
 * loaded, every indicator has data — reported values, records rolled up, or a formula over
 * indicators that have data — as the analytics service answers it, and every record type of
 * the fact sheet's areas has demo records whose roll-ups are declared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/test-db.js';
import { formulaRefs, parseFormula } from '../src/core/formula.js';
import { BUILTIN_RECORD_TYPES } from '../src/core/record-types/builtin/index.js';
import { queryAnalytics } from '../src/modules/analytics/analytics.service.js';
import { loadCatalog } from '../src/modules/catalog/catalog.repo.js';
import { listRecordTypes } from '../src/modules/catalog/record-types.service.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { listRecords } from '../src/modules/records/records.service.js';
import { findFrameworkNodes } from '../src/modules/reports/report.repo.js';

/** The fact sheet's program areas (the demo's framework components) and the record types of each. */
const AREAS: Record<string, string[]> = {
  C1_POLICE_CAPACITY: ['infrastructure_project'],
  C2_DEMAND_REDUCTION: ['community_coalition', 'treatment_center'],
  C3_ERADICATION: ['eradication_operation'],
  C4_ALT_DEVELOPMENT: ['alternative_development'],
  C5_INTERDICTION: ['seizure'],
  C6_CRIMINAL_JUSTICE: ['training_event', 'financial_case'],
};

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
}, 120_000);
afterAll(() => t.destroy());

/** True when the analytics service gives the indicator at least one number over all time. */
async function hasData(code: string): Promise<boolean> {
  const { rows } = await queryAnalytics(t.db, { program: 'PE', indicators: [code] });
  return rows.some((r) => typeof r.value === 'number' && Number.isFinite(r.value));
}

describe(`the Peru demo covers every program area (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('every indicator has data: reported values, records rolled up, or a formula over indicators with data', async () => {
    const catalog = await loadCatalog(t.db, 'PE');
    const indicators = [...catalog.indicators.values()];
    const empty: string[] = [];
    for (const i of indicators) if (!(await hasData(i.code))) empty.push(i.code);
    expect(empty).toEqual([]);
    expect(indicators.length).toBe(36);
    for (const i of indicators.filter((x) => x.origin === 'formula')) {
      const refs = formulaRefs(parseFormula(i.formula ?? '')).map((r) => r.indicator);
      expect(refs.length, i.code).toBeGreaterThan(0);
      for (const ref of refs) expect(catalog.indicators.get(ref)?.origin, `${i.code} → ${ref}`).not.toBe('formula');
    }
    // Each origin is represented, so "has data" covers all three ways of having it.
    expect(new Set(indicators.map((i) => i.origin))).toEqual(new Set(['reported', 'records', 'formula']));
  });

  it('the series with no published figure (alternative development, model stations, treatment centers, justice training, money laundering) are labelled illustrative', async () => {
    const codes = ['AD_FAMILIES_N', 'AD_LICIT_HA', 'AML_CASES_N', 'MODEL_STATIONS_N', 'TREATMENT_CENTERS_N', 'JUSTICE_TRAINED_N'];
    const { rows } = await queryAnalytics(t.db, { program: 'PE', indicators: codes });
    expect(rows.map((r) => r.indicator)).toEqual(codes);
    for (const r of rows) expect(r.provenance, r.indicator).toEqual(['illustrative']);
  });

  it('every record type of the fact sheet’s areas has demo records and rolls up into indicators of its area', async () => {
    const catalog = await loadCatalog(t.db, 'PE');
    const componentOf = new Map((await findFrameworkNodes(t.db, catalog.program.id)).map((n) => [n.id, n.code]));
    const components = new Set([...catalog.indicators.values()].map((i) => componentOf.get(i.component_id ?? -1)));
    expect([...components].sort()).toEqual(Object.keys(AREAS).sort());
    expect(Object.values(AREAS).flat().sort()).toEqual([...BUILTIN_RECORD_TYPES.keys()].sort());
    const types = new Map((await listRecordTypes(t.db, 'PE')).map((x) => [x.code, x]));
    for (const [area, codes] of Object.entries(AREAS)) {
      for (const code of codes) {
        const { total } = await listRecords(t.db, 'PE', { type: code, clearance: 'restricted', limit: 1 });
        expect(total, `${area}: ${code}`).toBeGreaterThan(0);
        const active = types.get(code)!.rollups.filter((r) => r.active);
        expect(active.length, `${area}: ${code}`).toBeGreaterThan(0);
        for (const r of active) expect(componentOf.get(catalog.indicators.get(r.indicator)!.component_id ?? -1), `${code} → ${r.indicator}`).toBe(area);
      }
    }
    // Alternative development and financial cases roll up into every indicator their types define.
    for (const code of ['alternative_development', 'financial_case'])
      expect(
        types.get(code)!.rollups.every((r) => r.active),
        code,
      ).toBe(true);
  });

  it('alternative development and financial-case records add up in the analytics', async () => {
    const sum = async (code: string) => (await queryAnalytics(t.db, { program: 'PE', indicators: [code], from: '2011', to: '2013' })).rows[0]!.value;
    // The reported AD series is the records' sum (both illustrative, one breakdown).
    expect(await sum('AD_FAMILIES')).toBe(await sum('AD_FAMILIES_N'));
    expect(await sum('AD_HA')).toBe(await sum('AD_LICIT_HA'));
    const { rows } = await queryAnalytics(t.db, { program: 'PE', indicators: ['FIN_CASES_N'], by: ['disagg:case_type'] });
    expect(Object.fromEntries(rows.map((r) => [r.disagg?.case_type, r.value]))).toEqual({ money_laundering: 9, asset_forfeiture: 3 });
  });
});
