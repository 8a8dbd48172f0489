/**
 * The typed API client: paths, parameters and bodies are checked against the types generated
 * from the server's OpenAPI document (`schema.gen.ts`). Every request carries the CSRF header the
 * server requires, and a non-2xx answer becomes an `ApiError` with the server's stable error id.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';

export interface ErrorDetail {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  reason: string;
}

/** A refused request: `kind` is the server's stable id (not_found, validation, forbidden, conflict, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

const csrf: Middleware = {
  onRequest({ request }) {
    request.headers.set('X-Requested-With', 'vigia');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch outcome: the data, or an ApiError. */
export async function ok<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as { error?: string; message?: string; details?: ErrorDetail[] };
  throw new ApiError(response.status, body.error ?? 'error', body.message ?? response.statusText, body.details ?? []);
}

/** Sends a raw body (an uploaded file) to an API path; the JSON reply or an ApiError. */
export async function sendRaw<T>(method: string, path: string, body: Blob, contentType: string): Promise<T> {
  const response = await fetch(path, {
    method,
    body,
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'vigia', 'Content-Type': contentType },
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const e = (parsed ?? {}) as { error?: string; message?: string; details?: ErrorDetail[] };
    throw new ApiError(response.status, e.error ?? 'error', e.message ?? response.statusText, e.details ?? []);
  }
  return parsed as T;
}
