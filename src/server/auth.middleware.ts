/**
 * Resolves who is calling (session cookie or bearer token) for every /api request, and guards
 * cookie-authenticated writes against cross-site requests: they must carry the
 * `X-Requested-With: vigia` header (which a cross-site form cannot send, and a cross-site
 * script cannot send without a CORS preflight that Vigia never grants) and, if the browser
 * sends an Origin, it must be this server's.
 *
 * Sign-in is not authenticated by the cookie it may carry (a browser that is already signed in,
 * or holds an expired session): it authenticates by the password, so the cross-site check of
 * cookie-authenticated writes does not apply to it, and the old session ends when the new one
 * starts (auth.routes.ts). The "forgot password" routes authenticate by nothing or by the
 * e-mailed token, likewise.
 *
 * A user who holds a one-time password (created or reset by an administrator) may only sign
 * out, ask who they are and change the password until they have chosen their own: anything
 * else is refused with 403 `password_change_required`, which the web app turns into the
 * change-password page.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import { VigiaError } from '../core/errors.js';
import { actorOf, PUBLIC_ACTOR } from '../modules/access/actor.js';
import { findMemberships } from '../modules/access/memberships.repo.js';
import { programExists } from '../modules/catalog/catalog.repo.js';
import { authenticate, type AuthSettings } from '../modules/accounts/auth.service.js';
import type { AppEnv } from '../http/env.js';
import { errorResponse } from '../http/errors.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes that authenticate by what they carry in the body, never by the session cookie. */
const CREDENTIAL_ROUTES = new Set(['POST /api/auth/sign-in', 'POST /api/auth/forgot-password', 'POST /api/auth/reset-password']);
/** What a user with a one-time password may still do. */
const BEFORE_PASSWORD_CHANGE = new Set(['GET /api/auth/me', 'POST /api/auth/sign-out', 'POST /api/auth/password', 'GET /api/auth/options']);

export function authMiddleware(db: Db, settings: AuthSettings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sessionSecret = CREDENTIAL_ROUTES.has(`${c.req.method} ${c.req.path}`) ? undefined : getCookie(c, SESSION_COOKIE);
    if (header && !bearer) return errorResponse(c, new VigiaError('unauthorized', 'the Authorization header must be "Bearer <token>"'));
    const who = bearer || sessionSecret ? await authenticate(db, settings, { bearer, sessionSecret: bearer ? undefined : sessionSecret }) : null;
    if (bearer && !who) return errorResponse(c, new VigiaError('unauthorized', 'the token is unknown, expired or revoked'));
    if (who && who.user.must_change_password === 1 && !BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`)) {
      return errorResponse(
        c,
        new VigiaError('password_change_required', 'choose your own password first (POST /api/auth/password): yours is a one-time password'),
      );
    }
    c.set('actor', who ? actorOf(who.user, await findMemberships(db, who.user.id)) : PUBLIC_ACTOR);
    c.set('via', who?.via ?? 'none');
    c.set('programExists', (code: string) => programExists(db, code));
    c.set('sessionSecret', who?.via === 'session' ? sessionSecret : undefined);
    if (who?.via === 'session' && !SAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const own = new URL(c.req.url).origin;
      if (c.req.header('x-requested-with') !== 'vigia' || (origin && origin !== own)) {
        return errorResponse(c, new VigiaError('forbidden', 'cross-site request refused: send X-Requested-With: vigia from this site'));
      }
    }
    await next();
  };
}
