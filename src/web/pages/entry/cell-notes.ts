/**
 * The words beside each cell about validation rules: for a changed cell, the range and
 * whole-number rules what is typed would break (a preview); for a stored value, the warnings
 * it raised and nobody acknowledged yet; for a cell the server refused, its reason.
 */
import { openFlags, type Breach } from '../../components/value-flags';
import { checkCell, type CellRules } from './cell-rules';
import { isChanged, type CellNote, type CellValue, type Edit } from './changes';
import { typedBreaches, type RuleRecord } from './typed-rules';

/** A cell the server refused: what was sent, and its reason. */
export interface Refusal {
  text: string;
  message: string;
}

interface Input {
  edits: Readonly<Record<string, Edit>>;
  stored: ReadonlyMap<string, CellValue>;
  rules: CellRules;
  validationRules: readonly RuleRecord[];
  indicator: string;
  level: number;
  refused: Readonly<Record<string, Refusal>>;
  flagText(b: Breach, as?: 'warning' | 'refusal'): string;
  refusedText(message: string): string;
}

export function cellNotes({ edits, stored, rules, validationRules, indicator, level, refused, flagText, refusedText }: Input): Map<string, CellNote[]> {
  const notes = new Map<string, CellNote[]>();
  const add = (key: string, note: CellNote) => notes.set(key, [...(notes.get(key) ?? []), note]);
  for (const [key, edit] of Object.entries(edits)) {
    const r = refused[key];
    const refusedNow = r !== undefined && r.text === edit.text;
    if (refusedNow) add(key, { severity: 'error', text: refusedText(r.message) });
    if (!isChanged(edit, stored.get(key), rules)) continue;
    const c = checkCell(edit.text, rules);
    if (!c.ok || c.value === null) continue;
    // Once refused, the server's reason stands in for the preview of the error rules.
    for (const b of typedBreaches(validationRules, indicator, level, c.value).filter((x) => !refusedNow || x.severity === 'warning'))
      add(key, { severity: b.severity, text: flagText(b, b.severity === 'error' ? 'refusal' : 'warning') });
  }
  for (const [key, value] of stored) {
    if (isChanged(edits[key], value, rules)) continue;
    for (const f of openFlags(value.flags)) add(key, { severity: 'warning', text: flagText(f) });
  }
  return notes;
}

/**
 * The cells a validation refusal names: the server starts each reason with the cell
 * ("ERAD_HA PE-05 2031: …"); the rest is the rule's message.
 */
export function refusedCells(
  reasons: readonly string[],
  sent: ReadonlyArray<{ key: string; place: string; period: string; text: string }>,
  key: { indicator: string; disagg: string; source: string },
): Record<string, Refusal> {
  const out: Record<string, Refusal> = {};
  for (const c of sent) {
    const prefix = `${[key.indicator, c.place, c.period, key.disagg, key.source].filter(Boolean).join(' ')}: `;
    const reason = reasons.find((r) => r.startsWith(prefix));
    if (reason !== undefined) out[c.key] = { text: c.text, message: reason.slice(prefix.length) };
  }
  return out;
}
