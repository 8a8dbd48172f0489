// `npm run test:pg`: the test suite on PostgreSQL, at VIGIA_TEST_DATABASE_URL. It starts no
// server of its own (that needs PostgreSQL's server binaries, a non-root user and a free port;
// `.ci/run` does it as root on a CI machine): it checks that the database answers, then runs
// vitest there, or explains how to point it at one. Arguments go on to vitest.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);

const HELP = `Runs the test suite on PostgreSQL.

  VIGIA_TEST_DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB npm run test:pg [-- vitest arguments]

VIGIA_TEST_DATABASE_URL names an empty database the user may create schemas in: each test file
works in a schema of its own and drops it afterwards. Nothing is started: PostgreSQL must be
running. On Debian or Ubuntu, for instance (as root, once):

  apt-get install postgresql && pg_ctlcluster <version> main start
  su postgres -c "psql -c \\"CREATE ROLE vigia_test LOGIN PASSWORD 'secret'\\""
  su postgres -c "createdb -O vigia_test vigia_test"
  VIGIA_TEST_DATABASE_URL=postgres://vigia_test:secret@127.0.0.1:5432/vigia_test npm run test:pg

Arguments after -- go to vitest, e.g. a file or a folder: npm run test:pg -- src/modules/values
Without VIGIA_TEST_DATABASE_URL, \`npm test\` runs the same suite on SQLite. .ci/run runs both.`;

if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const url = process.env.VIGIA_TEST_DATABASE_URL;
if (!url) {
  console.error(`test:pg: VIGIA_TEST_DATABASE_URL is not set, so there is no PostgreSQL database to test on.\n\n${HELP}`);
  process.exit(2);
}

let where;
try {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`protocol ${u.protocol}`);
  where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
} catch (e) {
  console.error(`test:pg: VIGIA_TEST_DATABASE_URL is not a postgres:// URL (${e.message}). See npm run test:pg -- --help`);
  process.exit(2);
}

// One connection first, so a wrong URL or a stopped server gives one message, not a failed suite.
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.query('SELECT 1');
} catch (e) {
  console.error(`test:pg: cannot reach PostgreSQL at ${where}: ${e.message}. See npm run test:pg -- --help`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

console.log(`test:pg: running the suite on PostgreSQL at ${where}`);
const vitest = spawn(process.execPath, [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
vitest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
