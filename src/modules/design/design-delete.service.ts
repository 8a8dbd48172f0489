/**
 * Deleting a thing of a program's design, only when nothing uses it: an option or dimension
 * that values or targets hold, a dimension or source an indicator declares, a goal with
 * components, a component with indicators, an indicator with values, targets or formulas that
 * read it — each refused with a 409 naming what uses it (retire it instead). Audited.
 */
import type { Kysely } from 'kysely';
import { conflict, notFound } from '../../core/errors.js';
import { formulaRefs, parseFormula } from '../../core/formula.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { dataScope, requirePermission } from '../access/policy.js';
import { findProgram, loadCatalog } from '../catalog/catalog.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { recordDesignAudit, type DesignAudit } from './design-apply.service.js';
import * as repo from './design.repo.js';

type Uses = Awaited<ReturnType<typeof repo.usesOfOption>>;

/** "12 values of A, 1 target of B", or '' when none. */
function describeUses(uses: Uses): string {
  const part = (list: Uses['values'], what: string) => list.map((u) => `${u.n} ${what}${u.n === 1 ? '' : 's'} of ${u.indicator}`);
  return [...part(uses.values, 'value'), ...part(uses.targets, 'target')].join(', ');
}

function refuse(what: string, usedBy: string, field: string, value: string): never {
  throw conflict(`${what} is in use (${usedBy}): it cannot be deleted; retire it instead`, [{ column: field, value, reason: `used by ${usedBy}` }]);
}

async function remove(db: Kysely<Database>, actor: Actor, programId: number, audit: DesignAudit, del: (trx: Kysely<Database>) => Promise<void>) {
  await db.transaction().execute(async (trx) => {
    await del(trx);
    await bumpDataVersion(trx, programId);
    await recordDesignAudit(trx, actor, programId, audit);
  });
}

export async function deleteOption(db: Kysely<Database>, actor: Actor, programCode: string, dimension: string, option: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const dim = await repo.findDimension(db, program.id, dimension);
  const opt = dim && (await repo.listOptions(db, dim.id)).find((o) => o.code === option);
  if (!dim || !opt) throw notFound(`program ${program.code} has no option "${option}" of dimension "${dimension}"`);
  const used = describeUses(await repo.usesOfOption(db, program.id, dimension, option));
  if (used) refuse(`option ${option} of ${dimension}`, used, 'option', option);
  await remove(db, actor, program.id, { action: 'delete', entity: 'dimension_option', code: `${dimension}=${option}`, before: opt }, (trx) =>
    repo.deleteOption(trx, opt.id),
  );
}

export async function deleteDimension(db: Kysely<Database>, actor: Actor, programCode: string, dimension: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const dim = await repo.findDimension(db, program.id, dimension);
  if (!dim) throw notFound(`program ${program.code} has no dimension "${dimension}"`);
  const indicators = await repo.indicatorsLinkedTo(db, 'indicator_dimension', dim.id);
  const used = [indicators.length ? `indicators ${indicators.join(', ')}` : '', describeUses(await repo.usesOfDimension(db, program.id, dimension))]
    .filter(Boolean)
    .join('; ');
  if (used) refuse(`dimension ${dimension}`, used, 'dimension', dimension);
  const options = await repo.listOptions(db, dim.id);
  await remove(db, actor, program.id, { action: 'delete', entity: 'dimension', code: dimension, before: { ...dim, options } }, (trx) =>
    repo.deleteDimension(trx, dim.id),
  );
}

export async function deleteSource(db: Kysely<Database>, actor: Actor, programCode: string, source: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const row = await repo.findSource(db, program.id, source);
  if (!row) throw notFound(`program ${program.code} has no source "${source}"`);
  const indicators = await repo.indicatorsLinkedTo(db, 'indicator_source', row.id);
  const used = [indicators.length ? `indicators ${indicators.join(', ')}` : '', describeUses(await repo.usesOfSource(db, program.id, source))]
    .filter(Boolean)
    .join('; ');
  if (used) refuse(`source ${source}`, used, 'source', source);
  await remove(db, actor, program.id, { action: 'delete', entity: 'source', code: source, before: row }, (trx) => repo.deleteSource(trx, row.id));
}

export async function deleteFrameworkNode(db: Kysely<Database>, actor: Actor, programCode: string, code: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const node = await repo.findFrameworkNode(db, program.id, code);
  if (!node) throw notFound(`program ${program.code} has no goal or component "${code}"`);
  const { indicators, components } = await repo.childrenOfNode(db, node.id);
  const used = [components.length ? `components ${components.join(', ')}` : '', indicators.length ? `indicators ${indicators.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  if (used) refuse(`${node.kind} ${code}`, used, 'code', code);
  await remove(db, actor, program.id, { action: 'delete', entity: 'framework_node', code, before: node }, (trx) => repo.deleteFrameworkNode(trx, node.id));
}

/** An indicator the caller may not read is answered as missing. */
export async function deleteIndicator(db: Kysely<Database>, actor: Actor, programCode: string, code: string): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const catalog = await loadCatalog(db, programCode, []);
  const info = catalog.indicators.get(code);
  if (!info || !mayReadIndicator(await indicatorSensitivities(db, catalog), code, dataScope(actor).maxSensitivity)) {
    throw notFound(`program ${catalog.program.code} has no indicator "${code}"`);
  }
  const data = await repo.dataOfIndicator(db, info.id);
  const formulas = [...catalog.indicators.values()]
    .filter((i) => i.code !== code && i.formula && formulaRefs(parseFormula(i.formula)).some((r) => r.indicator === code))
    .map((i) => i.code);
  const used = [
    data.values ? `${data.values} value${data.values === 1 ? '' : 's'}` : '',
    data.targets ? `${data.targets} target${data.targets === 1 ? '' : 's'}` : '',
    formulas.length ? `the formulas of ${formulas.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (used) refuse(`indicator ${code}`, used, 'indicator', code);
  const { sources, dimensions, ...row } = info;
  await remove(
    db,
    actor,
    catalog.program.id,
    { action: 'delete', entity: 'indicator', code, before: { ...row, sources, dimensions: [...dimensions.keys()] } },
    (trx) => repo.deleteIndicator(trx, info.id),
  );
}
