/** The record of due-date reminders sent: a reminder's key is claimed once, by whichever process gets there first. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Claims the reminder's key; true when this call claimed it, false when it was sent before. */
export async function claimReminder(
  trx: Kysely<Database>,
  r: { kind: 'due_soon' | 'overdue'; programId: number; organisationId: number; period: string; at: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('reminder_sent')
    .values({ kind: r.kind, program_id: r.programId, organisation_id: r.organisationId, period: r.period, sent_at: r.at })
    .onConflict((oc) => oc.columns(['kind', 'program_id', 'organisation_id', 'period']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
