import type { Db } from '../../db/database.js';

/** Number of programs; also proves the database answers. */
export async function countPrograms(db: Db): Promise<number> {
  const row = await db
    .selectFrom('program')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
