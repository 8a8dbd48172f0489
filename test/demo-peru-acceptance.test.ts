/**
 * The Peru demo, loaded through the folder loader, answers the fact sheet's figures from its
 * data (issue 2, acceptance 1) — through the service layer and through the CLI's JSON contract.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/test-db.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { comparePeriods, queryAnalytics } from '../src/modules/analytics/analytics.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
}, 120_000);
afterAll(() => t.destroy());

describe('the Peru demo', () => {
  it('eradication 2011 → 2012 is 10,290 → 14,171 ha (+37.7 %)', async () => {
    const c = await comparePeriods(t.db, { program: 'PE', indicator: 'ERAD_HA', from: '2011', to: '2012' });
    expect(c.from.value).toBe(10_290);
    expect(c.to.value).toBe(14_171);
    expect(c.change_pct).toBeCloseTo(37.72, 2);
  });

  it('coca 2011 is 49,500 ha from USG and 62,500 ha from UNODC, never mixed', async () => {
    const { rows } = await queryAnalytics(t.db, { program: 'PE', indicators: ['COCA_HA'], from: '2011', to: '2011', by: ['period:year'] });
    expect(rows.map((r) => [r.source, r.value]).sort()).toEqual([
      ['UNODC', 62_500],
      ['USG', 49_500],
    ]);
    await expect(comparePeriods(t.db, { program: 'PE', indicator: 'COCA_HA', from: '2011', to: '2012' })).rejects.toThrow(/USG|UNODC/);
  });

  it('cocaine seizures (both substances) rise 31 % and precursors 83 %, the derived values labelled', async () => {
    const coke = await comparePeriods(t.db, { program: 'PE', indicator: 'SEIZ_COCAINE_KG', from: '2011', to: '2012' });
    expect(Math.abs((coke.change_pct ?? 0) - 31)).toBeLessThanOrEqual(0.5);
    expect(coke.from.provenance).toEqual(['sourced']);
    expect(coke.to.provenance).toContain('derived');
    const pre = await comparePeriods(t.db, { program: 'PE', indicator: 'SEIZ_PRECURSOR_T', from: '2011', to: '2012' });
    expect(Math.abs((pre.change_pct ?? 0) - 83)).toBeLessThanOrEqual(0.5);
    expect(pre.from.provenance).toContain('derived');
  });

  it('the CLI prints the contract JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-demo-cli-'));
    try {
      const env = { ...process.env, VIGIA_DB: join(dir, 'v.db'), DATABASE_URL: '' };
      execFileSync(process.execPath, ['bin/vigia.mjs', 'demo'], { env, stdio: 'pipe' });
      const out = execFileSync(process.execPath, ['bin/vigia.mjs', 'compare', '--indicator', 'ERAD_HA', '--from', '2011', '--to', '2012', '--json'], {
        env,
      }).toString();
      const c = JSON.parse(out) as { from: { period: string; value: number }; to: { period: string; value: number }; change_pct: number };
      expect(c.from).toMatchObject({ period: '2011', value: 10_290 });
      expect(c.to).toMatchObject({ period: '2012', value: 14_171 });
      expect(c.change_pct).toBeCloseTo(37.717, 2);
      const a = JSON.parse(
        execFileSync(
          process.execPath,
          [
            'bin/vigia.mjs',
            'analytics',
            '--indicator',
            'SEIZ_COCAINE_KG',
            '--by',
            'period:year',
            '--by',
            'disagg:substance',
            '--from',
            '2011',
            '--to',
            '2011',
            '--json',
          ],
          { env },
        ).toString(),
      ) as { rows: Array<{ period: string; disagg: Record<string, string | null>; value: number }> };
      expect(a.rows.map((r) => [r.disagg.substance, r.value]).sort()).toEqual([
        ['cocaine_base', 12_600],
        ['cocaine_hcl', 9_500],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
