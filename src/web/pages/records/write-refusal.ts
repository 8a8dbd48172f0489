/**
 * What a refused record write means for the form: someone else saved first (stale) or the record
 * is locked, or the server's problems, each beside its field when it names one of the type's
 * fields and in the list of other problems when not.
 */
import { ApiError } from '../../api/client';

export type Conflict = { kind: 'stale'; version: string } | { kind: 'locked' };

/** `byField` only when the server named problems (then it replaces the field errors shown). */
export type Refusal = { conflict: Conflict } | { byField?: Map<string, string>; other: string[] };

/** `t` names a refusal without details (`serverRejected`) and a missing value (`problems.required`). */
export function readRefusal(err: unknown, fieldCodes: readonly string[], t: (key: string, params?: Record<string, unknown>) => string): Refusal {
  if (!(err instanceof ApiError)) return { other: [err instanceof Error ? err.message : String(err)] };
  if (err.kind === 'conflict') {
    const stale = err.details.find((d) => d.column === 'version');
    if (stale) return { conflict: { kind: 'stale', version: stale.value === undefined ? '?' : String(stale.value) } };
    if (err.details.some((d) => d.column === 'status' && d.reason === 'locked')) return { conflict: { kind: 'locked' } };
    return { other: [t('serverRejected', { message: err.message })] };
  }
  const byField = new Map<string, string>();
  const other: string[] = [];
  const known = new Set(fieldCodes);
  for (const d of err.details) {
    const head = d.column?.split(/[[.]/)[0];
    const reason = d.reason === 'required' ? t('problems.required') : d.reason;
    if (d.column && head && known.has(head)) byField.set(d.column, reason);
    else other.push(d.column ? `${d.column}: ${reason}` : reason);
  }
  return { byField, other: other.length || byField.size ? other : [t('serverRejected', { message: err.message })] };
}
