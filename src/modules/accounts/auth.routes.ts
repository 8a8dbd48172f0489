import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { SESSION_COOKIE } from '../../http/session-cookie.js';
import { findUserById } from './users.repo.js';
import { changeOwnPassword, createApiToken, listApiTokens, revokeApiToken, signIn, signOut, type AuthSettings } from './auth.service.js';
import {
  AuthOptionsSchema,
  ForgotPasswordSchema,
  IdParamSchema,
  MeSchema,
  NewTokenSchema,
  PasswordChangeSchema,
  PasswordResetSchema,
  SignInSchema,
  TokenInfoSchema,
  UserSchema,
} from './auth.schema.js';
import type { MailSettings } from './mailer.js';
import { requestPasswordReset, resetPasswordWithToken } from './password-reset.service.js';
import { notFound } from '../../core/errors.js';

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // requests made in-process (tests) have no socket
  }
}

const signInRoute = guarded('read_public', {
  method: 'post',
  path: '/api/auth/sign-in',
  tags: ['auth'],
  summary: 'Sign in; sets an httpOnly session cookie (a session the browser already held ends)',
  request: jsonBody(SignInSchema),
  responses: {
    200: jsonReply(z.object({ user: UserSchema, expires_at: z.string() }), 'Signed in'),
    429: jsonReply(ErrorSchema, 'Too many attempts for this account or from this address: wait the seconds in Retry-After'),
  },
});
const changePasswordRoute = guarded('own_account', {
  method: 'post',
  path: '/api/auth/password',
  tags: ['auth'],
  summary:
    'Change your own password (also how a one-time password is replaced); every session and API token of yours ends, and this browser gets a new session',
  request: jsonBody(PasswordChangeSchema),
  responses: {
    200: jsonReply(z.object({ ok: z.literal(true), expires_at: z.string() }), 'Changed'),
    429: jsonReply(ErrorSchema, 'Too many attempts: wait the seconds in Retry-After'),
  },
});
const signOutRoute = guarded('own_account', {
  method: 'post',
  path: '/api/auth/sign-out',
  tags: ['auth'],
  summary: 'Sign out: ends this session',
  responses: { 200: jsonReply(z.object({ ok: z.literal(true) }), 'Signed out') },
});
const meRoute = guarded('read_public', {
  method: 'get',
  path: '/api/auth/me',
  tags: ['auth'],
  summary: 'Who am I (user null when signed out)',
  responses: { 200: jsonReply(MeSchema, 'The current user') },
});
const listTokensRoute = guarded('own_account', {
  method: 'get',
  path: '/api/tokens',
  tags: ['auth'],
  summary: 'My personal API tokens (never their secrets)',
  responses: { 200: jsonReply(z.object({ tokens: z.array(TokenInfoSchema) }), 'Tokens') },
});
const createTokenRoute = guarded('own_account', {
  method: 'post',
  path: '/api/tokens',
  tags: ['auth'],
  summary: 'Create a personal API token; the secret is in this response only',
  request: jsonBody(NewTokenSchema),
  responses: { 201: jsonReply(z.object({ token: z.string(), info: TokenInfoSchema }), 'Created') },
});
const revokeTokenRoute = guarded('own_account', {
  method: 'delete',
  path: '/api/tokens/{id}',
  tags: ['auth'],
  summary: 'Revoke a token',
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(z.object({ ok: z.literal(true) }), 'Revoked') },
});

