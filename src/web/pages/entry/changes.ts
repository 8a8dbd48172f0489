/**
 * The edits of the grid and what saving them means. An edit remembers the version (and value)
 * the user saw when they started typing, so a refetch in the background can never turn a stale
 * edit into a silent overwrite: the server compares that version.
 */
import { checkCell, type CellRules } from './cell-rules';
import type { ValueFlag } from '../../components/value-flags';

export interface Edit {
  text: string;
  /** Version of the stored value when editing began; 0 when there was none. */
  baseVersion: number;
  /** Organisation of the stored value (kept when an officer changes it). */
  baseOrganisation: string | null;
}

/** A stored value as the grid needs it. */
export interface CellValue {
  value: number;
  version: number;
  status: string;
  organisation: string | null;
  /** The warnings the stored value raised. */
  flags?: ValueFlag[] | undefined;
}

/** A warning or a refusal shown in words beside a cell. */
export interface CellNote {
  severity: 'warning' | 'error';
  text: string;
}

export const cellKey = (place: string, period: string) => `${place}|${period}`;
export const splitKey = (key: string): [string, string] => {
  const i = key.indexOf('|');
  return [key.slice(0, i), key.slice(i + 1)];
};

export interface Change {
  key: string;
  place: string;
  period: string;
  /** null: delete the stored value. */
  value: number | null;
  version: number;
  organisation: string | null;
  /** What was typed. */
  text: string;
}

/** True when an edit differs from what is stored (a number equal to the stored one is no change). */
export function isChanged(edit: Edit | undefined, stored: CellValue | undefined, rules: CellRules): boolean {
  if (!edit) return false;
  const c = checkCell(edit.text, rules);
  if (!c.ok) return true;
  if (c.value === null) return stored !== undefined;
  return stored === undefined || stored.value !== c.value;
}

/** The valid changed cells, ready to send; invalid ones are counted apart. */
export function collectChanges(
  edits: Readonly<Record<string, Edit>>,
  stored: ReadonlyMap<string, CellValue>,
  rules: CellRules,
): { changes: Change[]; invalid: number } {
  const changes: Change[] = [];
  let invalid = 0;
  for (const [key, edit] of Object.entries(edits)) {
    const now = stored.get(key);
    if (!isChanged(edit, now, rules)) continue;
    const c = checkCell(edit.text, rules);
    if (!c.ok) {
      invalid++;
      continue;
    }
    // Clearing a cell that was empty when editing began deletes nothing.
    if (c.value === null && edit.baseVersion === 0) continue;
    const [place, period] = splitKey(key);
    changes.push({ key, place, period, value: c.value, version: edit.baseVersion, organisation: edit.baseOrganisation, text: edit.text });
  }
  return { changes, invalid };
}
