/**
 * Managing a program's validation rules (officers and administrators, audited) and
 * acknowledging the warnings they raise on values (officers, with a comment, audited).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { ruleProblems, type QualityRule } from '../../core/quality-rules.js';
import type { Actor } from '../access/actor.js';
import { dataScope, requirePermission } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProgram, loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { valueScopeOf } from '../catalog/indicator-sensitivity.service.js';
import { ruleOf } from './program-rules.js';
import {
  acknowledgeFlagRow,
  listVisibleFlags,
  deleteProgramRuleRows,
  deleteRuleRow,
  findRuleRow,
  insertRuleRow,
  listRuleRows,
  updateRuleRow,
} from './quality-rules.repo.js';
import { flagReaderOf, flagView, type ValueFlagView } from './value-flags.js';
import { visibleFlag } from './visible-flag.service.js';

/** Refuses a rule that names an unknown indicator, source or option, or a malformed or circular relation. */
export function checkRule(catalog: Pick<Catalog, 'indicators'>, rule: QualityRule): void {
  const issues = ruleProblems(rule, catalog.indicators);
  if (issues.length) throw validationError(`rule ${rule.code}: ${issues.map((i) => `${i.column}: ${i.reason}`).join('; ')}`, issues);
}

const rowOf = (rule: QualityRule) => ({ code: rule.code, kind: rule.kind, severity: rule.severity, definition: JSON.stringify(rule) });

export async function listRules(db: Kysely<Database>, actor: Actor, programCode: string): Promise<QualityRule[]> {
  requirePermission(actor, 'read_data');
  const program = await findProgram(db, programCode);
  return (await listRuleRows(db, program.id)).map(ruleOf);
}

export async function createRule(db: Kysely<Database>, actor: Actor, programCode: string, rule: QualityRule): Promise<QualityRule> {
  requirePermission(actor, 'manage_framework');
  const catalog = await loadCatalog(db, programCode, []);
  checkRule(catalog, rule);
  return db.transaction().execute(async (trx) => {
    if (await findRuleRow(trx, catalog.program.id, rule.code))
      throw conflict(`a rule ${rule.code} exists already`, [{ column: 'code', value: rule.code, reason: 'duplicate code' }]);
    const row = await insertRuleRow(trx, catalog.program.id, rowOf(rule), new Date().toISOString());
    await recordAudit(trx, { userId: actor.userId, action: 'create', entity: 'quality_rule', entityId: row.id, programId: catalog.program.id, after: rule });
    return rule;
  });
}

export async function changeRule(db: Kysely<Database>, actor: Actor, programCode: string, code: string, rule: QualityRule): Promise<QualityRule> {
  requirePermission(actor, 'manage_framework');
  const catalog = await loadCatalog(db, programCode, []);
  checkRule(catalog, rule);
  return db.transaction().execute(async (trx) => {
    const current = await findRuleRow(trx, catalog.program.id, code);
    if (!current) throw notFound(`no rule ${code}`);
    if (rule.code !== code && (await findRuleRow(trx, catalog.program.id, rule.code)))
      throw conflict(`a rule ${rule.code} exists already`, [{ column: 'code', value: rule.code, reason: 'duplicate code' }]);
    await updateRuleRow(trx, current.id, rowOf(rule), new Date().toISOString());
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'quality_rule',
      entityId: current.id,
      programId: catalog.program.id,
      before: ruleOf(current),
      after: rule,
    });
    return rule;
  });
}

export async function deleteRule(db: Kysely<Database>, actor: Actor, programCode: string, code: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  await db.transaction().execute(async (trx) => {
    const current = await findRuleRow(trx, program.id, code);
    if (!current) throw notFound(`no rule ${code}`);
    await deleteRuleRow(trx, current.id);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'delete',
      entity: 'quality_rule',
      entityId: current.id,
      programId: program.id,
      before: ruleOf(current),
    });
  });
}

/**
 * Replaces a program's rules with a folder's, inside the load's transaction (before its values
 * are written, so they are checked against them); rules are checked by the folder validator.
 */
export async function replaceProgramRules(trx: Kysely<Database>, programId: number, rules: readonly QualityRule[]): Promise<void> {
  await deleteProgramRuleRows(trx, programId);
  const at = new Date().toISOString();
  for (const rule of rules) await insertRuleRow(trx, programId, rowOf(rule), at);
}

/** An officer acknowledges a warning on a value, saying why the value stands; audited. */
export async function acknowledgeFlag(db: Kysely<Database>, actor: Actor, id: number, comment: string): Promise<ValueFlagView> {
  requirePermission(actor, 'approve');
  return db.transaction().execute(async (trx) => {
    const flag = await visibleFlag(trx, actor, id);
    if (flag.acknowledged_at !== null) throw conflict(`flag ${id} was acknowledged already`);
    const after = await acknowledgeFlagRow(trx, id, actor.userId, comment, new Date().toISOString());
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'acknowledge',
      entity: 'value_flag',
      entityId: id,
      programId: flag.program_id,
      before: flagView(flag),
      after: flagView(after),
    });
    return flagView(after);
  });
}

/** Most flags one listing returns. */
export const FLAGS_LIMIT = 5_000;

/**
 * The warnings on the values a reader may see (a partner: its own organisation's), for the data
 * quality views: each with its value's indicator, place, period, disaggregation and source.
 */
export async function listValueFlags(db: Kysely<Database>, actor: Actor, programCode: string, q: { period?: string | undefined; open?: boolean | undefined }) {
  requirePermission(actor, 'read_data');
  const program = await findProgram(db, programCode);
  const reader = flagReaderOf(actor);
  const rows = await listVisibleFlags(db, program.id, await valueScopeOf(db, program.id, dataScope(actor)), {
    ...q,
    limit: FLAGS_LIMIT + 1,
    ceiling: reader.ceiling,
  });
  return {
    flags: rows.slice(0, FLAGS_LIMIT).map((r) => ({
      ...flagView(r, reader.reveal),
      indicator: r.indicator,
      place: r.place,
      period: r.period,
      disagg: r.disagg,
      source: r.source,
      status: r.status,
    })),
    truncated: rows.length > FLAGS_LIMIT,
  };
}
