/**
 * A values CSV of any number of distinct, valid rows for a loaded program (the demo), for the
 * import-under-load benchmark and its tests: every reported indicator without disaggregation,
 * at every place, month after month from January 2000, with the indicator's first source.
 */
import type { Db } from '../src/db/database.js';

export const VALUES_CSV_HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';

/** `rows` data rows (plus the header) of program `program`, as one CSV text. */
export async function programValuesCsv(db: Db, program: string, rows: number): Promise<string> {
  const { id } = await db.selectFrom('program').select('id').where('code', '=', program).executeTakeFirstOrThrow();
  const indicators = await db
    .selectFrom('indicator as i')
    .leftJoin('indicator_source as s', 's.indicator_id', 'i.id')
    .leftJoin('source as src', 'src.id', 's.source_id')
    .select(['i.code', 'src.code as source'])
    .where('i.program_id', '=', id)
    .where('i.origin', '=', 'reported')
    .where('i.sensitivity', '=', 'public')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('indicator_dimension as d').select('d.indicator_id').whereRef('d.indicator_id', '=', 'i.id'))))
    .orderBy('i.code')
    .execute();
  const byCode = new Map<string, string>();
  for (const i of indicators) if (!byCode.has(i.code)) byCode.set(i.code, i.source ?? '');
  const codes = [...byCode.keys()];
  const places = (await db.selectFrom('place').select('code').where('program_id', '=', id).orderBy('code').execute()).map((p) => p.code);
  if (!codes.length || !places.length) throw new Error(`program ${program} has no plain reported indicator or no place`);
  const lines = [VALUES_CSV_HEADER];
  for (let k = 0; k < rows; k++) {
    const code = codes[k % codes.length]!;
    const place = places[Math.floor(k / codes.length) % places.length]!;
    const m = Math.floor(k / (codes.length * places.length));
    const period = `${2000 + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
    lines.push(`${code},${place},${period},,${byCode.get(code)},${(k % 997) + 0.5},sourced,,draft,`);
  }
  return `${lines.join('\n')}\n`;
}
