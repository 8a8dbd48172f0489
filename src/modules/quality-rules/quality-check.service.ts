/**
 * The checks of validation rules and outliers at the moment values are written, inside the
 * write's own transaction, after the values and their fact rows are stored: a broken `error`
 * rule throws (the transaction rolls back, nothing is stored); warnings and outliers become
 * flags on the values written. The values write path (values.service `upsertWithFacts` and the
 * versioned single write) and the record roll-ups call these, so every way of writing is checked.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError, type IssueDetail } from '../../core/errors.js';
import { disaggKey } from '../../core/disagg.js';
import { formatRef } from '../../core/formula.js';
import { relationBreach, relationRefs, valueBreach, type Breach } from '../../core/quality-rules.js';
import { ruleSensitivity } from '../../core/rule-sensitivity.js';
import { withinClearance, type Sensitivity } from '../../core/sensitivity.js';
import { isActor, type Writer } from '../audit/data-writer.js';
import { indicatorSensitivities } from '../catalog/indicator-sensitivity.service.js';
import { scoreOutlier } from '../../core/outlier.js';
import { tryParsePeriod } from '../../core/periods.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { loadProgramRules, type ProgramRules } from './program-rules.js';
import {
  anyFlag,
  deleteFlagsOfValues,
  factValue,
  indicatorKeysByCode,
  insertFlags,
  placeLevels,
  seriesBefore,
  valuesWithLevel,
  type NewFlag,
} from './quality-rules.repo.js';

/** One written cell: a stored value (with its id) or a rolled-up fact (without). */
export interface WrittenCell {
  valueId?: number;
  indicator_id: number;
  place_id: number;
  period: string;
  start_date: string;
  disagg: string;
  source: string;
  value: number;
  level: number;
}

const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Names a cell in messages: "ERAD_HA PE-05 2013". */
function cellName(catalog: Catalog, c: WrittenCell): string {
  const ind = catalog.indicatorsById.get(c.indicator_id)?.code ?? `#${c.indicator_id}`;
  const place = catalog.placesById.get(c.place_id)?.code ?? `#${c.place_id}`;
  return [ind, place, c.period, c.disagg, c.source].filter(Boolean).join(' ');
}

/** One broken rule at one written cell, with the indicators the rule read. */
interface Found {
  cell: WrittenCell;
  breach: Breach;
  reads: readonly string[];
}

/** A found breach with the sensitivity of what its rule read (who may learn of it). */
type Judged = Found & { sensitivity: Sensitivity };

/** What a writer may be told: up to its clearance, and other organisations' figures only when it sees all data (not a partner). */
interface WriterView {
  clearance: Sensitivity;
  seesAllData: boolean;
}

const viewOf = (writer: Writer): WriterView =>
  isActor(writer)
    ? { clearance: writer.role === 'public' ? 'public' : writer.clearance, seesAllData: writer.role !== 'partner' }
    : { clearance: 'restricted', seesAllData: true };

/**
 * Gives each breach its rule's sensitivity, and applies an `error` rule the writer is not
 * cleared for as a warning: refusing would tell the writer one bit of a figure it may not read
 * (and repeated writes, the figure). The warning is stored and flagged with the rule's
 * sensitivity, so only readers cleared for it ever see it.
 */
async function judge(trx: Kysely<Database>, catalog: Catalog, found: readonly Found[], writer: WriterView): Promise<Judged[]> {
  if (found.length === 0) return [];
  const levels = await indicatorSensitivities(trx, catalog);
  return found.map((f) => {
    const sensitivity = ruleSensitivity(f.reads, (code) => levels.get(code));
    if (f.breach.severity !== 'error' || withinClearance(sensitivity, writer.clearance)) return { ...f, sensitivity };
    const message = `${f.breach.message} [an error rule over ${sensitivity} data, kept as a warning for a writer not cleared for it; regla de error sobre datos ${sensitivity === 'restricted' ? 'restringidos' : 'oficiales'}, guardada como advertencia]`;
    return { ...f, sensitivity, breach: { ...f.breach, severity: 'warning', message } };
  });
}