const optionsRoute = guarded('read_public', {
  method: 'get',
  path: '/api/auth/options',
  tags: ['auth'],
  summary: 'What the sign-in page may offer (e.g. "forgot password" when e-mail is configured)',
  responses: { 200: jsonReply(AuthOptionsSchema, 'The options') },
});
const forgotRoute = guarded('read_public', {
  method: 'post',
  path: '/api/auth/forgot-password',
  tags: ['auth'],
  summary: 'Ask for a "set a new password" link by e-mail; the same answer whether or not the address has an account (404 when e-mail is not configured)',
  request: jsonBody(ForgotPasswordSchema),
  responses: {
    202: jsonReply(z.object({ ok: z.literal(true), message: z.string() }), 'Taken: a link is mailed if the address belongs to an active account'),
    429: jsonReply(ErrorSchema, 'Too many requests for this address or from this client: wait the seconds in Retry-After'),
  },
});
const resetRoute = guarded('read_public', {
  method: 'post',
  path: '/api/auth/reset-password',
  tags: ['auth'],
  summary:
    'Set a new password with the token of an e-mailed link (once, before it expires); ends every session and API token (404 when e-mail is not configured)',
  request: jsonBody(PasswordResetSchema),
  responses: { 200: jsonReply(z.object({ ok: z.literal(true) }), 'Set: sign in with the new password') },
});

/** What the sign-in routes use: the common route dependencies, the sign-in settings and e-mail (absent when not configured). */
export interface AuthRouteDeps extends AppDeps {
  auth: AuthSettings;
  mail?: MailSettings | undefined;
}

/** The same answer for every address, known or not. */
const FORGOT_ANSWER = { ok: true as const, message: 'if the address belongs to an active account, a link to set a new password is on its way' };

function setSessionCookie(c: Context, deps: AuthRouteDeps, secret: string): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.secureCookies || new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: deps.auth.sessionHours * 3600,
  });
}

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps): void {
  app.openapi(signInRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    // The middleware does not authenticate sign-in by its cookie; a session it names ends here.
    const r = await signIn(deps.db, deps.auth, email, password, clientAddress(c), getCookie(c, SESSION_COOKIE));
    setSessionCookie(c, deps, r.sessionSecret);
    return c.json({ user: r.user, expires_at: r.expiresAt }, 200);
  });
  app.openapi(changePasswordRoute, async (c) => {
    const { current_password, new_password } = c.req.valid('json');
    const r = await changeOwnPassword(deps.db, deps.auth, c.get('actor').userId ?? -1, current_password, new_password, clientAddress(c));
    if (c.get('via') === 'session') setSessionCookie(c, deps, r.sessionSecret);
    return c.json({ ok: true as const, expires_at: r.expiresAt }, 200);
  });
  app.openapi(signOutRoute, async (c) => {
    const secret = c.get('sessionSecret');
    const actor = c.get('actor');
    if (secret && actor.userId !== null) await signOut(deps.db, secret, actor.userId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  });
  app.openapi(meRoute, async (c) => {
    const actor = c.get('actor');
    const user = actor.userId === null ? null : ((await findUserById(deps.db, actor.userId)) ?? null);
    return c.json({ user, role: actor.role }, 200);
  });
  app.openapi(optionsRoute, (c) => c.json({ forgot_password: deps.mail !== undefined }, 200));
  app.openapi(forgotRoute, async (c) => {
    if (!deps.mail) throw notFound('e-mail is not configured on this server: ask an administrator to reset your password');
    const { email, language } = c.req.valid('json');
    await requestPasswordReset(deps.db, deps.auth, deps.mail, email, clientAddress(c), language ?? 'en');
    return c.json(FORGOT_ANSWER, 202);
  });
  app.openapi(resetRoute, async (c) => {
    if (!deps.mail) throw notFound('e-mail is not configured on this server');
    const { token, new_password } = c.req.valid('json');
    await resetPasswordWithToken(deps.db, deps.auth, token, new_password);
    return c.json({ ok: true as const }, 200);
  });
  app.openapi(listTokensRoute, async (c) => c.json({ tokens: await listApiTokens(deps.db, c.get('actor').userId ?? -1) }, 200));
  app.openapi(createTokenRoute, async (c) => {
    const { name, days } = c.req.valid('json');
    const r = await createApiToken(deps.db, deps.auth, c.get('actor').userId ?? -1, name, days);
    return c.json(r, 201);
  });
  app.openapi(revokeTokenRoute, async (c) => {
    const actor = c.get('actor');
    const user = await findUserById(deps.db, actor.userId ?? -1);
    if (!user) return c.json({ ok: true as const }, 200);
    await revokeApiToken(deps.db, deps.auth, user, c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  });
}
