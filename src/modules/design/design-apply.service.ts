/**
 * The one path every design change over the API takes: its one-thing folder
 * (design-folder.builder.ts) checked by the folder validator against what the database holds,
 * then written by the load's structure writers in a transaction together with what the change
 * adds (retired flags, unlinked dimensions), the derived-sensitivity check every load ends
 * with, a new data version and the audit event.
 */
import type { Kysely } from 'kysely';
import { validationError, type IssueDetail } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { assertDerivedSensitivity } from '../catalog/indicator-sensitivity.service.js';
import { readExistingProgram } from '../programs/existing-program.repo.js';
import { checkProgramFolder } from '../programs/program-folder.validator.js';
import { writeProgramStructure } from '../programs/program-write.service.js';
import type { ProgramFolder } from '../programs/program-folder.types.js';
import { bumpDataVersion } from '../values/values.repo.js';

/** What the audit event says of a change. */
export interface DesignAudit {
  action: 'create' | 'update' | 'delete';
  entity: 'program' | 'framework_node' | 'source' | 'dimension' | 'dimension_option' | 'indicator';
  code: string;
  before?: unknown;
  after?: unknown;
}

/** The folder's problems as the API answers them: the field named, no file or row (there is none). */
export function designIssues(issues: readonly IssueDetail[]): IssueDetail[] {
  return issues.map(({ file: _file, row: _row, ...rest }) => rest);
}

/** Fails with the problems a folder's readers found in what was sent, before anything is looked up. */
export function assertReadable(folder: ProgramFolder): void {
  if (folder.issues.length) throw validationError(`${folder.issues.length} problem(s) in what was sent; nothing was changed`, designIssues(folder.issues));
}

/**
 * Checks `folder` exactly as a load of it would be checked, then writes it; `extra` runs in the
 * same transaction after the structure is written (given the program's id). Returns the program id.
 */
export async function applyDesignFolder(
  db: Kysely<Database>,
  actor: Actor,
  folder: ProgramFolder,
  audit: DesignAudit,
  extra?: (trx: Kysely<Database>, programId: number) => Promise<void>,
): Promise<number> {
  assertReadable(folder);
  const code = folder.program?.code ?? '';
  const check = await checkProgramFolder(folder, await readExistingProgram(db, code));
  if (check.issues.length) throw validationError(`${check.issues.length} problem(s) in the design change; nothing was changed`, designIssues(check.issues));
  return db.transaction().execute(async (trx) => {
    const { program_id } = await writeProgramStructure(trx, folder);
    await extra?.(trx, program_id);
    await assertDerivedSensitivity(trx, code);
    await bumpDataVersion(trx, program_id);
    await recordDesignAudit(trx, actor, program_id, audit);
    return program_id;
  });
}

/** The audit event of a design change, in the change's transaction. */
export async function recordDesignAudit(trx: Kysely<Database>, actor: Actor, programId: number, a: DesignAudit): Promise<void> {
  await recordAudit(trx, { userId: actor.userId, action: a.action, entity: a.entity, entityId: a.code, programId, before: a.before, after: a.after });
}
