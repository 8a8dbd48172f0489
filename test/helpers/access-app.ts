/**
 * The access fixture (one user per role, see access-fixture.ts) behind the whole HTTP app, for
 * route tests: made before the file's tests, dropped after.
 */
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { createAccessFixture, PASSWORD, USERS, type UserKey } from './access-fixture.js';
import { TestClient } from './http-client.js';
import { createTestDb, type TestDb } from './test-db.js';

export interface AccessApp {
  t: TestDb;
  app: App;
  orgIds: Record<string, number>;
}

export function withAccessApp(use: (env: AccessApp) => void): void {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    const { orgIds } = await createAccessFixture(t.db);
    use({ t, app: createApp({ db: t.db, engine: t.engine }), orgIds });
  }, 60_000);
  afterAll(() => t?.destroy());
}

/** A client signed in as one of the fixture's users. */
export async function signedInAs(app: App, who: UserKey): Promise<TestClient> {
  const c = new TestClient(app);
  await c.signIn(USERS[who], PASSWORD);
  return c;
}
