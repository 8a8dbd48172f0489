import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { App } from '../../server/app.js';
import { DQA_STANDARDS } from '../../core/dqa.js';

let app: App;
withAccessApp((env) => ({ app } = env));

const allMet = Object.fromEntries(DQA_STANDARDS.map((s) => [s, { rating: 'met' }]));

interface Overdue {
  as_of: string;
  indicators: { indicator: string; last_dqa: { date: string } | null; due_date: string | null }[];
}

describe('indicators whose DQA is overdue', () => {
  it('lists those whose last DQA is older than three years or that never had one, judged on the day given', async () => {
    const officer = await signedInAs(app, 'officer');
    const dqa = async (indicator: string, date: string) =>
      expect((await officer.post('/api/programs/XX/dqa', { indicator, date, assessor_name: 'Team', standards: allMet })).status).toBe(201);
    // SUM_IND: an old DQA and a newer one; the newer decides. SPLIT_IND: one DQA, exactly at the boundary.
    await dqa('SUM_IND', '2010-01-15');
    await dqa('SUM_IND', '2014-06-30');
    await dqa('SPLIT_IND', '2014-07-01');
    const overdueOn = async (day: string) => {
      const r = await officer.get(`/api/programs/XX/dqa/overdue?as_of=${day}`);
      expect(r.status).toBe(200);
      return r.body as Overdue;
    };
    const codes = (o: Overdue) => o.indicators.map((i) => i.indicator).sort();

    const onDue = await overdueOn('2017-06-30');
    expect(onDue.as_of).toBe('2017-06-30');
    // SUM_IND is due that day, not yet overdue; the indicators without any DQA are.
    expect(codes(onDue)).not.toContain('SUM_IND');
    expect(codes(onDue)).not.toContain('SPLIT_IND');
    expect(onDue.indicators.find((i) => i.indicator === 'LATEST_IND')).toMatchObject({ last_dqa: null, due_date: null });

    const dayAfter = await overdueOn('2017-07-01');
    expect(codes(dayAfter)).toContain('SUM_IND');
    expect(codes(dayAfter)).not.toContain('SPLIT_IND');
    expect(dayAfter.indicators.find((i) => i.indicator === 'SUM_IND')).toMatchObject({ last_dqa: { date: '2014-06-30' }, due_date: '2017-06-30' });

    const twoDaysAfter = await overdueOn('2017-07-02');
    expect(codes(twoDaysAfter)).toEqual(expect.arrayContaining(['SUM_IND', 'SPLIT_IND']));
    // Every other indicator never had a DQA and is listed on any day.
    const never = codes(await overdueOn('2014-07-01'));
    expect(never).not.toContain('SUM_IND');
    expect(never).not.toContain('SPLIT_IND');
    expect(never).toContain('LATEST_IND');
  });

  it('today is the default day, and only readable indicators are listed', async () => {
    const partner = await signedInAs(app, 'partnerA');
    const r = (await partner.get('/api/programs/XX/dqa/overdue')).body as Overdue;
    expect(r.as_of).toBe(new Date().toISOString().slice(0, 10));
    expect(r.indicators.map((i) => i.indicator)).not.toContain('SECRET_IND');
    const officer = await signedInAs(app, 'officer');
    expect(((await officer.get('/api/programs/XX/dqa/overdue')).body as Overdue).indicators.map((i) => i.indicator)).toContain('SECRET_IND');
    const bad = await officer.get('/api/programs/XX/dqa/overdue?as_of=2017-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('as_of');
  });
});
