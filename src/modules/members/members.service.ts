/**
 * Managing a program's members (the system administrator, or the program's administrator:
 * the route's `manage_program`, checked in the program). Each membership gives a role in this
 * program only; a partner's organisation must be one of this program's. Every change is audited
 * with the program.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, Role } from '../../db/schema-accounts.js';
import { conflict, notFound, validationError, type IssueDetail } from '../../core/errors.js';
import { ROLES } from '../../core/roles.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { findUserByEmail } from '../accounts/users.repo.js';
import {
  deleteMember,
  findMember,
  findProgramOrganisationId,
  insertMember,
  listMembers,
  updateMember,
  type MemberAccess,
  type MemberRow,
} from './members.repo.js';

export interface MemberInput {
  role: string;
  /** A partner's organisation code, of this program. */
  organisation?: string | null | undefined;
  /** null: the account's clearance; otherwise it applies when lower. */
  clearance?: string | null | undefined;
}

export async function programMembers(db: Kysely<Database>, programCode: string): Promise<MemberRow[]> {
  return listMembers(db, (await findProgram(db, programCode)).id);
}

/** Checks a membership's role, organisation (of `programId`) and clearance; names each bad field. */
async function accessOf(db: Kysely<Database>, programId: number, programCode: string, input: MemberInput, issues: IssueDetail[]): Promise<MemberAccess> {
  if (!ROLES.includes(input.role as Role)) issues.push({ column: 'role', value: input.role, reason: `must be one of ${ROLES.join(', ')}` });
  if (input.clearance != null && !SENSITIVITIES.includes(input.clearance as Clearance))
    issues.push({ column: 'clearance', value: input.clearance, reason: `must be one of ${SENSITIVITIES.join(', ')}` });
  let organisationId: number | null = null;
  if (input.role === 'partner') {
    if (!input.organisation) issues.push({ column: 'organisation', reason: 'a partner must belong to an organisation of the program' });
    else {
      organisationId = (await findProgramOrganisationId(db, programId, input.organisation)) ?? null;
      if (organisationId === null) issues.push({ column: 'organisation', value: input.organisation, reason: `not an organisation of program ${programCode}` });
    }
  } else if (input.organisation) {
    issues.push({ column: 'organisation', value: input.organisation, reason: 'only partners belong to an organisation' });
  }
  return { role: input.role as Role, organisation_id: organisationId, clearance: (input.clearance ?? null) as Clearance | null };
}

export async function addMember(db: Kysely<Database>, actor: Actor, programCode: string, input: MemberInput & { email: string }): Promise<MemberRow> {
  const program = await findProgram(db, programCode);
  const issues: IssueDetail[] = [];
  const user = await findUserByEmail(db, input.email.trim().toLowerCase());
  if (!user) issues.push({ column: 'email', value: input.email, reason: 'no user with this e-mail address' });
  const access = await accessOf(db, program.id, program.code, input, issues);
  if (issues.length || !user) throw validationError('the member cannot be added', issues);
  if (await findMember(db, program.id, user.id)) throw conflict(`${user.email} is a member of ${program.code} already`);
  return db.transaction().execute(async (trx) => {
    await insertMember(trx, program.id, user.id, access);
    const after = (await findMember(trx, program.id, user.id))!;
    await recordAudit(trx, { userId: actor.userId, action: 'create', entity: 'program_member', entityId: user.id, programId: program.id, after });
    return after;
  });
}

export async function changeMember(db: Kysely<Database>, actor: Actor, programCode: string, userId: number, input: MemberInput): Promise<MemberRow> {
  const program = await findProgram(db, programCode);
  const before = await findMember(db, program.id, userId);
  if (!before) throw notFound(`user ${userId} is not a member of ${program.code}`);
  const issues: IssueDetail[] = [];
  const access = await accessOf(db, program.id, program.code, input, issues);
  if (issues.length) throw validationError('the member cannot be changed', issues);
  return db.transaction().execute(async (trx) => {
    await updateMember(trx, program.id, userId, access);
    const after = (await findMember(trx, program.id, userId))!;
    await recordAudit(trx, { userId: actor.userId, action: 'change', entity: 'program_member', entityId: userId, programId: program.id, before, after });
    return after;
  });
}

export async function removeMember(db: Kysely<Database>, actor: Actor, programCode: string, userId: number): Promise<void> {
  const program = await findProgram(db, programCode);
  const before = await findMember(db, program.id, userId);
  if (!before) throw notFound(`user ${userId} is not a member of ${program.code}`);
  await db.transaction().execute(async (trx) => {
    await deleteMember(trx, program.id, userId);
    await recordAudit(trx, { userId: actor.userId, action: 'delete', entity: 'program_member', entityId: userId, programId: program.id, before });
  });
}
