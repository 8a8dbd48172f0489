/**
 * The one query of the quality report: the open (unacknowledged) flags on a program's values a
 * reader may see (values in its scope, flags of rules up to its clearance), of values within a span of dates, with the codes that name each value.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { readableSensitivities, visibleValuesWhere, type ValueScope } from '../access/visible-data.repo.js';

export interface OpenFlagFilter {
  /** Values whose whole period lies within these days (inclusive); absent: all. */
  start?: string | undefined;
  end?: string | undefined;
  /** Only values of this organisation (a partner's own); absent: every visible one. */
  organisationId?: number | undefined;
  /** Only flags of rules that read nothing above this clearance (the reader's). */
  ceiling: Clearance;
  limit: number;
}

/** Open flags in value time order, then indicator, place and rule. */
export async function openFlagsWithin(db: Kysely<Database>, programId: number, scope: ValueScope, f: OpenFlagFilter) {
  let q = db
    .selectFrom('value_flag as f')
    .innerJoin('data_value as v', 'v.id', 'f.value_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .selectAll('f')
    .select(['i.code as indicator', 'p.code as place', 'v.period'])
    .where('f.acknowledged_at', 'is', null)
    .where('i.program_id', '=', programId)
    .where('f.sensitivity', 'in', readableSensitivities(f.ceiling))
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }));
  if (f.start !== undefined) q = q.where('v.start_date', '>=', f.start);
  if (f.end !== undefined) q = q.where('v.end_date', '<=', f.end);
  if (f.organisationId !== undefined) q = q.where('v.organisation_id', '=', f.organisationId);
  return q.orderBy('v.start_date').orderBy('i.code').orderBy('p.code').orderBy('f.rule_code').orderBy('f.id').limit(f.limit).execute();
}
