/**
 * One "server process" running the minute's due-date reminder sweep, as `vigia serve` does, for
 * the test that each reminder goes out once whatever the processes or restarts: opens the test's
 * shared database (shared-test-db), sweeps with the clock stopped at the argument (an ISO time)
 * and prints how many reminders this process sent.
 */
import { sweepDueReminders } from '../../src/modules/calendar/due-reminders.service.js';
import { openSharedTestDb } from './shared-test-db.js';

const [at, remindDays] = process.argv.slice(2);
const db = openSharedTestDb();
try {
  const sent = await sweepDueReminders(db, {}, { clock: () => new Date(at!), remindDays: Number(remindDays ?? 3) });
  process.stdout.write(JSON.stringify(sent));
} finally {
  await db.destroy();
}
