/**
 * How sensitive a validation rule's figures are. A rule compares a value with figures of the
 * indicators it reads (a relation: every indicator on either side; the other kinds: their own
 * indicator), so its limit, the aggregates it compared, and even whether it broke are as
 * sensitive as the most sensitive of those indicators, taken at their effective sensitivity
 * (src/core/derived-sensitivity.ts). A flag, a refusal or a notice carrying the rule's outcome is
 * shown only to readers cleared for this level (docs/security.md, "Validation rules").
 */
import { moreSensitive, type Sensitivity } from './sensitivity.js';

/**
 * The most sensitive of the indicators a rule reads, by code; an indicator the lookup does not
 * know counts as restricted (a rule naming it reveals nothing less).
 */
export function ruleSensitivity(indicators: Iterable<string>, effective: (code: string) => Sensitivity | undefined): Sensitivity {
  let level: Sensitivity = 'public';
  for (const code of indicators) level = moreSensitive(level, effective(code) ?? 'restricted');
  return level;
}
