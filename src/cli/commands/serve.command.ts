import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseConfig } from '../../config.js';
import { countPrograms } from '../../modules/health/health.repo.js';
import { ensureAdministrator, FIRST_ADMIN_EMAIL } from '../../modules/users/users.service.js';
import { action, openConfiguredDatabase } from '../context.js';
import { packageRoot } from '../package-root.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and start the HTTP server (PORT, HOST from the environment)')
    .option('--demo', 'load the demo program first if the database has no program yet')
    .option('-p, --port <port>', 'port (overrides PORT)')
    .action(
      action(async (opts: { demo?: boolean; port?: string }) => {
        const config = parseConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
        const { db, engine, label } = await openConfiguredDatabase(config);
        console.log(`database: ${label}`);
        if (opts.demo && (await countPrograms(db)) === 0) {
          const dir = resolve(packageRoot(), 'demo/peru');
          console.log(`loading the demo program from ${dir} …`);
          // Loaded lazily: the loader is only needed on a first start.
          const { loadProgramFolder } = await import('../../modules/programs/program-load.service.js');
          const summary = await loadProgramFolder(db, dir);
          console.log(`demo program ${summary.program} loaded`);
        }
        const password = await ensureAdministrator(db);
        if (password) {
          console.log(`\nCreated the first administrator — shown once, write it down:\n  email:    ${FIRST_ADMIN_EMAIL}\n  password: ${password}\n(change accounts with: npx vigia users --help)\n`);
        }
        // The HTTP stack is imported only by the commands that serve.
        const { createApp } = await import('../../server/app.js');
        const { listen } = await import('../../server/serve.js');
        const { defaultAuthSettings } = await import('../../modules/auth/auth.service.js');
        const app = createApp({
          db,
          engine,
          auth: defaultAuthSettings({ sessionHours: config.VIGIA_SESSION_HOURS, tokenDays: config.VIGIA_TOKEN_DAYS }),
          secureCookies: config.VIGIA_SECURE_COOKIES === 'true',
          maxBodyBytes: config.VIGIA_MAX_BODY_BYTES,
          webRoot: resolve(packageRoot(), 'dist/web'),
        });
        const server = await listen(app, config.PORT, config.HOST);
        console.log(`Vigia is listening on ${server.url}/  (web app: ${server.url}/, API: ${server.url}/api/docs, ${server.url}/api/openapi.json)`);
        if (!existsSync(resolve(packageRoot(), 'dist/web/index.html'))) console.log('the web app is not built: run `npm run build:web` (npm start does it for you)');
        const stop = async () => {
          await server.close();
          await db.destroy();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      }),
    );
}
