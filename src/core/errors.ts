/**
 * The few error kinds Vigia knows. Each has a stable id that the HTTP layer maps to a status
 * once, and that the CLI prints; services and repositories throw these, never HTTP errors.
 */
export type ErrorKind =
  | 'not_found'
  | 'validation'
  | 'forbidden'
  | 'conflict'
  | 'unauthorized'
  // Too many attempts (sign-in): details[0].value is the seconds to wait.
  | 'rate_limited'
  // An upload over a size limit (e.g. a ZIP that expands too far).
  | 'too_large'
  // The user holds a one-time password: only sign-out, "me" and the password change are allowed.
  | 'password_change_required';

/** One problem in user input, located as precisely as we can. */
export interface IssueDetail {
  file?: string;
  row?: number;
  column?: string;
  value?: unknown;
  reason: string;
  /** The validation rule broken (src/core/quality-rules.ts) and the limit it sets. */
  rule?: string;
  limit?: unknown;
}

export class VigiaError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: IssueDetail[] = [],
  ) {
    super(message);
    this.name = 'VigiaError';
  }
}

/** Input that breaks a rule; `details` lists each problem with its location. */
export function validationError(message: string, details: IssueDetail[] = []): VigiaError {
  return new VigiaError('validation', message, details);
}

export function notFound(message: string): VigiaError {
  return new VigiaError('not_found', message);
}

/** A write based on a stale version, or a duplicate key. */
export function conflict(message: string, details: IssueDetail[] = []): VigiaError {
  return new VigiaError('conflict', message, details);
}

/** Input over a size limit (a decompression bomb, too many entries); the message names the limit. */
export function tooLarge(message: string, details: IssueDetail[] = []): VigiaError {
  return new VigiaError('too_large', message, details);
}

export function isVigiaError(e: unknown): e is VigiaError {
  return e instanceof VigiaError;
}
