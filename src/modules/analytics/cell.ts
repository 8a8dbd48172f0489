/**
 * One aggregated group of one indicator, as the query service, fact cells and formula cells
 * pass it between them before it becomes a row.
 */
import type { ProvenanceKind } from '../../core/aggregation.js';
import type { PlaceRef } from './analytics.repo.js';

export interface Cell {
  /** The source label when rows name it. */
  source: string | undefined;
  placeId: number | null;
  /** The group's place, when grouped by place level. */
  place: PlaceRef | null;
  /** Bucket id; '' when there is no period grouping. */
  bucket: string;
  /** Options of the grouped dimensions, in grouping order. */
  dims: (string | null)[];
  value: number | null;
  provenance: ProvenanceKind[];
  /** Some contribution to the value is not approved (a draft, submitted or returned). */
  unapproved: boolean;
}

/** A group's identity apart from its source (codes never hold '|' or U+0001). */
export const cellKey = (c: Pick<Cell, 'placeId' | 'bucket' | 'dims'>): string => `${c.placeId ?? ''}|${c.bucket}|${c.dims.map((d) => d ?? '\u0001').join('|')}`;
