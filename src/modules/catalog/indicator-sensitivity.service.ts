/**
 * The effective sensitivity of a program's indicators, read from the database: the catalog's
 * declarations and formulas, and the active roll-ups of the program's record types, given to
 * the one rule in src/core/derived-sensitivity.ts. Every read of indicator data decides who
 * may see an indicator here — never by its declared sensitivity, which a formula or roll-up
 * over more sensitive data may understate (a database loaded before loads refused that does).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { validationError } from '../../core/errors.js';
import { effectiveSensitivities, rollupSourcesOf, sensitivityConflicts, type RollupSource } from '../../core/derived-sensitivity.js';
import { withinClearance } from '../../core/sensitivity.js';
import type { DataScope } from '../access/policy.js';
import type { ValueScope } from '../access/visible-data.repo.js';
import { loadRecordTypes } from './record-types.service.js';
import { findProgramCode, listPrograms, loadCatalog, type Catalog, type IndicatorInfo } from './catalog.repo.js';

/** Indicator code → the sensitivity every reader is held to. */
export type IndicatorSensitivities = Map<string, Clearance>;

async function activeRollups(db: Kysely<Database>, catalog: Catalog): Promise<RollupSource[]> {
  return rollupSourcesOf((await loadRecordTypes(db, catalog)).values());
}

/** The effective sensitivity of every indicator of the catalog's program. */
export async function indicatorSensitivities(db: Kysely<Database>, catalog: Catalog): Promise<IndicatorSensitivities> {
  const effective = effectiveSensitivities([...catalog.indicators.values()], await activeRollups(db, catalog));
  return new Map([...effective].map(([code, e]) => [code, e.effective]));
}

/** True when a reader cleared up to `ceiling` may read the indicator (an unknown one: no). */
export function mayReadIndicator(sensitivities: IndicatorSensitivities, code: string, ceiling: Clearance): boolean {
  const s = sensitivities.get(code);
  return s !== undefined && withinClearance(s, ceiling);
}

/** The catalog's indicators a reader cleared up to `ceiling` may read, in catalog order. */
export async function readableIndicators(db: Kysely<Database>, catalog: Catalog, ceiling: Clearance): Promise<IndicatorInfo[]> {
  const sensitivities = await indicatorSensitivities(db, catalog);
  return [...catalog.indicators.values()].filter((i) => mayReadIndicator(sensitivities, i.code, ceiling));
}

/** Ids of the indicators of a program (by code or id) a reader cleared up to `ceiling` may read. */
export async function readableIndicatorIds(db: Kysely<Database>, program: string | number, ceiling: Clearance): Promise<number[]> {
  const catalog = await loadCatalog(db, typeof program === 'number' ? await findProgramCode(db, program) : program, []);
  return (await readableIndicators(db, catalog, ceiling)).map((i) => i.id);
}

/** A reader's scope over a program's value rows: its row scope and the indicators it may read. */
export async function valueScopeOf(db: Kysely<Database>, program: Catalog | string | number, scope: DataScope): Promise<ValueScope> {
  const indicatorIds =
    typeof program === 'object'
      ? (await readableIndicators(db, program, scope.maxSensitivity)).map((i) => i.id)
      : await readableIndicatorIds(db, program, scope.maxSensitivity);
  return { approvedOnly: scope.approvedOnly, ownOrganisationId: scope.ownOrganisationId, indicatorIds };
}

/**
 * Ids of the indicators, of every program, that a reader cleared up to `ceiling` may not read
 * (for the audit trail, whose events span programs).
 */
export async function unreadableIndicatorIds(db: Kysely<Database>, ceiling: Clearance): Promise<Set<number>> {
  const out = new Set<number>();
  if (ceiling === 'restricted') return out;
  for (const { code } of await listPrograms(db)) {
    const catalog = await loadCatalog(db, code, []);
    const sensitivities = await indicatorSensitivities(db, catalog);
    for (const i of catalog.indicators.values()) if (!mayReadIndicator(sensitivities, i.code, ceiling)) out.add(i.id);
  }
  return out;
}

/**
 * Refuses a program whose declarations understate what its derived indicators are computed
 * from (run inside a load's transaction, after everything is written, so it sees formulas,
 * indicators already in the database and record types together). Each problem names the
 * indicator, its declaration, the input and the input's sensitivity.
 */
export async function assertDerivedSensitivity(db: Kysely<Database>, programCode: string): Promise<void> {
  const catalog = await loadCatalog(db, programCode, []);
  const conflicts = sensitivityConflicts([...catalog.indicators.values()], await activeRollups(db, catalog));
  if (!conflicts.length) return;
  throw validationError(
    `${conflicts.length} indicator(s) declared less sensitive than what they are computed from; nothing was loaded`,
    conflicts.map((c) => ({ file: 'indicators.json', column: 'sensitivity', value: c.indicator, reason: c.reason })),
  );
}
