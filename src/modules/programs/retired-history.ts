/**
 * Retired things in a program load: design changes never lose data, so a folder's values and
 * targets of a retired indicator or option are history and must stay loadable — a dump of a
 * program with retired things loads again. They load when the folder itself declares the thing
 * retired (`"retired": true`, as a dump writes it), or, for a thing retired since the folder was
 * written, when they are as stored already. New data for a retired thing is refused as ever.
 */
import type { Kysely } from 'kysely';
import type { IssueDetail } from '../../core/errors.js';
import { parseDisagg } from '../../core/disagg.js';
import type { Database, NewDataValue } from '../../db/schema.js';
import type { Catalog, IndicatorInfo } from '../catalog/catalog.repo.js';
import { findValue } from '../values/values.repo.js';
import { sameContent } from '../values/value-content.js';
import type { ProgramFolder, ValueRow } from './program-folder.types.js';

/** What the folder declares retired: indicator codes, and `dimension` or `dimension=option` keys. */
export interface DeclaredRetired {
  indicators: Set<string>;
  disaggs: Set<string>;
}

export function declaredRetired(folder: ProgramFolder): DeclaredRetired {
  const disaggs = new Set<string>();
  for (const { data: d } of folder.dimensions?.items ?? []) {
    if (d.retired) disaggs.add(d.code);
    for (const o of d.options) if (o.retired) disaggs.add(`${d.code}=${o.code}`);
  }
  return { indicators: new Set((folder.indicators?.items ?? []).filter(({ data }) => data.retired).map(({ data }) => data.code)), disaggs };
}

/** The catalog in which retired indicators and options take values again: for reading a folder's history. */
export function catalogTakingHistory(catalog: Catalog): Catalog {
  const open = (i: IndicatorInfo): IndicatorInfo => ({
    ...i,
    retired: 0,
    retiredOptions: undefined,
    dimensions: new Map([...i.dimensions].map(([d, options]) => [d, new Set([...options, ...(i.retiredOptions?.get(d) ?? [])])])),
  });
  const indicators = new Map([...catalog.indicators].map(([code, i]) => [code, open(i)]));
  return { ...catalog, indicators, indicatorsById: new Map([...indicators.values()].map((i) => [i.id, i])) };
}

/** Why `row` counts as new data of a retired thing the folder does not declare retired; null when it does not. */
function undeclaredRetired(catalog: Catalog, declared: DeclaredRetired, row: NewDataValue): { column: string; reason: string } | null {
  const indicator = catalog.indicatorsById.get(row.indicator_id);
  if (!indicator) return null;
  if (indicator.retired && !declared.indicators.has(indicator.code)) {
    return { column: 'indicator', reason: `${indicator.code} is retired: it takes no new data (indicador retirado)` };
  }
  for (const [dim, opt] of Object.entries(parseDisagg(row.disagg ?? ''))) {
    if (indicator.retiredOptions?.get(dim)?.has(opt) && !declared.disaggs.has(dim) && !declared.disaggs.has(`${dim}=${opt}`)) {
      return { column: 'disagg', reason: `"${opt}" of ${dim} is retired: it takes no new data (opción retirada)` };
    }
  }
  return null;
}

/**
 * Reports each of `rows` (resolved from `from`, row for row) that is new or changed data of a
 * retired thing the folder does not declare retired; `catalog` is the program's as stored.
 */
export async function refuseNewRetiredData(
  trx: Kysely<Database>,
  catalog: Catalog,
  declared: DeclaredRetired,
  rows: readonly NewDataValue[],
  from: readonly ValueRow[],
  issues: IssueDetail[],
): Promise<void> {
  for (const [i, row] of rows.entries()) {
    const why = undeclaredRetired(catalog, declared, row);
    if (!why) continue;
    const current = await findValue(trx, row);
    if (current && sameContent(row, current)) continue;
    const source = from[i];
    issues.push({
      file: source?.file ?? '',
      row: source?.line ?? 0,
      column: why.column,
      value: why.column === 'indicator' ? source?.input.indicator : source?.input.disagg,
      reason: `${why.reason}; only its values as stored load again, unless the folder declares it "retired"`,
    });
  }
}
