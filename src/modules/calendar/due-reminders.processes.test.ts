/**
 * Issue 16, the reminder sweep of `vigia serve` in several real processes on one database
 * (a SQLite file or a PostgreSQL schema): three processes sweep at once with the clock on the
 * due-soon day, then one more after a "restart" and on a later day; each reminder reaches its
 * users once.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessFixture, USERS } from '../../../test/helpers/access-fixture.js';
import { createSharedTestDb, type SharedTestDb } from '../../../test/helpers/shared-test-db.js';
import { storeCalendar } from './calendar.service.js';

const run = promisify(execFile);
const runTs = resolve(import.meta.dirname, '../../../bin/run-ts.mjs');
const child = resolve(import.meta.dirname, '../../../test/helpers/sweep-child.ts');
let shared: SharedTestDb;

beforeAll(async () => {
  shared = await createSharedTestDb();
  await createAccessFixture(shared.db);
  const calendar = {
    reports: [
      {
        organisation: 'ORG_A',
        indicators: ['SPLIT_IND'],
        record_types: [],
        frequency: 'quarter' as const,
        due_days: 30,
        close_days: null,
        start: '2015-01-01',
        end: null,
      },
    ],
  };
  await shared.db.transaction().execute((trx) => storeCalendar(trx, 'XX', calendar, null));
}, 60_000);
afterAll(() => shared?.destroy());

/** One process's sweep at `at`; how many reminders it sent. */
const sweepIn = async (at: string): Promise<number> => {
  const { stdout } = await run(process.execPath, [runTs, child, at, '3'], { env: shared.env, timeout: 60_000 });
  return JSON.parse(stdout) as number;
};
/** Who was told what, by e-mail address and kind. */
const told = () =>
  shared.db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.email', 'n.kind'])
    .orderBy('n.kind')
    .orderBy('u.email')
    .execute();

describe('the reminder sweep in several processes', () => {
  it('three processes at once, a restart, a later day: each reminder is sent once', async () => {
    // 2015Q1 is due 2015-04-30 (30 days after the quarter).
    const first = await Promise.all([1, 2, 3].map(() => sweepIn('2015-04-28T08:00:00.000Z')));
    expect(first.sort()).toEqual([0, 0, 1]);
    expect(await sweepIn('2015-04-29T08:00:00.000Z')).toBe(0);
    expect(await told()).toEqual([{ email: USERS.partnerA, kind: 'due_soon' }]);

    const overdue = await Promise.all([1, 2].map(() => sweepIn('2015-05-02T08:00:00.000Z')));
    expect(overdue.sort()).toEqual([0, 1]);
    expect(await sweepIn('2015-05-03T08:00:00.000Z')).toBe(0);
    expect(await told()).toEqual([
      { email: USERS.partnerA, kind: 'due_soon' },
      { email: USERS.partnerA, kind: 'overdue' },
      { email: USERS.officer, kind: 'overdue' },
    ]);
  }, 180_000);
});
