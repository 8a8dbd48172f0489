/** Table type of program membership (migration 20261204100000_program_members). */
import type { Generated, Selectable } from 'kysely';
import type { Role } from '../core/roles.js';
import type { Sensitivity } from '../core/sensitivity.js';

export interface ProgramMemberTable {
  id: Generated<number>;
  user_id: number;
  program_id: number;
  /** `admin` here is the program's administrator, not the system administrator. */
  role: Role;
  /** A partner's organisation (of this program); null for other roles. */
  organisation_id: number | null;
  /** null: the account's clearance; otherwise the lower of the two applies in this program. */
  clearance: Sensitivity | null;
  created_at: string;
}

export type ProgramMember = Selectable<ProgramMemberTable>;

export interface MemberTables {
  program_member: ProgramMemberTable;
}
