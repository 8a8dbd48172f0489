/**
 * The cells of any indicator: a formula's from its operands (which may be formulas in turn),
 * every other origin's from the fact table. The one place the two meet, so that neither file
 * imports the other.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import type { QueryContext } from './query-context.js';
import type { Cell } from './cell.js';
import { factCells } from './fact-cells.js';
import { formulaCells } from './formula-cells.js';

/** Aggregates one indicator in the query's context; `depth` counts the formulas around it. */
export function indicatorCells(db: Kysely<Database>, ctx: QueryContext, ind: AnalyticsIndicator, source: string | undefined, depth: number): Promise<Cell[]> {
  if (ind.origin !== 'formula') return factCells(db, ctx, ind, source);
  return formulaCells(db, ctx, ind, source, depth, (refCtx, refInd, refSource, refDepth) => indicatorCells(db, refCtx, refInd, refSource, refDepth));
}
