/**
 * Every way of deleting a data value holds to the rules of a write: the single DELETE route, the
 * batch route's deletions, and every import format that can say "delete this value" (DHIS2's
 * `deleted` flag in JSON, XML and CSV). A partner cannot delete an approved value, nor another
 * organisation's draft (which answers as a missing value); an officer cannot delete an approved
 * (locked) value; a partner can delete its own draft. Before, DHIS2 imports deleted whatever
 * their keys named, approval lock and ownership unchecked.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import type { Actor } from '../../src/modules/access/actor.js';
import { exchangeRegistry, findFormat } from '../../src/modules/exchange/exchange-registry.js';
import { writeValues } from '../../src/modules/values/values.service.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { createAccessFixture, PASSWORD, USERS, type UserKey } from '../helpers/access-fixture.js';
import { TestClient } from '../helpers/http-client.js';

const P = '/api/programs/XX';
const MAPPING = { dataElements: [{ code: 'LATEST_IND', indicator: 'LATEST_IND' }], orgUnits: [{ code: 'R1D1', place: 'R1D1' }] };
let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine });
}, 60_000);
afterAll(() => t?.destroy());

/** A file of `format` that deletes LATEST_IND at R1D1 for `year`, or undefined when the format cannot delete. */
function deletionFile(format: string, year: number): string | undefined {
  switch (format) {
    case 'dhis2-json':
      return JSON.stringify({ dataValues: [{ dataElement: 'LATEST_IND', period: String(year), orgUnit: 'R1D1', value: '1', deleted: true }] });
    case 'dhis2-csv':
      return `dataelement,period,orgunit,value,deleted\nLATEST_IND,${year},R1D1,1,true\n`;
    case 'dhis2-xml':
      return `<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="LATEST_IND" period="${year}" orgUnit="R1D1" value="1" deleted="true"/></dataValueSet>`;
    default:
      return undefined;
  }
}

const actorOf = async (user: UserKey): Promise<Actor> => {
  const u = await t.db.selectFrom('app_user').selectAll().where('email', '=', USERS[user]).executeTakeFirstOrThrow();
  return { userId: u.id, role: u.role, organisationId: u.organisation_id, clearance: u.clearance };
};

/** One way of deleting: tries to delete LATEST_IND at R1D1 for `year` as `user`; true when it said it deleted it. */
type DeletionPath = (user: UserKey, year: number) => Promise<boolean>;

const viaHttp =
  (send: (c: TestClient, key: Record<string, string | number>) => Promise<{ status: number; body: unknown }>): DeletionPath =>
  async (user, year) => {
    const c = new TestClient(app);
    await c.signIn(USERS[user], PASSWORD);
    // The routes want the version the writer last saw: the stored one, as if read before.
    const version = (await t.db.selectFrom('data_value').select('version').where('period', '=', String(year)).executeTakeFirst())?.version ?? 1;
    const r = await send(c, { indicator: 'LATEST_IND', place: 'R1D1', period: String(year), version });
    return r.status < 300;
  };

const viaImport =
  (format: string): DeletionPath =>
  async (user, year) => {
    const f = findFormat(format);
    const body = deletionFile(format, year);
    if (!f?.import || !body) throw new Error(`${format} cannot delete`);
    try {
      const report = await f.import(t.db, Readable.from([Buffer.from(body)]), { program: 'XX', dryRun: false, actor: await actorOf(user), mapping: MAPPING });
      return report.errors.length === 0 && report.updated === 1;
    } catch {
      return false;
    }
  };

const deletingFormats = [...exchangeRegistry.values()].filter((f) => f.import && deletionFile(f.name, 2000) !== undefined).map((f) => f.name);
const PATHS: Record<string, DeletionPath> = {
  'DELETE /values': viaHttp((c, key) => c.request('DELETE', `${P}/values`, key)),
  'POST /values/batch (delete)': viaHttp((c, key) => c.post(`${P}/values/batch`, { delete: [key] })),
  ...Object.fromEntries(deletingFormats.map((id) => [`import ${id}`, viaImport(id)])),
};

let year = 1990;
/** Plants LATEST_IND at R1D1 for a year of its own, with `organisation` and `status`; returns the year. */
async function plant(organisation: 'ORG_A' | 'ORG_B', status: 'draft' | 'approved'): Promise<number> {
  const y = ++year;
  await writeValues(t.db, 'XX', [{ indicator: 'LATEST_IND', place: 'R1D1', period: String(y), value: 5, organisation, status }]);
  return y;
}
const stored = async (y: number) =>
  (
    await t.db
      .selectFrom('data_value')
      .innerJoin('indicator', 'indicator.id', 'data_value.indicator_id')
      .select('data_value.id')
      .where('indicator.code', '=', 'LATEST_IND')
      .where('data_value.period', '=', String(y))
      .execute()
  ).length;

describe('every way of deleting a value holds to the rules of a write', () => {
  it('covers the DHIS2 formats that can delete', () => {
    expect(deletingFormats.sort()).toEqual(['dhis2-csv', 'dhis2-json', 'dhis2-xml']);
  });

  for (const [name, del] of Object.entries(PATHS)) {
    it(`${name}: approved values locked, another organisation's draft untouched, one's own draft deleted`, async () => {
      const approvedOwn = await plant('ORG_A', 'approved');
      expect(await del('partnerA', approvedOwn)).toBe(false);
      expect(await stored(approvedOwn)).toBe(1);

      const othersDraft = await plant('ORG_B', 'draft');
      expect(await del('partnerA', othersDraft)).toBe(false);
      expect(await stored(othersDraft)).toBe(1);

      const approved = await plant('ORG_B', 'approved');
      expect(await del('officer', approved)).toBe(false);
      expect(await stored(approved)).toBe(1);

      const ownDraft = await plant('ORG_A', 'draft');
      expect(await del('partnerA', ownDraft)).toBe(true);
      expect(await stored(ownDraft)).toBe(0);
    }, 60_000);
  }
});
