/**
 * A real Vigia on loopback for browser tests and the web benchmark: a fresh SQLite file with the
 * demo program, one user per role, the built web app, and the HTTP server on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/serve.js';
import type { MailSettings } from '../../src/modules/accounts/mailer.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'a long browser-test password';

/** One user per role; the partner clerk belongs to CORAH (eradication in the Alto Huallaga). */
export const DEMO_USERS = {
  admin: { email: 'admin@e2e.test', role: 'admin', clearance: 'restricted' },
  officer: { email: 'officer@e2e.test', role: 'officer', clearance: 'restricted' },
  partner: { email: 'clerk@e2e.test', role: 'partner', organisation: 'CORAH', clearance: 'official' },
  analyst: { email: 'analyst@e2e.test', role: 'analyst', clearance: 'official' },
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export interface RunningVigia {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** `mail`: e-mail settings ("forgot password"); absent, the server has no e-mail. */
export async function startDemoServer(webRoot: string, options: { mail?: MailSettings } = {}): Promise<RunningVigia> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-e2e-'));
  const { db, engine } = openDatabase({ file: join(dir, 'vigia.db') });
  await migrateToLatest(db);
  await loadProgramFolder(db, join(ROOT, 'demo/peru'));
  for (const [key, u] of Object.entries(DEMO_USERS)) {
    await createUser(
      db,
      {
        email: u.email,
        name: `E2E ${key}`,
        role: u.role,
        organisation: 'organisation' in u ? u.organisation : undefined,
        clearance: u.clearance,
        password: DEMO_PASSWORD,
      },
      null,
    );
  }
  const app = createApp({ db, engine, webRoot, mail: options.mail });
  const server = await listen(app, 0, '127.0.0.1');
  return {
    url: server.url,
    db,
    async close() {
      await server.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
