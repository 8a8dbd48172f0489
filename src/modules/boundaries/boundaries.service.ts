/**
 * Place boundaries: checked against the program's places (every feature names one, once), then
 * stored all or nothing, replacing the boundaries of the places named. They come from a
 * program folder's `boundaries.geojson` (inside the loader's transaction) or from the PUT route
 * (administrators, audited); the map reads those of one place level.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { z } from '@hono/zod-openapi';
import { validationError, type IssueDetail } from '../../core/errors.js';
import type { Database, Place } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProgram, loadCatalog } from '../catalog/catalog.repo.js';
import { formatJsonPath, jsonLocator, type JsonPath } from '../../files/json-file.reader.js';
import { boundariesOf, listLevelBoundaries, saveBoundaryRows, type BoundaryWrite } from './boundaries.repo.js';
import { BoundaryCollectionSchema, type BoundaryCollection, type BoundaryGeometry, type PlaceBoundaries } from './boundaries.schema.js';

/** The optional file of a program folder. */
export const BOUNDARIES_FILE = 'boundaries.geojson';

/** Where a problem is: the feature's path, and (for a file) the line it starts on. */
type Locate = (path: JsonPath) => Pick<IssueDetail, 'file' | 'row' | 'column'>;

/**
 * Matches each feature to a place of the program: an unknown code or a place named twice is one
 * problem each, naming the feature. Returns what to store.
 */
export function matchBoundaries(places: ReadonlyMap<string, Place>, collection: BoundaryCollection, locate: Locate, issues: IssueDetail[]): BoundaryWrite[] {
  const first = new Map<string, number>();
  const rows: BoundaryWrite[] = [];
  collection.features.forEach((f, index) => {
    const code = f.properties.code;
    const where = locate(['features', index, 'properties', 'code']);
    const place = places.get(code);
    const earlier = first.get(code);
    if (!place) issues.push({ ...where, value: code, reason: `feature ${index}: no place "${code}" in this program` });
    else if (earlier !== undefined)
      issues.push({ ...where, value: code, reason: `feature ${index}: place ${code} already has a boundary in feature ${earlier}` });
    else rows.push({ placeId: place.id, geojson: JSON.stringify(f.geometry) });
    if (earlier === undefined) first.set(code, index);
  });
  return rows;
}

/** Zod problems of a boundaries file, located by feature and line (values only when short). */
function zodIssues(error: z.ZodError, locate: Locate): IssueDetail[] {
  return error.issues.map((issue) => {
    const feature = issue.path[0] === 'features' && typeof issue.path[1] === 'number' ? `feature ${issue.path[1]}: ` : '';
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const value = issue.input;
    return {
      ...locate(issue.path),
      ...(value === null || typeof value !== 'object' ? { value } : {}),
      reason: `${feature}${missing ? 'required field is missing' : issue.message}`,
    };
  });
}

/**
 * Loads `boundaries.geojson` of the folder at `dir`, if there is one, into the program inside
 * the caller's transaction (after the places are written). Every problem is listed with the
 * file, the line, the feature and the reason; then nothing is stored. Returns how many
 * boundaries were inserted, updated and unchanged, or null when the folder has no such file.
 */
export async function loadBoundariesFile(trx: Kysely<Database>, programCode: string, dir: string) {
  let text: string;
  try {
    text = await readFile(join(dir, BOUNDARIES_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const file = BOUNDARIES_FILE;
  const fail = (issues: IssueDetail[]) => validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail([{ file, reason: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const lines = jsonLocator(text);
  const locate: Locate = (path) => ({ file, row: lines.line(path), column: formatJsonPath(path) });
  const parsed = BoundaryCollectionSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw fail(zodIssues(parsed.error, locate));
  const catalog = await loadCatalog(trx, programCode);
  const issues: IssueDetail[] = [];
  const rows = matchBoundaries(catalog.places, parsed.data, locate, issues);
  if (issues.length) throw fail(issues);
  return saveBoundaryRows(trx, rows, new Date().toISOString());
}

/**
 * Replaces the boundaries of the places the collection names (administrators); all or nothing,
 * audited with the codes of the places whose boundary was set and of those that had one.
 */
export async function putBoundaries(db: Kysely<Database>, programCode: string, collection: BoundaryCollection, actorId: number | null) {
  const codes = [...new Set(collection.features.map((f) => f.properties.code))];
  const catalog = await loadCatalog(db, programCode, codes);
  const issues: IssueDetail[] = [];
  const rows = matchBoundaries(catalog.places, collection, (path) => ({ column: formatJsonPath(path) }), issues);
  if (issues.length) throw validationError(`${issues.length} problem(s) in the boundaries; nothing was saved`, issues);
  return db.transaction().execute(async (trx) => {
    const had = await boundariesOf(
      trx,
      rows.map((r) => r.placeId),
    );
    const counts = await saveBoundaryRows(trx, rows, new Date().toISOString());
    const codeOf = (id: number) => catalog.placesById.get(id)?.code ?? String(id);
    await recordAudit(trx, {
      userId: actorId,
      action: 'update',
      entity: 'place_boundary',
      programId: catalog.program.id,
      before: { places: [...had.keys()].map(codeOf).sort() },
      after: { places: rows.map((r) => codeOf(r.placeId)).sort() },
    });
    return counts;
  });
}

/** The boundaries of the program's places of one level, as a FeatureCollection. */
export async function getBoundaries(db: Kysely<Database>, programCode: string, level: number): Promise<PlaceBoundaries> {
  const program = await findProgram(db, programCode);
  const rows = await listLevelBoundaries(db, program.id, level);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature' as const, properties: { code: r.code, name: r.name }, geometry: JSON.parse(r.geojson) as BoundaryGeometry })),
  };
}
