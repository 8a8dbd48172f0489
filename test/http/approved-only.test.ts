/**
 * "Approved data only" over HTTP (issue 14, drafts marked): every role may ask `approved=true`
 * of analytics and compare and gets approved figures with no unapproved flag; officers and
 * administrators otherwise see drafts, flagged. A partner's analytics stay approved data only
 * (the fact table keeps no organisation, so its own drafts cannot be told from others' there:
 * a partner sees them, with their status, in its values and records lists); nothing is widened.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp, type AccessApp } from '../helpers/access-app.js';
import { TestClient } from '../helpers/http-client.js';
import type { UserKey } from '../helpers/access-fixture.js';
import { writeValues } from '../../src/modules/values/values.service.js';

let env: AccessApp;
withAccessApp((e) => {
  env = e;
});

const APPROVED = 10 + 30;
const DRAFT = 7;

let planted = false;
async function plant() {
  if (planted) return;
  planted = true;
  await writeValues(env.t.db, 'XX', [
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 10, status: 'approved', organisation: 'ORG_A' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2012', value: 30, status: 'approved', organisation: 'ORG_B' },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '2012', value: DRAFT, status: 'draft', organisation: 'ORG_A' },
  ]);
}

interface Figure {
  value: number | null;
  unapproved: boolean;
}

async function figures(who: UserKey | 'public', approved: boolean): Promise<{ row: Figure; side: Figure }> {
  await plant();
  const c = who === 'public' ? new TestClient(env.app) : await signedInAs(env.app, who);
  const flag = approved ? '&approved=true' : '';
  const a = await c.get(`/api/analytics?program=XX&indicator=SUM_IND&source=A&from=2012&to=2012${flag}`);
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  const cmp = await c.get(`/api/compare?program=XX&indicator=SUM_IND&source=A&from=2011&to=2012${flag}`);
  expect(cmp.status, JSON.stringify(cmp.body)).toBe(200);
  const row = (a.body as { rows: Figure[] }).rows[0]!;
  const side = (cmp.body as { to: Figure }).to;
  return { row: { value: row.value, unapproved: row.unapproved }, side: { value: side.value, unapproved: side.unapproved } };
}

describe('approved data only, by role', () => {
  it('every role may ask approved=true and gets approved figures, never flagged', async () => {
    for (const who of ['public', 'analyst', 'partnerA', 'partnerB', 'officer', 'admin'] as const) {
      const f = await figures(who, true);
      expect(f, who).toEqual({ row: { value: APPROVED, unapproved: false }, side: { value: APPROVED, unapproved: false } });
    }
  });

  it('officers and administrators see the draft, flagged; the others approved data only', async () => {
    for (const who of ['officer', 'admin'] as const) {
      expect(await figures(who, false), who).toEqual({
        row: { value: APPROVED + DRAFT, unapproved: true },
        side: { value: APPROVED + DRAFT, unapproved: true },
      });
    }
    for (const who of ['public', 'analyst', 'partnerA', 'partnerB'] as const) {
      expect(await figures(who, false), who).toEqual({ row: { value: APPROVED, unapproved: false }, side: { value: APPROVED, unapproved: false } });
    }
  });

  it("a partner sees its own draft, with its status, in its values list (not another's)", async () => {
    await plant();
    const own = await (await signedInAs(env.app, 'partnerA')).get('/api/programs/XX/values?indicator=SUM_IND');
    const other = await (await signedInAs(env.app, 'partnerB')).get('/api/programs/XX/values?indicator=SUM_IND');
    const drafts = (r: { body: unknown }) => (r.body as { values: { value: number; status: string }[] }).values.filter((v) => v.status !== 'approved');
    expect(drafts(own).map((v) => v.value)).toEqual([DRAFT]);
    expect(drafts(other)).toEqual([]);
  });
});
