/** Reading the framework's indicators (as far as the reader's clearance goes) and setting targets. */
import type { Kysely } from 'kysely';
import type { Database, TargetKind } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { disaggKey, parseDisagg } from '../../core/disagg.js';
import { periodWriteProblem, tryParsePeriod } from '../../core/periods.js';
import { isLopSpan, parseLopSpan } from '../../core/lop-span.js';
import { checkNumber } from '../../core/finite-number.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { findTarget, listTargets, upsertTarget } from './indicators.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';

/**
 * The indicators the actor may read, by their effective sensitivity (a formula or roll-up
 * indicator is as sensitive as what it is computed from), with their targets (as sensitive as
 * their indicator). A readable formula therefore names only readable indicators.
 */
export async function visibleIndicators(db: Kysely<Database>, actor: Actor, programCode: string) {
  const catalog = await loadCatalog(db, programCode, []);
  const sensitivities = await indicatorSensitivities(db, catalog);
  const ceiling = dataScope(actor).maxSensitivity;
  const indicators = [...catalog.indicators.values()].filter((i) => mayReadIndicator(sensitivities, i.code, ceiling));
  const targets = await listTargets(
    db,
    indicators.map((i) => i.id),
  );
  return indicators.map((i) => ({
    code: i.code,
    name_en: i.name_en,
    name_es: i.name_es,
    unit: i.unit,
    direction: i.direction,
    agg_time: i.agg_time,
    agg_place: i.agg_place,
    // What the indicator is treated as, which its declaration may understate.
    sensitivity: sensitivities.get(i.code) ?? i.sensitivity,
    origin: i.origin,
    formula: i.formula,
    decimals: i.decimals,
    sources: i.sources,
    dimensions: Object.fromEntries([...i.dimensions].map(([d, opts]) => [d, [...opts]])),
    targets: targets.filter((t) => t.indicator_id === i.id).map(({ indicator_id: _, id: __, ...t }) => t),
  }));
}

export interface TargetInput {
  place: string;
  period: string;
  kind: TargetKind;
  value: number;
  source?: string | undefined;
  disagg?: string | undefined;
  provenance?: 'sourced' | 'derived' | 'illustrative' | undefined;
  note?: string | null | undefined;
}

/** The period a target is for: a period id, or for a life-of-program target its span (core/lop-span.ts); a validation error naming `period` otherwise. */
function targetPeriod(input: TargetInput): { id: string; start: string; end: string } {
  if (input.kind === 'lop_target') {
    const span = parseLopSpan(input.period);
    if (!isLopSpan(span)) throw validationError(`period: ${span.reason}`, [{ column: 'period', value: input.period, reason: span.reason }]);
    return span;
  }
  const period = tryParsePeriod(input.period);
  if (!period) {
    const reason = 'not a period: use 2012, 2012Q3, 201207, 20120315 or a fiscal year such as 2012Oct';
    throw validationError(`period: ${reason}`, [{ column: 'period', value: input.period, reason }]);
  }
  const outside = periodWriteProblem(period);
  if (outside) throw validationError(outside, [{ column: 'period', value: input.period, reason: outside }]);
  return period;
}

/** Sets a baseline, target or life-of-program target (program officers); audited with before and after. */
export async function setTarget(db: Kysely<Database>, actor: Actor, programCode: string, indicatorCode: string, input: TargetInput) {
  const catalog = await loadCatalog(db, programCode);
  const indicator = catalog.indicators.get(indicatorCode);
  // A target is as sensitive as its indicator: one the actor may not read does not exist for them.
  if (!indicator || !mayReadIndicator(await indicatorSensitivities(db, catalog), indicator.code, dataScope(actor).maxSensitivity))
    throw notFound(`no indicator "${indicatorCode}"`);
  const place = catalog.places.get(input.place);
  if (!place) throw notFound(`no place "${input.place}"`);
  const period = targetPeriod(input);
  const checked = checkNumber(input.value);
  if ('reason' in checked) throw validationError(`value: ${checked.reason}`, [{ column: 'value', value: input.value, reason: checked.reason }]);
  if (checked.ok < 0 && !indicator.allow_negative) {
    const reason = `must not be negative: ${indicator.code} does not allow negative values (allow_negative) (no puede ser negativo)`;
    throw validationError(`value: ${reason}`, [{ column: 'value', value: input.value, reason }]);
  }
  const source = input.source ?? '';
  if (source && !indicator.sources.includes(source))
    throw validationError(`not a source of ${indicator.code}`, [{ column: 'source', value: source, reason: 'unknown source' }]);
  const row = {
    indicator_id: indicator.id,
    place_id: place.id,
    period: period.id,
    start_date: period.start,
    end_date: period.end,
    source,
    disagg: disaggKey(parseDisagg(input.disagg ?? '')),
    kind: input.kind,
    value: checked.ok,
    provenance: input.provenance ?? 'sourced',
    note: input.note ?? null,
  };
  return db.transaction().execute(async (trx) => {
    const before = await findTarget(trx, row);
    const after = await upsertTarget(trx, row);
    await recordAudit(trx, {
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'target',
      entityId: after.id,
      programId: catalog.program.id,
      before,
      after,
    });
    return after;
  });
}
