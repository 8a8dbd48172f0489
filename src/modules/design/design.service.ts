/**
 * A program's design changed over the API, one thing at a time: a new program, a goal or
 * component, a source, a dimension with its options, an indicator. Each goes through
 * applyDesignFolder (checked as a folder load checks it, written by the load's writers,
 * audited). Nothing loses data: options, dimensions, goals, components and indicators are
 * retired (`retired: true`), and an indicator's dimension or source that values use cannot be
 * dropped from it.
 */
import type { Kysely } from 'kysely';
import { conflict, notFound, validationError, type IssueDetail } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { dataScope, requirePermission } from '../access/policy.js';
import { findProgram, loadCatalog } from '../catalog/catalog.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import { applyDesignFolder, assertReadable, recordDesignAudit } from './design-apply.service.js';
import { dimensionFolder, frameworkFolder, indicatorFolder, programFileOf, programFolder, sourceFolder } from './design-folder.builder.js';
import * as repo from './design.repo.js';

type Body = Record<string, unknown>;

/** `retired` as sent: true, false, or absent (left as it is). */
function retiredOf(body: Body, column = 'retired'): boolean | undefined {
  const r = body.retired;
  if (r === undefined) return undefined;
  if (typeof r !== 'boolean') throw validationError(`${column}: true or false`, [{ column, value: r, reason: 'must be true or false' }]);
  return r;
}

/** The body without `retired` (not a field of the folder's files), its code the path's. */
function withCode(body: Body, code: string): Body {
  const { retired: _retired, ...rest } = body;
  if (rest.code !== undefined && rest.code !== code) {
    throw validationError(`code: the code is the path's (${code})`, [{ column: 'code', value: rest.code, reason: `must be ${code}, the code in the path` }]);
  }
  return { ...rest, code };
}

/** Creates a program from nothing (program.json's fields); a code in use is a conflict. */
export async function createProgram(db: Kysely<Database>, actor: Actor, body: unknown) {
  requirePermission(actor, 'manage_program');
  const folder = programFolder(body);
  assertReadable(folder);
  const code = folder.program?.code ?? '';
  if (await db.selectFrom('program').select('id').where('code', '=', code).executeTakeFirst()) {
    throw conflict(`a program ${code} exists already`, [{ column: 'code', value: code, reason: 'duplicate code' }]);
  }
  await applyDesignFolder(db, actor, folder, { action: 'create', entity: 'program', code, after: folder.program });
  return programFileOf(await findProgram(db, code));
}

/** Adds or changes a goal or component (framework.csv's columns); `sort` places it, `retired` retires it. */
export async function putFrameworkNode(db: Kysely<Database>, actor: Actor, programCode: string, code: string, raw: Body): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const body = withCode(raw, code);
  const retired = retiredOf(raw);
  const { sort: sortSent, ...columns } = body;
  if (sortSent !== undefined && (!Number.isInteger(sortSent) || (sortSent as number) < 0)) {
    throw validationError('sort: a whole number from 0', [{ column: 'sort', value: sortSent, reason: 'must be a whole number from 0' }]);
  }
  const old = await repo.findFrameworkNode(db, program.id, code);
  const sort = (sortSent as number | undefined) ?? old?.sort ?? (await repo.nextSort(db, 'framework_node', program.id));
  const folder = frameworkFolder(programFileOf(program), columns, sort);
  assertReadable(folder);
  const node = folder.framework[0];
  if (old && node && node.kind !== old.kind) {
    const children = await repo.childrenOfNode(db, old.id);
    const uses = [...children.components, ...children.indicators];
    if (uses.length)
      throw conflict(`${code} is a ${old.kind} with ${uses.join(', ')} under it: its kind cannot change`, [
        { column: 'kind', value: node.kind, reason: `used by ${uses.join(', ')}` },
      ]);
  }
  await applyDesignFolder(
    db,
    actor,
    folder,
    { action: old ? 'update' : 'create', entity: 'framework_node', code, before: old, after: { ...node, retired } },
    async (trx, programId) => {
      const saved = await repo.findFrameworkNode(trx, programId, code);
      if (saved && retired !== undefined) await repo.setRetired(trx, 'framework_node', saved.id, retired);
    },
  );
}

/** Puts goals and components in this display order (codes not listed keep theirs). */
export async function orderFramework(db: Kysely<Database>, actor: Actor, programCode: string, codes: readonly string[]): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const issues: IssueDetail[] = [];
  for (const [i, code] of codes.entries()) {
    if (!(await repo.findFrameworkNode(db, program.id, code))) issues.push({ column: `codes[${i}]`, value: code, reason: 'unknown framework code' });
  }
  if (issues.length) throw validationError(`${issues.length} unknown framework code(s)`, issues);
  await db.transaction().execute(async (trx) => {
    await repo.setFrameworkOrder(trx, program.id, codes);
    await recordDesignAudit(trx, actor, program.id, { action: 'update', entity: 'framework_node', code: '*', after: { order: codes } });
  });
}

/** Adds or changes a source (sources.csv's columns). */
export async function putSource(db: Kysely<Database>, actor: Actor, programCode: string, code: string, raw: Body): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const folder = sourceFolder(programFileOf(program), withCode(raw, code));
  const old = await repo.findSource(db, program.id, code);
  await applyDesignFolder(db, actor, folder, { action: old ? 'update' : 'create', entity: 'source', code, before: old, after: folder.sources[0] });
}

/**
 * Adds or changes a dimension (an item of dimensions.json). Options sent are added or renamed;
 * options left out are kept (never deleted here); an option or the dimension with `retired`
 * is retired or brought back. At least one option must stay in use unless the dimension is retired.
 */
