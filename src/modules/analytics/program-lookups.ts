/**
 * The program a resolved query is about, and the few catalog look-ups a query may still need
 * (the indicators a formula names, the top-level places). A caller that holds the program's
 * catalog (a report) passes them in and nothing is read again; otherwise they are read here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findIndicators, findRootPlaces, type AnalyticsIndicator, type PlaceRef, type ProgramRef } from './analytics.repo.js';

type Db = Kysely<Database>;

export interface AnalyticsProgram extends ProgramRef {
  /** The program's indicators by code, when the caller holds them; read as needed otherwise. */
  indicators?: ReadonlyMap<string, AnalyticsIndicator> | undefined;
  /** The program's top-level places ordered by code, when the caller holds them. */
  roots?: readonly PlaceRef[] | undefined;
}

/** The program's indicators with these codes (missing codes are simply absent). */
export async function programIndicators(db: Db, program: AnalyticsProgram, codes: readonly string[]): Promise<AnalyticsIndicator[]> {
  const held = program.indicators;
  if (!held) return findIndicators(db, program.id, codes);
  return codes.flatMap((c) => held.get(c) ?? []);
}

/** The program's top-level places (normally the one country), ordered by code. */
export async function rootPlaces(db: Db, program: AnalyticsProgram): Promise<readonly PlaceRef[]> {
  return program.roots ?? findRootPlaces(db, program.id);
}
