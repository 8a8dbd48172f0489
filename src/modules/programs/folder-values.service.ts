/**
 * Values and targets of a program folder, resolved against a catalog by the values service's
 * own rules (resolveValue), with each problem mapped back to its file and line, and duplicate
 * keys caught across all the files of a load.
 */
import type { IssueDetail } from '../../core/errors.js';
import type { Insertable } from 'kysely';
import type { NewDataValue, TargetTable } from '../../db/schema.js';
import { resolveValue } from '../values/values.service.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import type { TargetRow, ValueRow } from './program-folder.types.js';
import { isLopSpan, parseLopSpan } from '../../core/lop-span.js';

export type NewTarget = Insertable<TargetTable>;

/** Remembers the first row of every key seen in a load, to report later duplicates. */
export class KeyRegistry {
  private readonly files: string[] = [];
  // File index and line packed in one number: a million keys stay a million small entries.
  private readonly first = new Map<string, number>();

  /** Records `key` for a row; returns where it was first seen if it was, else null. */
  claim(key: string, file: string, line: number): string | null {
    const seen = this.first.get(key);
    if (seen !== undefined) {
      const f = this.files[Math.floor(seen / 2 ** 32)] ?? '?';
      return f === file ? `row ${seen % 2 ** 32}` : `${f} row ${seen % 2 ** 32}`;
    }
    let index = this.files.lastIndexOf(file);
    if (index < 0) index = this.files.push(file) - 1;
    this.first.set(key, index * 2 ** 32 + line);
    return null;
  }
}

/** Decides which problems not to report again (the reader's, or references to broken definitions). */
export type IssueFilter = (issue: IssueDetail) => boolean;

const issueKey = (i: IssueDetail): string => `${i.file}\u0000${i.row}\u0000${i.column}`;

/** A filter that drops problems of a cell already reported in `earlier`. */
export function notReportedIn(earlier: readonly IssueDetail[]): IssueFilter {
  const keys = new Set(earlier.map(issueKey));
  return (i) => !keys.has(issueKey(i));
}

/**
 * Resolves rows of values/ against `catalog`. Problems go to `issues`, located in the file;
 * the rows returned are only those without problems (`from`, when given, gets the row each came from).
 */
export function resolveValueRows(
  catalog: Catalog,
  rows: readonly ValueRow[],
  keys: KeyRegistry,
  issues: IssueDetail[],
  keep: IssueFilter = () => true,
  now = new Date().toISOString(),
  from?: ValueRow[],
): NewDataValue[] {
  const out: NewDataValue[] = [];
  for (const row of rows) {
    const r = resolveValue(catalog, row.input, row.line, now);
    if ('issues' in r) {
      for (const { row: line, ...issue } of r.issues) {
        const located = { file: row.file, row: line, ...issue };
        if (keep(located)) issues.push(located);
      }
      continue;
    }
    const v = r.value;
    const first = keys.claim(`${v.indicator_id}|${v.place_id}|${v.period}|${v.disagg}|${v.source}`, row.file, row.line);
    if (first) {
      issues.push({
        file: row.file,
        row: row.line,
        column: 'period',
        value: row.input.period,
        reason: `duplicate of ${first} (same indicator, place, period, disaggregation and source)`,
      });
    } else {
      out.push(v);
      from?.push(row);
    }
  }
  return out;
}

/**
 * A view of the catalog in which every indicator takes targets: baselines and targets are set
 * for computed indicators too, though their values are never typed in.
 */
export function catalogForTargets(catalog: Catalog): Catalog {
  const indicators = new Map([...catalog.indicators].map(([code, i]) => [code, { ...i, origin: 'reported' as const }]));
  return { ...catalog, indicators, indicatorsById: new Map([...indicators.values()].map((i) => [i.id, i])) };
}

/** Resolves the rows of targets.csv, checking their kind too (a life-of-program target's period is a span); a target's key includes its kind. */
export function resolveTargetRows(catalog: Catalog, rows: readonly TargetRow[], issues: IssueDetail[], keep: IssueFilter = () => true): NewTarget[] {
  const targetCatalog = catalogForTargets(catalog);
  const out: NewTarget[] = [];
  const keys = new KeyRegistry();
  for (const row of rows) {
    // A life-of-program target's period is a span: checked here, the rest by the values' rules at its first period.
    const span = row.kind === 'lop_target' ? parseLopSpan(String(row.input.period ?? '')) : null;
    const badSpan = span !== null && !isLopSpan(span);
    if (badSpan) {
      const located = { file: row.file, row: row.line, column: 'period', value: row.input.period, reason: span.reason };
      if (keep(located)) issues.push(located);
    }
    const asValue = span && isLopSpan(span) ? { ...row, input: { ...row.input, period: span.first.id } } : row;
    const keepRest: IssueFilter = badSpan ? (i) => i.column !== 'period' && keep(i) : keep;
    const [resolved] = resolveValueRows(targetCatalog, [asValue], new KeyRegistry(), issues, keepRest);
    if (!resolved || !row.kind || badSpan) continue;
    const value = span && isLopSpan(span) ? { ...resolved, period: span.id, start_date: span.start, end_date: span.end } : resolved;
    const first = keys.claim(`${value.indicator_id}|${value.place_id}|${value.period}|${value.disagg}|${value.source}|${row.kind}`, row.file, row.line);
    if (first) {
      issues.push({
        file: row.file,
        row: row.line,
        column: 'period',
        value: row.input.period,
        reason: `duplicate of ${first} (same indicator, place, period, disaggregation, source and kind)`,
      });
      continue;
    }
    out.push({
      indicator_id: value.indicator_id,
      place_id: value.place_id,
      period: value.period,
      start_date: value.start_date,
      end_date: value.end_date,
      source: value.source ?? '',
      disagg: value.disagg ?? '',
      kind: row.kind,
      value: value.value,
      provenance: value.provenance ?? 'sourced',
      note: value.note ?? null,
    });
  }
  return out;
}
