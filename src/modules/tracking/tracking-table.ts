/**
 * What the indicator tracking table (ITT) of a fiscal year is: one row per indicator (and
 * source, for an indicator with several) with its baseline, fiscal-year target, actuals for the
 * four fiscal quarters and the year, percent of target and the deviation explanation, and the
 * one rule that says when an explanation is required. The JSON of `vigia itt --json` and of
 * the API is this shape.
 */
import type { ProvenanceKind } from '../../core/aggregation.js';

/** One fiscal quarter, under its calendar-quarter id (2012Q4 is the first quarter of 2012Oct). */
export interface TrackingQuarter {
  period: string;
  /** null: no data in that quarter (never 0). */
  actual: number | null;
}

export interface TrackingRow {
  indicator: string;
  /** The source, for an indicator with several (sources are never added together); else null. */
  source: string | null;
  name: { en: string; es: string };
  unit: string;
  decimals: number;
  /** The latest baseline that ends by the end of the fiscal year. */
  baseline: { period: string; value: number } | null;
  /** The target set for exactly the fiscal year. */
  target: number | null;
  /** The four fiscal quarters, in fiscal order. */
  quarters: TrackingQuarter[];
  /** The fiscal year's actual, aggregated as the indicator says (sum, latest, average). */
  actual: number | null;
  /** Unrounded actual / target × 100; null without both, or with a target of 0. */
  achieved_pct: number | null;
  /** The life-of-program target whose span (e.g. 2012Oct/2016Oct) overlaps the fiscal year; null where none is set. */
  lop_target: number | null;
  /** With an LOP target: the actual from the span's start through the end of the fiscal year (or of the span, if sooner), aggregated as the indicator says; null without a target or data. */
  lop_actual: number | null;
  deviation_explanation: string | null;
  /** True exactly where |actual / target − 1| > 10 %. */
  explanation_required: boolean;
  /** Kinds of data behind the fiscal-year actual; anything but 'sourced' is labelled. */
  provenance: ProvenanceKind[];
}

export interface TrackingTable {
  program: string;
  program_name: { en: string; es: string };
  /** The fiscal-year period id, e.g. 2012Oct (US FY2013). */
  fiscal_year: string;
  /** The calendar-quarter ids of the fiscal quarters, in fiscal order. */
  quarters: string[];
  /** The place the figures are for: the program's top-level place. */
  place: string;
  /** Always true: the tracking table reports approved data only. */
  approved_only: true;
  data_version: number;
  rows: TrackingRow[];
}

/** The most an actual may miss its target by, in percent of the target, without an explanation. */
export const DEVIATION_TOLERANCE_PCT = 10;

/**
 * True when the actual deviates from the target by more than ±10 %. Compared as
 * |actual − target| × 100 > 10 × |target| so that 110 against 100 is exactly on the line (not
 * required) rather than a rounding error above it; a target of 0 requires one for any other actual.
 */
export function explanationRequired(actual: number | null, target: number | null): boolean {
  if (actual === null || target === null) return false;
  return Math.abs(actual - target) * 100 > DEVIATION_TOLERANCE_PCT * Math.abs(target);
}

/** Percent of target achieved, unrounded; null without an actual or a non-zero target. */
export function achievedPct(actual: number | null, target: number | null): number | null {
  return actual === null || target === null || target === 0 ? null : (actual / target) * 100;
}

/** Most characters a deviation explanation may have. */
export const EXPLANATION_MAX = 2000;
