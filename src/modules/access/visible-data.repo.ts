/**
 * Which rows of data values and records an actor may see, decided once. `dataScope(actor)`
 * (policy.ts) says what a role sees; this file turns that scope into the query condition every
 * read of values and records applies (value lists, submissions and their values, record lists
 * and details, exports, reports) and into the same test for one row already read (the existence
 * checks of writes, so that a hidden row answers exactly as a missing one). Nothing else filters
 * by status or organisation for visibility.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Clearance } from '../../db/schema-accounts.js';
import { SENSITIVITIES, withinClearance } from '../../core/sensitivity.js';
import type { DataScope } from './policy.js';

/** The part of a data scope that picks rows by status and organisation. */
export type RowScope = Pick<DataScope, 'approvedOnly' | 'ownOrganisationId'>;

/** Every row (program staff, and the system itself: loads, the CLI). */
export const ALL_ROWS: RowScope = { approvedOnly: false, ownOrganisationId: null };

/** Approved rows only, whoever asks (published output, or a reader asking for approved data). */
export const APPROVED_ROWS: RowScope = { approvedOnly: true, ownOrganisationId: null };

/** True when a reader with `scope` may see a stored value or record at `status` of `organisation_id`. */
export function seesRow(scope: RowScope, row: { status: string; organisation_id: number | null }): boolean {
  if (!scope.approvedOnly || row.status === 'approved') return true;
  return scope.ownOrganisationId !== null && row.organisation_id === scope.ownOrganisationId;
}

/**
 * The condition `seesRow` as SQL over a query's columns (`status` and `organisation`: column
 * references such as `v.status`, `v.organisation_id`), for `.where(...)` of any query.
 */
export function visibleRowsWhere(scope: RowScope, columns: { status: string; organisation: string }): Expression<SqlBool> {
  const status = sql.ref(columns.status);
  if (!scope.approvedOnly) return sql<SqlBool>`1 = 1`;
  if (scope.ownOrganisationId === null) return sql<SqlBool>`${status} = ${'approved'}`;
  return sql<SqlBool>`(${status} = ${'approved'} or ${sql.ref(columns.organisation)} = ${scope.ownOrganisationId})`;
}

/** The sensitivities of indicators (and record fields) a reader cleared up to `ceiling` sees. */
export function readableSensitivities(ceiling: Clearance): Clearance[] {
  return SENSITIVITIES.filter((s) => withinClearance(s, ceiling));
}

/**
 * What a reader may see of value rows: the row scope, and the indicators it may read. The ids
 * come from the indicators' effective sensitivity (indicator-sensitivity.service.ts: a formula
 * or roll-up is as sensitive as what it is computed from), never from the declared column.
 */
export interface ValueScope extends RowScope {
  indicatorIds: readonly number[];
}

/**
 * The condition for value rows: visible by status and organisation, and of an indicator the
 * reader may read (`indicator`: the value's indicator id column, e.g. `v.indicator_id`).
 */
export function visibleValuesWhere(scope: ValueScope, columns: { status: string; organisation: string; indicator: string }): Expression<SqlBool> {
  if (!scope.indicatorIds.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${visibleRowsWhere(scope, columns)} and ${sql.ref(columns.indicator)} in (${sql.join(scope.indicatorIds)}))`;
}
