/**
 * An analytics row or compare side as the API presents it: with `marks`, the figure's flags in
 * the one notation (core/figure-marks.ts), worked out from its provenance (and whether it
 * includes unapproved values, when the row says so).
 */
import type { FigureMark } from '../../core/figure-marks.js';
import { rowMarks, type MarkedRow } from '../../core/row-marks.js';

export function withMarks<R extends MarkedRow>(row: R): R & { marks: FigureMark[] } {
  return { ...row, marks: rowMarks(row) };
}