export async function putDimension(db: Kysely<Database>, actor: Actor, programCode: string, code: string, raw: Body): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const retired = retiredOf(raw);
  const body = withCode(raw, code);
  const sentOptions = Array.isArray(body.options) ? (body.options as unknown[]) : null;
  const optionRetired = new Map<string, boolean>();
  const options = sentOptions?.map((o, i) => {
    if (typeof o !== 'object' || o === null) return o;
    const { retired: r, ...rest } = o as Body;
    if (r !== undefined) optionRetired.set(String(rest.code), retiredOf({ retired: r }, `options[${i}].retired`) ?? false);
    return rest;
  });
  const folder = dimensionFolder(programFileOf(program), { ...body, ...(options ? { options } : {}) });
  assertReadable(folder);
  const old = await repo.findDimension(db, program.id, code);
  const oldOptions = old ? await repo.listOptions(db, old.id) : [];
  const active = new Set(oldOptions.filter((o) => !o.retired).map((o) => o.code));
  for (const o of folder.dimensions?.items[0]?.data.options ?? []) if (!oldOptions.some((x) => x.code === o.code)) active.add(o.code);
  for (const [opt, r] of optionRetired) {
    if (r) active.delete(opt);
    else active.add(opt);
  }
  if (active.size === 0 && !(retired ?? old?.retired)) {
    const last = [...optionRetired.keys()].pop() ?? '';
    throw validationError(`${code} would have no option left for new data: keep one, or retire the dimension`, [
      {
        column: `options[${(sentOptions ?? []).findIndex((o) => (o as Body | null)?.code === last)}].retired`,
        value: last,
        reason: 'the last option in use of a dimension cannot be retired',
      },
    ]);
  }
  await applyDesignFolder(
    db,
    actor,
    folder,
    {
      action: old ? 'update' : 'create',
      entity: 'dimension',
      code,
      before: old && { ...old, options: oldOptions },
      after: { ...body, options: sentOptions, retired },
    },
    async (trx, programId) => {
      const saved = await repo.findDimension(trx, programId, code);
      if (!saved) return;
      if (retired !== undefined) await repo.setRetired(trx, 'dimension', saved.id, retired);
      for (const o of await repo.listOptions(trx, saved.id)) {
        const r = optionRetired.get(o.code);
        if (r !== undefined) await repo.setOptionRetired(trx, o.id, r);
      }
    },
  );
}

/**
 * Adds or changes an indicator (every field of an item of indicators.json, plus `retired`).
 * A dimension or source dropped from the list is unlinked only when none of the indicator's
 * values or targets use it (409 naming them otherwise); a dimension added leaves the values as
 * they are (not split by it). An indicator the caller may not read is answered as missing.
 */
export async function putIndicator(db: Kysely<Database>, actor: Actor, programCode: string, code: string, raw: Body): Promise<void> {
  requirePermission(actor, 'manage_framework');
  const program = await findProgram(db, programCode);
  const retired = retiredOf(raw);
  const old = await repo.findIndicatorRow(db, program.id, code);
  const sort = old?.sort ?? (await repo.nextSort(db, 'indicator', program.id));
  const folder = indicatorFolder(programFileOf(program), withCode(raw, code), sort);
  assertReadable(folder);
  const entry = folder.indicators?.items[0]?.data;
  const catalog = await loadCatalog(db, program.code, []);
  const info = catalog.indicators.get(code);
  if (info && !mayReadIndicator(await indicatorSensitivities(db, catalog), code, dataScope(actor).maxSensitivity)) {
    throw notFound(`program ${program.code} has no indicator "${code}"`);
  }
  const dropped = {
    dimensions: [...(info?.dimensions.keys() ?? [])].filter((d) => !entry?.dimensions.includes(d)),
    sources: (info?.sources ?? []).filter((s) => !entry?.sources.includes(s)),
  };
  if (info) {
    const issues: IssueDetail[] = [];
    for (const d of dropped.dimensions) {
      const uses = await repo.usesOfDimension(db, program.id, d, info.id);
      const n = [...uses.values, ...uses.targets].reduce((a, u) => a + u.n, 0);
      if (n) issues.push({ column: 'dimensions', value: d, reason: `${n} value(s) or target(s) of ${code} are split by ${d}: it cannot be dropped` });
    }
    for (const s of dropped.sources) {
      const uses = await repo.usesOfSource(db, program.id, s, info.id);
      const n = [...uses.values, ...uses.targets].reduce((a, u) => a + u.n, 0);
      if (n) issues.push({ column: 'sources', value: s, reason: `${n} value(s) or target(s) of ${code} are of source ${s}: it cannot be dropped` });
    }
    if (issues.length) throw conflict(issues.map((i) => i.reason).join('; '), issues);
  }
  const before = info && { ...old, sources: info.sources, dimensions: [...info.dimensions.keys()] };
  await applyDesignFolder(
    db,
    actor,
    folder,
    { action: old ? 'update' : 'create', entity: 'indicator', code, before, after: { ...entry, retired } },
    async (trx, programId) => {
      const saved = await repo.findIndicatorRow(trx, programId, code);
      if (!saved) return;
      if (retired !== undefined) await repo.setRetired(trx, 'indicator', saved.id, retired);
      for (const d of dropped.dimensions) {
        const dim = await repo.findDimension(trx, programId, d);
        if (dim) await repo.unlinkDimension(trx, saved.id, dim.id);
      }
      for (const s of dropped.sources) {
        const source = await repo.findSource(trx, programId, s);
        if (source) await repo.unlinkSource(trx, saved.id, source.id);
      }
    },
  );
}
