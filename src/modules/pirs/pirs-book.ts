/**
 * The PIRS book as data, before it is a report document: per indicator its reference sheet,
 * its baseline, targets and latest actuals from the live data, and its last DQA with the open
 * actions. The book service fills it; the document builder only reads it.
 */
import type { ProvenanceKind } from '../../core/aggregation.js';
import type { ReferenceSheetView } from '../indicators/indicator-reference.service.js';
import type { LastDqa } from '../dqa/dqa-read.service.js';

/** One period's figures of one indicator (and source): what `vigia progress` gives for it. */
export interface PirsFigure {
  period: string;
  /** Why the period is on the sheet: a baseline's, a target's, or one of the latest years with data. */
  kinds: ('baseline' | 'target' | 'actual')[];
  /** The baseline set for exactly this period, if any. */
  baseline: number | null;
  target: number | null;
  actual: number | null;
  /** actual / target × 100, unrounded. */
  pct_of_target: number | null;
  provenance: ProvenanceKind[];
}

/** The figures of one source of an indicator ('' for its only or unnamed source). */
export interface PirsSeries {
  source: string;
  /** The latest baseline (what `vigia progress` reports for the sheet's last period). */
  baseline: { period: string; value: number } | null;
  figures: PirsFigure[];
}

export interface PirsSheet {
  sheet: ReferenceSheetView;
  decimals: number;
  series: PirsSeries[];
  last_dqa: LastDqa | null;
}

/** A goal or component of the framework with its indicators' sheets. */
export interface PirsSection {
  code: string | null;
  name: { en: string; es: string } | null;
  sheets: PirsSheet[];
}

export interface PirsBook {
  program: string;
  program_name: { en: string; es: string };
  /** The place the figures are for: the program's one top-level place. */
  place: { code: string; name: string };
  data_version: number;
  /** A whole book, or one indicator's sheet. */
  indicator: string | null;
  sections: PirsSection[];
}
