/**
 * The flags of one figure as every output reads it from a row: an analytics row, a compare
 * side, a report cell or statement, a dashboard point. `unapproved` is optional so that rows
 * that know whether they include unapproved values pass it on, and the rest still get their
 * derived / illustrative flags (core/figure-marks.ts is the notation).
 */
import { figureMarks, type FigureMark } from './figure-marks.js';

export interface MarkedRow {
  provenance?: readonly string[];
  unapproved?: boolean;
}

export function rowMarks(row: MarkedRow): FigureMark[] {
  return figureMarks({ provenance: row.provenance ?? [], draft: row.unapproved === true });
}
