import type { Db } from '../../db/database.js';
import type { Clearance } from '../../db/schema-accounts.js';

/** Sensitivity of each of the given indicator codes that exists in the program. */
export async function findIndicatorSensitivities(db: Db, program: string, codes: readonly string[]): Promise<Map<string, Clearance>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('program as p', 'p.id', 'i.program_id')
    .select(['i.code', 'i.sensitivity'])
    .where('p.code', '=', program)
    .where('i.code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.sensitivity]));
}
