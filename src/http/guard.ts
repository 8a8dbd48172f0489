/**
 * Every API route is declared through `guarded`, which attaches the permission it needs as
 * middleware (checked against the central policy before the handler runs) and records it in
 * the OpenAPI document as `x-permission`. A test checks that no route lacks one.
 *
 * Roles are per program: when the route names a program (the `{program}` path parameter, or a
 * `program` query parameter), the actor is first scoped to that program (`actorIn`: the
 * membership's role there, or the public's) and the permission checked against that; the
 * handler then sees the scoped actor. Routes that reach a program through an object's id scope
 * the actor to the object's program in their service. No route takes its program in the body.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { can, requirePermission, type Permission } from '../modules/access/policy.js';
import { actorIn } from '../modules/access/actor.js';
import type { AppEnv } from './env.js';
import { ErrorSchema } from './errors.js';

export function requires(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const program = c.req.param('program') ?? c.req.query('program');
    if (program !== undefined) {
      const account = c.get('actor');
      // A program that does not exist has no members: the account's own role answers, and the
      // handler says what it says of an unknown program (404 or 400), as before roles were per
      // program. Program codes are public (GET /api/programs): this tells nothing new.
      const scoped = actorIn(account, { code: program });
      c.set('actor', can(scoped, permission) || (await c.get('programExists')(program)) ? scoped : account);
    }
    requirePermission(c.get('actor'), permission);
    await next();
  };
}

const errorContent = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The error responses every route may give, in the standard shape. */
export const standardErrors = {
  400: errorContent('Invalid input: `details` names each field'),
  401: errorContent('Not signed in, or the session or token expired'),
  403: errorContent('Not allowed for this user'),
  404: errorContent('No such thing (or not visible to this user)'),
} as const;

export function guarded<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(permission: Permission, route: R) {
  return createRoute({
    ...route,
    responses: { ...standardErrors, ...route.responses },
    'x-permission': permission,
    middleware: [requires(permission)] as const,
  });
}
