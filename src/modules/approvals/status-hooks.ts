/**
 * Other kinds of data (records) that move with a submission register here how to move theirs,
 * so the workflow does not depend on every module. Each hook returns how many items it moved.
 */
import type { Kysely } from 'kysely';
import type { Database, ValueStatus } from '../../db/schema.js';

export interface StatusMove {
  programId: number;
  organisationId: number;
  start: string;
  end: string;
  from: ValueStatus[];
  to: ValueStatus;
}

export type StatusChangeHook = (trx: Kysely<Database>, move: StatusMove) => Promise<number>;

export const statusChangeHooks: StatusChangeHook[] = [];