/** Every rule broken by the written cells, each with the cells it concerns. */
async function breaches(trx: Kysely<Database>, catalog: Catalog, rules: ProgramRules, cells: readonly WrittenCell[]): Promise<Found[]> {
  const found: Found[] = [];
  let keys: Map<string, { id: number; sources: string[] }> | undefined;
  const relationsDone = new Map<string, Breach | null>();
  for (const cell of cells) {
    const code = catalog.indicatorsById.get(cell.indicator_id)?.code;
    if (code === undefined) continue;
    for (const rule of rules.byIndicator.get(code) ?? []) {
      const b = valueBreach(rule, cell.value, cell.level);
      if (b) found.push({ cell, breach: b, reads: [code] });
    }
    for (const r of rules.relations.get(code) ?? []) {
      // One evaluation per rule × place × period, whatever the number of cells written there.
      const key = `${r.rule.code}|${cell.place_id}|${cell.period}`;
      if (!relationsDone.has(key)) {
        keys ??= await indicatorKeysByCode(trx, catalog.program.id);
        // Each aggregate is one cell of the fact table, looked up by its whole key.
        const values = new Map<string, number | null>();
        for (const ref of relationRefs(r.relation)) {
          const k = keys.get(ref.indicator);
          const source = ref.source ?? (k?.sources.length === 1 ? k.sources[0]! : '');
          const v = k
            ? await factValue(trx, { indicator_id: k.id, place_id: cell.place_id, period: cell.period, disagg: disaggKey(ref.disagg ?? {}), source })
            : undefined;
          values.set(formatRef(ref), v ?? null);
        }
        relationsDone.set(
          key,
          relationBreach(r.rule, r.relation, (ref) => values.get(formatRef(ref)) ?? null),
        );
      }
      const b = relationsDone.get(key);
      if (b) found.push({ cell, breach: b, reads: relationRefs(r.relation).map((ref) => ref.indicator) });
    }
    for (const rule of cell.valueId === undefined ? [] : (rules.outliers.get(code) ?? [])) {
      const type = tryParsePeriod(cell.period)?.type;
      const history = (await seriesBefore(trx, cell, cell.start_date)).filter((h) => tryParsePeriod(h.period)?.type === type).map((h) => h.value);
      const s = scoreOutlier(cell.value, history, { threshold: rule.threshold, minHistory: rule.min_history });
      if (s.scored && s.outlier) {
        const r2 = (n: number) => Math.round(n * 100) / 100;
        found.push({
          cell,
          reads: [code],
          breach: {
            rule: rule.code,
            severity: 'warning',
            kind: 'outlier',
            value: cell.value,
            limit: { low: r2(s.expected.low), high: r2(s.expected.high) },
            message: `${rule.code}: ${code} = ${cell.value} is outside the expected range ${r2(s.expected.low)} – ${r2(s.expected.high)} (fuera del rango esperado; robust score ${Number.isFinite(s.score) ? s.score.toFixed(2) : 'flat series'})`,
          },
        });
      }
    }
  }
  return found;
}

/** Throws one validation error listing every broken `error` rule; nothing of the write is kept. */
function refuseErrors(catalog: Catalog, found: readonly Judged[], writer: WriterView): void {
  const errors = found.filter((f) => f.breach.severity === 'error');
  if (errors.length === 0) return;
  // Every error left is one the writer is cleared for (judge); a relation's limit also sums
  // other organisations' values, which a partner reads only once approved.
  const details: IssueDetail[] = errors.map(({ cell, breach }) => ({
    column: 'value',
    value: cell.value,
    reason: `${cellName(catalog, cell)}: ${breach.message}`,
    rule: breach.rule,
    ...(breach.kind !== 'relation' || writer.seesAllData ? { limit: breach.limit } : {}),
  }));
  throw validationError(
    `${errors.length} value(s) break validation rules (${[...new Set(errors.map((e) => e.breach.rule))].join(', ')}); nothing was saved`,
    details,
  );
}

/**
 * Checks stored values just written (by id) by `writer`: refuses the write on a broken error
 * rule the writer is cleared for, and replaces the flags of these values with the warnings they
 * raise now (each with its rule's sensitivity).
 */
export async function checkWrittenValues(trx: Kysely<Database>, catalog: Catalog, valueIds: readonly number[], writer: Writer): Promise<void> {
  if (valueIds.length === 0) return;
  const rules = await loadProgramRules(trx, catalog.program.id);
  const cells: WrittenCell[] = [];
  // Without rules there is nothing to read back: only the flags of earlier versions to drop.
  for (const ids of rules.empty ? [] : chunks(valueIds, 5_000)) {
    for (const v of await valuesWithLevel(trx, ids)) cells.push({ ...v, valueId: v.id });
  }
  const view = viewOf(writer);
  const found = rules.empty ? [] : await judge(trx, catalog, await breaches(trx, catalog, rules, cells), view);
  refuseErrors(catalog, found, view);
  if (await anyFlag(trx)) for (const ids of chunks(valueIds, 5_000)) await deleteFlagsOfValues(trx, ids);
  const at = new Date().toISOString();
  const seen = new Set<string>();
  const flags: NewFlag[] = [];
  for (const { cell, breach, sensitivity } of found) {
    const key = `${cell.valueId}|${breach.rule}`;
    if (cell.valueId === undefined || seen.has(key)) continue;
    seen.add(key);
    flags.push({
      value_id: cell.valueId,
      rule_code: breach.rule,
      kind: breach.kind,
      value: breach.value,
      expected: JSON.stringify(breach.limit),
      message: breach.message,
      sensitivity,
      created_at: at,
    });
  }
  for (const batch of chunks(flags, 500)) await insertFlags(trx, batch);
}

/** A cell of the fact table that record roll-ups changed. */
export type RolledUpCell = Omit<WrittenCell, 'valueId' | 'value' | 'level' | 'start_date'> & { start_date: string };

/**
 * Checks the fact cells that record roll-ups just changed (their totals after the change):
 * refuses the write on a broken error rule the writer is cleared for. Roll-ups have no stored
 * value to flag, so warnings (and errors the writer is not cleared for) are not kept here.
 */
export async function checkRolledUpCells(trx: Kysely<Database>, catalog: Catalog, changed: readonly RolledUpCell[], writer: Writer): Promise<void> {
  if (changed.length === 0) return;
  const rules = await loadProgramRules(trx, catalog.program.id);
  if (rules.empty) return;
  const levels = await placeLevels(trx, [...new Set(changed.map((c) => c.place_id))]);
  const cells: WrittenCell[] = [];
  const seen = new Set<string>();
  for (const c of changed) {
    const key = `${c.indicator_id}|${c.place_id}|${c.period}|${c.disagg}|${c.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = await factValue(trx, c);
    if (value !== undefined) cells.push({ ...c, value, level: levels.get(c.place_id) ?? 0 });
  }
  const view = viewOf(writer);
  refuseErrors(catalog, await judge(trx, catalog, await breaches(trx, catalog, rules, cells), view), view);
}
