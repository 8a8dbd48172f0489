/** Table types of the indicator tracking table (migration 20261203110000_tracking_explanations). */
import type { Generated, Selectable } from 'kysely';

export interface TrackingExplanationTable {
  id: Generated<number>;
  indicator_id: number;
  /** Fiscal-year period id, e.g. `2012Oct`. */
  fiscal_year: string;
  /** At most 2,000 characters. */
  text: string;
  updated_at: string;
  updated_by: number | null;
}

export interface TrackingTables {
  tracking_explanation: TrackingExplanationTable;
}

export type TrackingExplanation = Selectable<TrackingExplanationTable>;
