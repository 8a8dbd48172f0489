/**
 * Reading data quality assessments, for whoever may read the indicator: one, a program's (or
 * an indicator's) list, the last one of indicators with its open actions (for the PIRS), and
 * the indicators whose last DQA is older than three years or that never had one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { notFound, validationError } from '../../core/errors.js';
import { dqaDueDate, dqaOverdue } from '../../core/dqa.js';
import { findProgramCode, loadCatalog, type Catalog, type IndicatorInfo } from '../catalog/catalog.repo.js';
import { readableIndicators } from '../catalog/indicator-sensitivity.service.js';
import { todayIso } from './dqa-store.js';
import { assembleDqas, type DqaActionView, type DqaView } from './dqa-view.js';
import { dqaDates, findDqaHead, latestDqa, listDqaHeads, type DqaHead } from './dqa.repo.js';

export type { DqaView, DqaActionView, DqaPerson, DqaRatingView } from './dqa-view.js';

/** The last DQA of an indicator and the actions of it still open. */
export interface LastDqa {
  dqa: DqaView;
  open_actions: DqaActionView[];
}

/** An indicator whose next DQA is overdue. */
export interface OverdueIndicator {
  indicator: string;
  name_en: string;
  name_es: string;
  /** Its last DQA; null when it never had one. */
  last_dqa: { id: number; date: string } | null;
  /** When the next DQA was due (three years after the last); null when there never was one. */
  due_date: string | null;
}

interface Readable {
  catalog: Catalog;
  indicators: Map<string, IndicatorInfo>;
}

export async function readable(db: Kysely<Database>, programCode: string, ceiling: Clearance): Promise<Readable> {
  const catalog = await loadCatalog(db, programCode, []);
  const indicators = await readableIndicators(db, catalog, ceiling);
  return { catalog, indicators: new Map(indicators.map((i) => [i.code, i])) };
}

/** The indicator named in input: one the reader may not read does not exist for them. */
export function namedIndicator(r: Readable, code: string): IndicatorInfo {
  const indicator = r.indicators.get(code);
  if (!indicator) {
    const reason = `program ${r.catalog.program.code} has no indicator "${code}"`;
    throw validationError(`indicator: ${reason}`, [{ column: 'indicator', value: code, reason }]);
  }
  return indicator;
}

/**
 * The last DQA of an indicator (by date, then the latest entered) with its open actions, or
 * null. For the PIRS: the caller has already decided the reader may see the indicator.
 */
export async function lastDqa(db: Kysely<Database>, indicatorId: number): Promise<LastDqa | null> {
  const latest = await latestDqa(db, indicatorId);
  if (!latest) return null;
  const dqa = await getDqaById(db, latest.program_id, await findProgramCode(db, latest.program_id), latest.id);
  return { dqa, open_actions: dqa.actions.filter((a) => a.status === 'open') };
}

/**
 * The last DQA (with its open actions) of each of these indicators that had one, by indicator
 * id: for the PIRS book, one query for the whole program instead of one per indicator.
 */
export async function lastDqas(db: Kysely<Database>, indicatorIds: readonly number[]): Promise<Map<number, LastDqa>> {
  const latest = new Map<number, DqaHead>();
  // Heads come newest first within each indicator: the first seen is the last DQA.
  for (const h of await listDqaHeads(db, indicatorIds)) if (!latest.has(h.indicator_id)) latest.set(h.indicator_id, h);
  const codes = new Map<number, string>();
  for (const h of latest.values()) if (!codes.has(h.program_id)) codes.set(h.program_id, await findProgramCode(db, h.program_id));
  const out = new Map<number, LastDqa>();
  for (const [programId, code] of codes) {
    const heads = [...latest.values()].filter((h) => h.program_id === programId);
    for (const dqa of await assembleDqas(db, code, heads)) {
      const indicatorId = heads.find((h) => h.id === dqa.id)!.indicator_id;
      out.set(indicatorId, { dqa, open_actions: dqa.actions.filter((a) => a.status === 'open') });
    }
  }
  return out;
}

export async function getDqaById(db: Kysely<Database>, programId: number, programCode: string, id: number): Promise<DqaView> {
  const head = await findDqaHead(db, programId, id);
  if (!head) throw notFound(`no DQA ${id} in program ${programCode}`);
  const [view] = await assembleDqas(db, programCode, [head]);
  return view!;
}

/** A DQA's stored head and its view, when the reader may read its indicator. */
export async function readableDqa(db: Kysely<Database>, programCode: string, id: number, ceiling: Clearance) {
  const r = await readable(db, programCode, ceiling);
  const head = await findDqaHead(db, r.catalog.program.id, id);
  if (!head || !r.indicators.has(head.indicator)) throw notFound(`no DQA ${id} in program ${programCode}`);
  const [view] = await assembleDqas(db, programCode, [head]);
  return { head, view: view!, programId: r.catalog.program.id };
}

/** One DQA, when the reader may read its indicator. */
export async function getDqa(db: Kysely<Database>, programCode: string, id: number, ceiling: Clearance): Promise<DqaView> {
  return (await readableDqa(db, programCode, id, ceiling)).view;
}

/** The DQAs of a program's indicators (or of one), in framework order, newest first. */
export async function listDqas(db: Kysely<Database>, programCode: string, ceiling: Clearance, indicatorCode?: string): Promise<DqaView[]> {
  const r = await readable(db, programCode, ceiling);
  const ids = indicatorCode === undefined ? [...r.indicators.values()].map((i) => i.id) : [namedIndicator(r, indicatorCode).id];
  return assembleDqas(db, programCode, await listDqaHeads(db, ids));
}

/**
 * The indicators (that the reader may read, in framework order) whose last DQA is older than
 * three years on `asOf`, or that never had one.
 */
export async function overdueDqas(db: Kysely<Database>, programCode: string, ceiling: Clearance, asOf: string = todayIso()): Promise<OverdueIndicator[]> {
  const r = await readable(db, programCode, ceiling);
  const last = new Map<number, { id: number; date: string }>();
  for (const d of await dqaDates(db, r.catalog.program.id)) {
    const seen = last.get(d.indicator_id);
    if (!seen || d.date > seen.date || (d.date === seen.date && d.id > seen.id)) last.set(d.indicator_id, { id: d.id, date: d.date });
  }
  return [...r.indicators.values()].flatMap((i) => {
    const l = last.get(i.id) ?? null;
    if (!dqaOverdue(l?.date ?? null, asOf)) return [];
    return [{ indicator: i.code, name_en: i.name_en, name_es: i.name_es, last_dqa: l, due_date: l ? dqaDueDate(l.date) : null }];
  });
}
