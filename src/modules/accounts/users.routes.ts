import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { IdParamSchema, UserSchema } from './auth.schema.js';
import { listUsers } from './users.repo.js';
import { changeUser, createUser, changeOwnAccount, resetPasswordById } from './users.service.js';
import { notFound } from '../../core/errors.js';
import { ROLES } from '../../core/roles.js';
import { ClearanceGrantSchema, registerClearanceGrantRoutes } from './clearance-grants.routes.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { LANGUAGES } from '../../core/languages.js';

const NewUserSchema = z
  .object({
    email: z.string().min(3).max(200),
    name: z.string().min(1).max(200),
    role: z.enum(ROLES),
    organisation: z.string().max(50).optional(),
    program: z.string().max(50).optional().openapi({ description: 'Member of this program only; when absent, of every existing program' }),
    clearance: z.enum(SENSITIVITIES).optional().openapi({ description: 'Restricted starts as official with a pending grant for a second administrator' }),
    password: z.string().min(10).max(200).optional().openapi({ description: 'Omit to have one generated and returned once' }),
  })
  .openapi('NewUser');

const UserChangeSchema = z
  .object({
    name: z.string().min(1).max(200).optional().openapi({ description: 'The display name' }),
    role: z.enum(ROLES).optional(),
    clearance: z
      .enum(SENSITIVITIES)
      .optional()
      .openapi({ description: 'Never above your own; restricted needs a second administrator (answer 202 with the pending grant)' }),
    active: z.boolean().optional(),
    organisation: z.string().max(50).nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change: give name, role, clearance, active or organisation' })
  .openapi('UserChange');

const listRoute = guarded('manage_users', {
  method: 'get',
  path: '/api/users',
  tags: ['users'],
  summary: 'All users (never their passwords)',
  responses: { 200: jsonReply(z.object({ users: z.array(UserSchema) }), 'Users') },
});
const createRoute = guarded('manage_users', {
  method: 'post',
  path: '/api/users',
  tags: ['users'],
  summary: 'Create a user',
  request: jsonBody(NewUserSchema),
  responses: {
    201: jsonReply(
      z.object({ user: UserSchema, password: z.string().optional(), pending_grant: ClearanceGrantSchema.optional() }),
      'Created; a generated password is shown once; restricted clearance waits for a second administrator',
    ),
  },
});
const OwnChangeSchema = z
  .object({
    name: z.string().min(1).max(200).optional().openapi({ description: 'Your display name' }),
    language: z.enum(LANGUAGES).optional().openapi({ description: 'Your language: the web app and e-mails use it' }),
  })
  .refine((o) => o.name !== undefined || o.language !== undefined, { message: 'nothing to change: give name or language' })
  .openapi('OwnAccountChange');

const changeOwnRoute = guarded('own_account', {
  method: 'patch',
  path: '/api/users/me',
  tags: ['users'],
  summary: 'Change your own display name or language (audited)',
  request: jsonBody(OwnChangeSchema),
  responses: { 200: jsonReply(UserSchema, 'Changed') },
});
const changeRoute = guarded('manage_users', {
  method: 'patch',
  path: '/api/users/{id}',
  tags: ['users'],
  summary:
    "Change a user's display name, role, clearance, organisation or status (audited: the name, and the permissions); a permission change ends the user's sessions and API tokens",
  request: { params: IdParamSchema, ...jsonBody(UserChangeSchema) },
  responses: {
    200: jsonReply(UserSchema, 'Changed'),
    202: jsonReply(
      z.object({ user: UserSchema, pending_grant: ClearanceGrantSchema }),
      'The rest is changed; the restricted clearance waits for a second administrator',
    ),
  },
});
const resetRoute = guarded('manage_users', {
  method: 'post',
  path: '/api/users/{id}/reset-password',
  tags: ['users'],
  summary: 'Give a user a new one-time password (shown once) that they must change at their next sign-in; ends their sessions and API tokens',
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(z.object({ password: z.string() }), 'The new password') },
});

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  // Before /api/users/{id}, which would otherwise take "me" for an id.
  app.openapi(changeOwnRoute, async (c) => {
    const userId = c.get('actor').userId;
    if (userId === null) throw notFound('no account');
    return c.json(await changeOwnAccount(deps.db, userId, c.req.valid('json')), 200);
  });
  app.openapi(listRoute, async (c) => c.json({ users: await listUsers(deps.db) }, 200));
  app.openapi(createRoute, async (c) => {
    const r = await createUser(deps.db, c.req.valid('json'), c.get('actor'));
    return c.json(
      { user: r.user, ...(r.generatedPassword ? { password: r.generatedPassword } : {}), ...(r.pendingGrant ? { pending_grant: r.pendingGrant } : {}) },
      201,
    );
  });
  app.openapi(changeRoute, async (c) => {
    const r = await changeUser(deps.db, c.req.valid('param').id, c.req.valid('json'), c.get('actor'));
    return r.pendingGrant ? c.json({ user: r.user, pending_grant: r.pendingGrant }, 202) : c.json(r.user, 200);
  });
  app.openapi(resetRoute, async (c) => c.json({ password: await resetPasswordById(deps.db, c.req.valid('param').id, c.get('actor').userId) }, 200));
  registerClearanceGrantRoutes(app, deps);
}
