/**
 * Disaggregation keys. A value's disaggregation is a set of dimension=option pairs, stored as
 * one canonical text key sorted by dimension (`sex=f;substance=cocaine_base`), '' for none.
 * A dimension left out means "not split" for that value.
 */
import { validationError } from './errors.js';

export type Disagg = Readonly<Record<string, string>>;

const CODE = /^[A-Za-z0-9_.-]+$/;

/** The canonical key of a disaggregation. */
export function disaggKey(d: Disagg): string {
  return Object.keys(d)
    .sort()
    .map((k) => {
      const v = d[k] ?? '';
      if (!CODE.test(k) || !CODE.test(v)) throw validationError(`bad disaggregation ${k}=${v}: codes use letters, digits, _ . -`);
      return `${k}=${v}`;
    })
    .join(';');
}

/** Parses `a=x;b=y` (also `a=x,b=y` or with spaces) into a disaggregation. */
export function parseDisagg(text: string): Disagg {
  const out: Record<string, string> = {};
  for (const part of text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (eq <= 0 || !v || !CODE.test(k) || !CODE.test(v)) {
      throw validationError(`"${part}" is not a disaggregation: write dimension=option, e.g. substance=cocaine_base`);
    }
    if (k in out) throw validationError(`dimension "${k}" appears twice in "${text}"`);
    out[k] = v;
  }
  return out;
}

/** True when `key` matches every pair of `filter` (a subset match). */
export function disaggMatches(key: string, filter: Disagg): boolean {
  const d = key ? parseDisagg(key) : {};
  return Object.entries(filter).every(([k, v]) => d[k] === v);
}
