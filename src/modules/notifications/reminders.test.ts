/**
 * Issue 16, due-date reminders sent once: several server processes (real child processes on
 * the same database, SQLite file or PostgreSQL schema) send the same reminder at once, and one
 * more after a "restart": the users are told once. A due-soon reminder tells the organisation's
 * clerks; an overdue one its clerks and the officers. The clock is the caller's (`at`).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createAccessFixture, USERS } from '../../../test/helpers/access-fixture.js';
import { createSharedTestDb, type SharedTestDb } from '../../../test/helpers/shared-test-db.js';

const run = promisify(execFile);
const runTs = resolve(import.meta.dirname, '../../../bin/run-ts.mjs');
const child = resolve(import.meta.dirname, '../../../test/helpers/remind-child.ts');
let shared: SharedTestDb;
let db: Db;
let env: NodeJS.ProcessEnv;
let programId = 0;
let orgA = 0;

beforeAll(async () => {
  shared = await createSharedTestDb();
  ({ db, env } = shared);
  const fixture = await createAccessFixture(db);
  programId = fixture.programId;
  orgA = fixture.orgIds.ORG_A!;
}, 60_000);
afterAll(() => shared?.destroy());

/** One process sends the reminder; the ids of the users it told. */
const remindIn = async (kind: string, period: string, due: string, at: string): Promise<number[]> => {
  const { stdout } = await run(process.execPath, [runTs, child, kind, String(programId), String(orgA), period, due, at], { env, timeout: 60_000 });
  return JSON.parse(stdout) as number[];
};
const idOf = async (email: string) => (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('due-date reminders', () => {
  it('three processes at once, then one after a restart: the clerks are told once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => remindIn('due_soon', '2015Q1', '2015-04-30', '2015-04-25T08:00:00.000Z')));
    const told = runs.filter((r) => r.length > 0);
    expect(told).toEqual([[await idOf(USERS.partnerA)]]);
    expect(await remindIn('due_soon', '2015Q1', '2015-04-30', '2015-04-26T08:00:00.000Z')).toEqual([]);
    const rows = await db.selectFrom('notification').select(['user_id', 'kind', 'params', 'created_at']).execute();
    expect(rows).toEqual([
      { user_id: await idOf(USERS.partnerA), kind: 'due_soon', params: expect.stringContaining('"due":"2015-04-30"'), created_at: '2015-04-25T08:00:00.000Z' },
    ]);
  }, 180_000);

  it('an overdue report tells the clerks and the officers, once', async () => {
    const runs = await Promise.all([1, 2].map(() => remindIn('overdue', '2015Q1', '2015-04-30', '2015-05-01T08:00:00.000Z')));
    expect(runs.filter((r) => r.length > 0).map((r) => [...r].sort((a, b) => a - b))).toEqual([
      [await idOf(USERS.officer), await idOf(USERS.partnerA)].sort((a, b) => a - b),
    ]);
    // Another period is another reminder.
    expect(await remindIn('overdue', '2015Q2', '2015-07-30', '2015-08-01T08:00:00.000Z')).toHaveLength(2);
    expect(await db.selectFrom('reminder_sent').select(['kind', 'period']).orderBy('id').execute()).toEqual([
      { kind: 'due_soon', period: '2015Q1' },
      { kind: 'overdue', period: '2015Q1' },
      { kind: 'overdue', period: '2015Q2' },
    ]);
  }, 180_000);
});
