/**
 * The one mapping from Vigia's error kinds to HTTP. Every error response has the same shape:
 * `{"error": id, "message": text, "details": [...]}`.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from '@hono/zod-openapi';
import { isVigiaError, type ErrorKind } from '../core/errors.js';
import { BUSY_RETRY_AFTER_SECONDS, isDatabaseBusy } from '../db/busy.js';

const STATUS: Record<ErrorKind, 400 | 401 | 403 | 404 | 409 | 413 | 429> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  password_change_required: 403,
};

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'validation' }),
    message: z.string(),
    details: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .openapi('Error');

/** Renders any thrown value as the standard error body; unknown errors are logged, not shown. */
export function errorResponse(c: Context, e: unknown): Response {
  if (isVigiaError(e)) {
    const wait = e.kind === 'rate_limited' ? e.details[0]?.value : undefined;
    if (typeof wait === 'number') c.header('Retry-After', String(wait));
    return c.json({ error: e.kind, message: e.message, details: e.details }, STATUS[e.kind]);
  }
  if (e instanceof HTTPException && e.status < 500) {
    // Raised by Hono itself, e.g. for a body that is not valid JSON.
    const kind = e.status === 401 ? 'unauthorized' : e.status === 403 ? 'forbidden' : e.status === 404 ? 'not_found' : 'validation';
    return c.json({ error: kind, message: e.message || 'bad request', details: [] }, e.status);
  }
  if (isDatabaseBusy(e)) {
    // Another writer (a large import, another worker) held the lock past the busy timeout:
    // nothing was written, and the same request will do a moment later.
    c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    return c.json({ error: 'busy', message: `the database is busy with other writes; nothing was changed, try again in ${BUSY_RETRY_AFTER_SECONDS} s` }, 503);
  }
  console.error(e);
  return c.json({ error: 'internal', message: 'internal error' }, 500);
}
