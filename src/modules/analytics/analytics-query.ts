/**
 * What an analytics query asks and what it answers, once its codes are resolved: the shape
 * every in-process caller (reports, and the code-based entry points of analytics.service.ts
 * for HTTP and the CLI) hands to the query service.
 */
import type { ProvenanceKind } from '../../core/aggregation.js';
import type { Coverage } from '../../core/coverage.js';
import type { AnalyticsIndicator, PlaceRef } from './analytics.repo.js';

export type GroupBy = `place-level:${number}` | 'period:year' | 'period:quarter' | 'period:month' | `period:fy-${string}` | `disagg:${string}` | 'source';

/** A query whose indicators and place are already resolved (the caller holds the catalog). */
export interface ResolvedQuery {
  /** Indicators of the program; rows come in this order. */
  indicators: readonly AnalyticsIndicator[];
  /** One source code (the indicators must have it). */
  source?: string | undefined;
  /** That place and everything below it. */
  place?: PlaceRef | undefined;
  /** Zone code: its member places and everything below them (read with the query). */
  zone?: string | undefined;
  /** Period ids: facts whose start..end lies within from.start..to.end. */
  from?: string | undefined;
  to?: string | undefined;
  /** Disaggregation filter; a fact matches when its key contains every pair. */
  disagg?: Record<string, string> | undefined;
  by?: GroupBy[] | undefined;
  /** Use approved data only (value_approved over facts with approved contributions). */
  approvedOnly?: boolean | undefined;
}

export interface AnalyticsRow {
  indicator: string;
  /** Present when grouped by source or the indicator has several. */
  source?: string;
  place?: { code: string; name: string; level: number };
  /** Bucket id, e.g. '2012', '2012Oct', '2012Q3', '201207'. */
  period?: string;
  /** Per grouped dimension; null = not split by it. */
  disagg?: Record<string, string | null>;
  value: number | null;
  /** Kinds of data that contributed. */
  provenance: ProvenanceKind[];
  /** The value includes some contribution not yet approved (always false for approved-only queries). */
  unapproved: boolean;
  /** How much of what is expected for the row's period has been reported; null when unknown. */
  coverage: Coverage | null;
}

/** How a query reads the fact table. */
export interface ReadOptions {
  /**
   * Read the coarse level of record-fed indicators wherever it gives the same answer as the
   * leaf facts (default true). Off only to compare the two, in tests and benchmarks.
   */
  coarse?: boolean | undefined;
  /** Today (ISO date), which decides whether a period is over; the real date when absent (tests inject theirs). */
  today?: string | undefined;
  /**
   * Work out each row's coverage (core/coverage.ts): one more read of the facts, of the period
   * before as well as this one, which costs as much as the query itself on large programs; so
   * it is asked for where a figure is shown as a period's result (compare, report statements,
   * `latest`, `coverage=true` over HTTP). Rows carry `coverage: null` otherwise.
   */
  coverage?: boolean | undefined;
}
