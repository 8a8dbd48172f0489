/**
 * The cells of a formula indicator: each indicator it names is aggregated with the same
 * filters and groupings, then the formula combines the aggregates group by group.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { mergeProvenance } from '../../core/aggregation.js';
import { evaluateFormula, formatRef, formulaRefs, parseFormula } from '../../core/formula.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import type { QueryContext } from './query-context.js';
import { programIndicators } from './program-lookups.js';
import { cellKey, type Cell } from './cell.js';

type Db = Kysely<Database>;

/** Formulas may name formula indicators; deeper than this is taken for a cycle. */
const MAX_FORMULA_DEPTH = 8;

/** The cells of an operand (any indicator, formulas included) at a formula depth. */
export type OperandCells = (ctx: QueryContext, ind: AnalyticsIndicator, source: string | undefined, depth: number) => Promise<Cell[]>;

/**
 * A formula indicator, group by group: each indicator it names is aggregated with the same
 * filters and groupings (a reference may pin a source; otherwise it takes the formula's own
 * source where it has one), then the formula combines the aggregates. A group missing from
 * any operand has a null value; provenance is the union of the operands', and a group is
 * unapproved when any operand it used is.
 */
export async function formulaCells(
  db: Db,
  ctx: QueryContext,
  ind: AnalyticsIndicator,
  given: string | undefined,
  depth: number,
  operandCells: OperandCells,
): Promise<Cell[]> {
  const source = given || undefined;
  if (depth >= MAX_FORMULA_DEPTH) {
    throw validationError(`the formula of ${ind.code} nests more than ${MAX_FORMULA_DEPTH} formulas deep (is there a cycle?)`);
  }
  if (!ind.formula) throw validationError(`${ind.code} is a formula indicator without a formula`);
  const ast = parseFormula(ind.formula);
  const refs = formulaRefs(ast);
  const refCodes = [...new Set(refs.map((r) => r.indicator))];
  const found = new Map((await programIndicators(db, ctx.program, refCodes)).map((i) => [i.code, i]));
  const missing = refCodes.filter((c) => !found.has(c));
  if (missing.length) throw notFound(`the formula of ${ind.code} names unknown indicator(s) ${missing.join(', ')}`);

  if (source && ind.sources.length && !ind.sources.includes(source)) {
    const reason = `not a source of ${ind.code} (${ind.sources.join(', ')})`;
    throw validationError(`source "${source}": ${reason}`, [{ column: 'source', value: source, reason }]);
  }
  const scopes: (string | undefined)[] = source !== undefined ? [source] : ind.sources.length > 1 ? ind.sources : [ind.sources[0]];
  const showSource = ind.sources.length > 1 || ctx.grouping.source;
  // Operands are pinned to one source each, so they are not split by source themselves.
  const refCtx: QueryContext = { ...ctx, grouping: { ...ctx.grouping, source: false } };
  // An operand pinned to a source is the same for every scope: aggregate it once.
  const operands = new Map<string, Promise<Cell[]>>();
  const cellsOf = (refInd: AnalyticsIndicator, refSource: string | undefined): Promise<Cell[]> => {
    const key = `${refInd.code}[${refSource ?? ''}]`;
    let cells = operands.get(key);
    if (!cells) operands.set(key, (cells = operandCells(refCtx, refInd, refSource, depth + 1)));
    return cells;
  };

  const out: Cell[] = [];
  for (const scope of scopes) {
    const byRef = new Map<string, Map<string, Cell>>();
    const keys = new Map<string, Cell>();
    for (const ref of refs) {
      const refInd = found.get(ref.indicator)!;
      let refSource = ref.source;
      if (refSource === undefined && refInd.sources.length > 1) {
        if (scope && refInd.sources.includes(scope)) refSource = scope;
        else {
          throw validationError(
            `the formula of ${ind.code} reads ${refInd.code}, which has several sources (${refInd.sources.join(', ')}): pick one, e.g. ${refInd.code}[${refInd.sources[0]}]`,
            [{ column: 'formula', value: ind.formula, reason: `${refInd.code} needs a source` }],
          );
        }
      }
      const cells = await cellsOf(refInd, refSource);
      const byKey = new Map<string, Cell>();
      for (const c of cells) {
        const k = cellKey(c);
        byKey.set(k, c);
        if (!keys.has(k)) keys.set(k, c);
      }
      byRef.set(formatRef(ref), byKey);
    }
    for (const [k, sample] of keys) {
      const used: Cell[] = [];
      const value = evaluateFormula(ast, (ref) => {
        const c = byRef.get(formatRef(ref))?.get(k);
        if (c) used.push(c);
        return c?.value ?? null;
      });
      out.push({
        source: showSource ? (scope ?? '') : undefined,
        placeId: sample.placeId,
        place: sample.place,
        bucket: sample.bucket,
        dims: sample.dims,
        value,
        provenance: mergeProvenance(used.map((c) => c.provenance)),
        unapproved: used.some((c) => c.unapproved),
      });
    }
  }
  return out;
}
