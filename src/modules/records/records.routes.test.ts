import { describe, expect, it } from 'vitest';
import { withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface FieldView {
  code: string;
  type: string;
  required: boolean;
  sensitivity: string;
  fields?: FieldView[];
}
interface TypeView {
  code: string;
  place_field: string;
  fields: FieldView[];
  hidden: string[];
}

let app: App;
withAccessApp((env) => ({ app } = env));

async function typesAs(who: 'officer' | 'analyst' | null): Promise<TypeView[]> {
  const c = new TestClient(app);
  if (who) await c.signIn(USERS[who], PASSWORD);
  const r = await c.get('/api/programs/XX/record-types');
  expect(r.status).toBe(200);
  return (r.body as { types: TypeView[] }).types;
}

describe('record types over HTTP', () => {
  it('give each field definition, up to the reader’s clearance', async () => {
    const officer = (await typesAs('officer')).find((x) => x.code === 'seizure');
    expect(officer?.place_field).toBe('place');
    expect(officer?.fields.map((f) => f.code)).toEqual(expect.arrayContaining(['date', 'substance', 'quantity', 'latitude', 'longitude', 'case_reference']));
    expect(officer?.fields.find((f) => f.code === 'quantity')).toMatchObject({ type: 'quantity', required: true, unit: 'mass' });
    expect(officer?.hidden).toEqual([]);
  });

  it('leave the restricted fields out for an analyst, naming them in hidden', async () => {
    const seizure = (await typesAs('analyst')).find((x) => x.code === 'seizure');
    const codes = seizure?.fields.map((f) => f.code) ?? [];
    expect(codes).toContain('arrests');
    for (const code of ['latitude', 'longitude', 'case_reference']) expect(codes).not.toContain(code);
    expect(seizure?.hidden.sort()).toEqual(['case_reference', 'latitude', 'longitude']);
    expect(seizure?.fields.every((f) => f.sensitivity !== 'restricted')).toBe(true);
  });

  it('show the public only public fields, list sub-fields included', async () => {
    const types = await typesAs(null);
    const seizure = types.find((x) => x.code === 'seizure');
    expect(seizure?.fields.some((f) => f.code === 'arrests')).toBe(false);
    const stages = types.find((x) => x.code === 'financial_case')?.fields.find((f) => f.code === 'stages');
    expect(stages?.fields?.map((f) => f.code)).toEqual(['stage', 'date']);
    expect(types.find((x) => x.code === 'financial_case')?.hidden).toContain('stages.outcome');
  });
});
