import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseConfig, type Config } from '../../config.js';
import type { OpenDatabase } from '../../db/database.js';
import { systemClock } from '../../core/clock.js';
import { countPrograms } from '../../modules/health/health.repo.js';
import { ensureAdministrator, FIRST_ADMIN_EMAIL } from '../../modules/accounts/users.service.js';
import { markInterruptedJobs } from '../../modules/exchange/import-jobs.js';
import { isClusterWorker, reportListening, runPrimary } from '../../server/cluster.js';
import { action, openConfiguredDatabase } from '../context.js';
import { packageRoot } from '../package-root.js';

interface ServeOptions {
  demo?: boolean;
  port?: string;
  workers?: string;
}

/** The one-off start-up work: migrations, the demo program, the first administrator. */
async function prepare(config: Config, opts: ServeOptions): Promise<OpenDatabase> {
  const opened = await openConfiguredDatabase(config);
  const { db, label } = opened;
  console.log(`database: ${label}`);
  if (opts.demo && (await countPrograms(db)) === 0) {
    const dir = resolve(packageRoot(), 'demo/peru');
    console.log(`loading the demo program from ${dir} …`);
    // Loaded lazily: the loader is only needed on a first start.
    const { loadProgramFolder } = await import('../../modules/programs/program-load.service.js');
    const summary = await loadProgramFolder(db, dir);
    console.log(`demo program ${summary.program} loaded`);
  }
  // No worker runs yet: any job still marked running was cut short by the last stop.
  const interrupted = await markInterruptedJobs(db, 'all');
  if (interrupted) console.log(`${interrupted} import job(s) cut short by the last stop marked interrupted (nothing of them was stored)`);
  const password = await ensureAdministrator(db);
  if (password) {
    console.log(
      `\nCreated the first administrator — shown once, write it down:\n  email:    ${FIRST_ADMIN_EMAIL}\n  password: ${password}\n(a one-time password: choose your own at first sign-in; accounts: npx vigia users --help)\n`,
    );
  }
  return opened;
}

/** Serves HTTP in this process with `opened`; resolves with the URL once listening. */
async function serveHere(config: Config, opened: OpenDatabase): Promise<string> {
  // The HTTP stack is imported only by the commands that serve.
  const { createApp } = await import('../../server/app.js');
  const { listen } = await import('../../server/serve.js');
  const { defaultAuthSettings } = await import('../../modules/accounts/auth.service.js');
  const { mailSettingsOf } = await import('../../modules/accounts/mailer.js');
  const { deliverOutbox } = await import('../../modules/notifications/mail-delivery.service.js');
  const { noticesFor } = await import('../../modules/notifications/notify-deps.js');
  const { sweepDueReminders } = await import('../../modules/calendar/due-reminders.service.js');
  const mail = mailSettingsOf(config);
  const reminders = { clock: systemClock, remindDays: config.VIGIA_REMIND_DAYS };
  // Every minute: the due-date reminders of the day, then the outbox's e-mails (they go out
  // after each change that queues them; this sends the reminders' and what is left: retries,
  // what a stopped process had queued). Claims keep processes apart: each is sent once.
  const round = async () => {
    try {
      await sweepDueReminders(opened.db, noticesFor(mail), reminders);
    } catch (e) {
      console.error(`due-date reminders: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (mail) await deliverOutbox(opened.db, mail);
  };
  setInterval(() => void round().catch(() => undefined), 60_000).unref();
  const app = createApp({
    db: opened.db,
    engine: opened.engine,
    auth: defaultAuthSettings({ sessionHours: config.VIGIA_SESSION_HOURS, tokenDays: config.VIGIA_TOKEN_DAYS }),
    mail,
    secureCookies: config.VIGIA_SECURE_COOKIES === 'true',
    maxBodyBytes: config.VIGIA_MAX_BODY_BYTES,
    webRoot: resolve(packageRoot(), 'dist/web'),
  });
  const server = await listen(app, config.PORT, config.HOST);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await opened.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return server.url;
}

/** The jobs a dead worker was running can never end: marked interrupted, by the primary. */
async function markJobsOfDeadWorker(config: Config, pid: number): Promise<void> {
  try {
    const opened = await openConfiguredDatabase(config, false);
    try {
      await markInterruptedJobs(opened.db, [pid]);
    } finally {
      await opened.db.destroy();
    }
  } catch (e) {
    console.error(`could not mark the import jobs of worker ${pid} interrupted: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function announce(url: string, workers: number): void {
  const processes = workers > 1 ? ` with ${workers} worker processes` : '';
  console.log(`Vigia is listening on ${url}/${processes}  (web app: ${url}/, API: ${url}/api/docs, ${url}/api/openapi.json)`);
  if (!existsSync(resolve(packageRoot(), 'dist/web/index.html'))) console.log('the web app is not built: run `npm run build:web` (npm start does it for you)');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and start the HTTP server (PORT, HOST, VIGIA_WORKERS from the environment)')
    .option('--demo', 'load the demo program first if the database has no program yet')
    .option('-p, --port <port>', 'port (overrides PORT)')
    .option('-w, --workers <n>', 'HTTP server processes sharing the port, e.g. one per CPU core (overrides VIGIA_WORKERS)')
    .action(
      action(async (opts: ServeOptions) => {
        const config = parseConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.workers ? { VIGIA_WORKERS: opts.workers } : {}) });
        if (isClusterWorker()) {
          // The primary has migrated and prepared the database before forking this worker.
          reportListening(await serveHere(config, await openConfiguredDatabase(config, false)));
          return;
        }
        const opened = await prepare(config, opts);
        if (config.VIGIA_WORKERS === 1) {
          announce(await serveHere(config, opened), 1);
          return;
        }
        // Workers open their own connections; the primary keeps none.
        await opened.db.destroy();
        announce(await runPrimary(config.VIGIA_WORKERS, console.log, (pid) => markJobsOfDeadWorker(config, pid)), config.VIGIA_WORKERS);
      }),
    );
}
