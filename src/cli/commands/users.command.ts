import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { validationError } from '../../core/errors.js';
import { createUser, resetPassword } from '../../modules/accounts/users.service.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { ROLES } from '../../core/roles.js';
import { listUsers } from '../../modules/accounts/users.repo.js';
import { approveClearanceGrant, listClearanceGrants, rejectClearanceGrant } from '../../modules/accounts/clearance-grants.service.js';

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage user accounts');

  users
    .command('add')
    .description('Create a user; without --password a random one is generated and printed once')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--organisation <code>', 'organisation code (required for partners)')
    .option('--program <code>', 'member of this program only (default: of every existing program)')
    .option('--clearance <level>', `${SENSITIVITIES.join(', ')} (default official); set directly: the CLI runs on the server`)
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print the result as JSON')
    .action(
      action(
        async (o: {
          email: string;
          name: string;
          role: string;
          organisation?: string;
          program?: string;
          clearance?: string;
          passwordStdin?: boolean;
          json?: boolean;
        }) => {
          const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
          await withDatabase(async ({ db }) => {
            const r = await createUser(
              db,
              { email: o.email, name: o.name, role: o.role, organisation: o.organisation, program: o.program, clearance: o.clearance, password },
              null,
            );
            if (o.json) console.log(JSON.stringify({ user: r.user, password: r.generatedPassword }));
            else {
              console.log(`created ${r.user.email} (${r.user.role})`);
              if (r.generatedPassword) {
                console.log(`password (shown once): ${r.generatedPassword}`);
                console.log('(a one-time password: the user must choose their own at first sign-in)');
              }
            }
          });
        },
      ),
    );

  users
    .command('list')
    .description('List users (never their passwords)')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        await withDatabase(async ({ db }) => {
          const rows = await listUsers(db);
          if (o.json) console.log(JSON.stringify({ users: rows }));
          else for (const u of rows) console.log(`${u.email}\t${u.role}\t${u.clearance}\t${u.active ? 'active' : 'inactive'}\t${u.name}`);
        });
      }),
    );

  users
    .command('reset-password')
    .description('Give a user a new one-time password (printed once) that must be changed at the next sign-in, and end their sessions and API tokens')
    .requiredOption('--email <email>', 'the user')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { email: string; json?: boolean }) => {
        await withDatabase(async ({ db }) => {
          const password = await resetPassword(db, o.email, null);
          if (o.json) console.log(JSON.stringify({ email: o.email, password }));
          else {
            console.log(`new password for ${o.email} (shown once): ${password}`);
            console.log('(a one-time password: the user must choose their own at their next sign-in)');
          }
        });
      }),
    );

  // The two-person rule for restricted clearance: an administrator's request over the API waits
  // for a second administrator. The CLI, run on the server with the database's credentials, may
  // be that second person (the bootstrap path when only one administrator has restricted clearance).
  users
    .command('clearance-grants')
    .description('List clearance grants (pending ones wait for a second administrator)')
    .option('--status <status>', 'pending, approved or rejected')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { status?: string; json?: boolean }) => {
        const status = o.status === undefined ? undefined : (['pending', 'approved', 'rejected'] as const).find((x) => x === o.status);
        if (o.status !== undefined && !status)
          throw validationError('unknown status', [{ column: 'status', value: o.status, reason: 'must be pending, approved or rejected' }]);
        await withDatabase(async ({ db }) => {
          const grants = await listClearanceGrants(db, status);
          if (o.json) console.log(JSON.stringify({ grants }));
          else
            for (const g of grants)
              console.log(`${g.id}\tuser ${g.user_id}\t${g.clearance}\t${g.status}\trequested by ${g.requested_by ?? 'cli'} at ${g.requested_at}`);
        });
      }),
    );

  for (const [verb, decide] of [
    ['approve', approveClearanceGrant],
    ['reject', rejectClearanceGrant],
  ] as const) {
    users
      .command(`${verb}-clearance`)
      .description(verb === 'approve' ? 'Approve a pending clearance grant, as the second person (audited)' : 'Refuse a pending clearance grant (audited)')
      .requiredOption('--id <id>', 'the grant (see users clearance-grants)')
      .option('--json', 'print as JSON')
      .action(
        action(async (o: { id: string; json?: boolean }) => {
          const id = Number(o.id);
          if (!Number.isInteger(id) || id < 1)
            throw validationError('the grant id must be a positive integer', [{ column: 'id', value: o.id, reason: 'not an id' }]);
          await withDatabase(async ({ db }) => {
            const grant = await decide(db, id, null);
            if (o.json) console.log(JSON.stringify({ grant }));
            else console.log(`clearance grant ${grant.id} ${grant.status}: user ${grant.user_id} → ${grant.clearance}`);
          });
        }),
      );
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
