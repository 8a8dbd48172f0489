/**
 * One "server process" sending a due-date reminder, for the test that each reminder goes out
 * once whatever the processes: opens the test's shared database (shared-test-db), calls `remindOnce` with the arguments
 * (kind program-id organisation-id period due at) and prints the ids of the users told, as JSON.
 */
import { remindOnce } from '../../src/modules/notifications/notify.service.js';
import { openSharedTestDb } from './shared-test-db.js';

const [kind, programId, organisationId, period, due, at] = process.argv.slice(2);
const db = openSharedTestDb();
try {
  const told = await remindOnce(
    db,
    {},
    {
      kind: kind as 'due_soon' | 'overdue',
      programId: Number(programId),
      organisationId: Number(organisationId),
      period: period!,
      due: due!,
      at: at!,
    },
  );
  process.stdout.write(JSON.stringify(told));
} finally {
  await db.destroy();
}
