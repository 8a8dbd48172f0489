/**
 * Attack probes: hostile numbers (overflowing, not-a-number, out of range, negative counts,
 * periods outside 1900–2100) through the API's writes and the CSV import. A probe fails when
 * the server answers anything but a 4xx, or when any stored number is no longer finite or the
 * data changed. The exhaustive version (every entry point, naming the field) is
 * test/http/hostile-numbers.test.ts in the normal suite; this one keeps the count in the
 * standing suite.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp, type AccessApp } from '../helpers/access-app.js';
import type { TestClient } from '../helpers/http-client.js';
import { tallyProbes } from './probe-tally.js';

let env: AccessApp;
withAccessApp((e) => (env = e));

const NUMBERS = ['1e309', '-1e309', '9'.repeat(400), '"NaN"', '"Infinity"', '1e13', '-1e13', '0x10', '"1e309"', '-5'];
const PERIODS = ['0000', '9999', '1899', '2101', '2100Oct'];
const probes = { tried: 0, failed: 0 };
afterAll(() => tallyProbes('hostile numbers', probes.tried, probes.failed));

async function fingerprint(): Promise<string> {
  const db = env.t.db;
  const [values, facts, targets, records] = await Promise.all([
    db.selectFrom('data_value').select(['id', 'value', 'version']).orderBy('id').execute(),
    db.selectFrom('fact').select(['indicator_id', 'place_id', 'period', 'value', 'value_approved']).orderBy(['indicator_id', 'place_id', 'period']).execute(),
    db.selectFrom('target').select(['id', 'value']).orderBy('id').execute(),
    db.selectFrom('record').select(['id', 'data']).orderBy('id').execute(),
  ]);
  return JSON.stringify({ values, facts, targets, records });
}

async function probe(c: TestClient, method: string, path: string, body: string, contentType = 'application/json'): Promise<boolean> {
  probes.tried++;
  const before = await fingerprint();
  const r = await c.request(method, path, body, { 'content-type': contentType });
  const after = await fingerprint();
  const ok = r.status >= 400 && r.status < 500 && after === before && !/Infinity|NaN|null,"value_approved"|"value":null/.test(after);
  if (!ok) probes.failed++;
  return ok;
}

describe('hostile numbers', () => {
  it('are refused by every write, with nothing stored', async () => {
    const c = await signedInAs(env.app, 'officer');
    const failures: string[] = [];
    const cases: Array<[string, string, string, string?]> = [];
    const value = (v: string, period = '2013') => `{"indicator":"SUM_IND","place":"R1D1","period":"${period}","source":"A","value":${v}`;
    for (const n of NUMBERS) {
      cases.push(['PUT', '/api/programs/XX/values', `${value(n)},"version":0}`]);
      cases.push(['POST', '/api/programs/XX/values/batch', `{"values":[${value(n)}}]}`]);
      cases.push(['PUT', '/api/programs/XX/indicators/SUM_IND/targets', `{"place":"R1D1","period":"2013","kind":"target","value":${n}}`]);
      const text = n.replace(/"/g, '');
      cases.push([
        'POST',
        '/api/programs/XX/records',
        `{"type":"seizure","data":{"date":"2013-02-02","place":"R1D1","substance":"cocaine_hcl","quantity":"${text} kg"}}`,
      ]);
      cases.push(['POST', '/api/programs/XX/imports/csv', `indicator,place,period,source,value,provenance\nSUM_IND,R1D1,2013,A,${text},sourced\n`, 'text/csv']);
    }
    for (const p of PERIODS) {
      cases.push(['PUT', '/api/programs/XX/values', `${value('5', p)},"version":0}`]);
      cases.push(['POST', '/api/programs/XX/imports/csv', `indicator,place,period,source,value,provenance\nSUM_IND,R1D1,${p},A,5,sourced\n`, 'text/csv']);
    }
    for (const [method, path, body, type] of cases) {
      if (!(await probe(c, method, path, body, type))) failures.push(`${method} ${path} ${body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });
});
