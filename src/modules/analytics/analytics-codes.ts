/**
 * Codes to ids, for the code-based entry points (HTTP and the CLI): the program and indicators
 * a query names, in one round trip, and its place. Each missing code is a not_found naming it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { findPlace, findProgramIndicators, type AnalyticsIndicator, type PlaceRef, type ProgramRef } from './analytics.repo.js';
import { assertOneSource } from './figure-source.js';

type Db = Kysely<Database>;

/** The program and the indicators asked for, in the order asked; not_found names what is missing. */
export async function requireIndicators(
  db: Db,
  programCode: string,
  codes: readonly string[],
): Promise<{ program: ProgramRef; indicators: AnalyticsIndicator[] }> {
  if (codes.length === 0) {
    throw validationError('name at least one indicator', [{ column: 'indicator', reason: 'no indicator given' }]);
  }
  const found = await findProgramIndicators(db, programCode, codes);
  if (!found) throw notFound(`no program with code "${programCode}"`);
  const byCode = new Map(found.indicators.map((i) => [i.code, i]));
  const missing = codes.filter((c) => !byCode.has(c));
  if (missing.length) throw notFound(`program ${programCode} has no indicator ${missing.map((c) => `"${c}"`).join(', ')}`);
  return { program: found.program, indicators: [...new Set(codes)].map((c) => byCode.get(c)!) };
}

/**
 * The one indicator a comparison or progress figure is about. One figure needs one source: an
 * indicator with several must be given one (the error lists them).
 */
export async function requireFigureIndicator(
  db: Db,
  programCode: string,
  code: string,
  source: string | undefined,
): Promise<{ program: ProgramRef; ind: AnalyticsIndicator }> {
  const { program, indicators } = await requireIndicators(db, programCode, [code]);
  const ind = indicators[0];
  if (!ind) throw notFound(`program ${programCode} has no indicator "${code}"`);
  assertOneSource(ind, source);
  return { program, ind };
}

/** The place a query names, if it names one. */
export async function resolvePlace(db: Db, program: ProgramRef, code: string | undefined): Promise<PlaceRef | undefined> {
  if (!code) return undefined;
  const place = await findPlace(db, program.id, code);
  if (!place) throw notFound(`program ${program.code} has no place "${code}"`);
  return place;
}
