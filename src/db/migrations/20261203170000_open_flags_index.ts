/**
 * Issue 16, the quality report: its query lists the open (unacknowledged) flags of a program's
 * values. Without this index the planner walks every value of the program's indicators and
 * probes each for a flag (about 1.8 s at 1,000,000 values); with it, it reads the few open flags
 * first and fetches their values by key (bench/quality.bench.ts, `quality_p50_ms`).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('value_flag_open').on('value_flag').columns(['acknowledged_at', 'value_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('value_flag_open').ifExists().execute();
}
