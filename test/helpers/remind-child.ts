/**
 * One "server process" sending a due-date reminder, for the test that each reminder goes out
 * once whatever the processes: opens the database named by the environment (VIGIA_TEST_DB_FILE,
 * or VIGIA_TEST_DB_URL with VIGIA_TEST_DB_SCHEMA), calls `remindOnce` with the arguments
 * (kind program-id organisation-id period due at) and prints the ids of the users told, as JSON.
 */
import { openDatabase } from '../../src/db/database.js';
import { remindOnce } from '../../src/modules/notifications/notify.service.js';

const [kind, programId, organisationId, period, due, at] = process.argv.slice(2);
const { db } = process.env.VIGIA_TEST_DB_FILE
  ? openDatabase({ file: process.env.VIGIA_TEST_DB_FILE })
  : openDatabase({ url: process.env.VIGIA_TEST_DB_URL, searchPath: process.env.VIGIA_TEST_DB_SCHEMA });
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
