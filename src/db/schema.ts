/**
 * The database as Kysely sees it: one interface per table. Booleans are stored as integers
 * (0/1) so that one code path serves SQLite and PostgreSQL; dates are ISO text.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { AccountTables } from './schema-accounts.js';
import type { JobTables } from './schema-jobs.js';
import type { DqaTables } from './schema-dqa.js';
import type { CalendarTables } from './schema-calendar.js';
import type { QualityTables } from './schema-quality.js';
import type { TrackingTables } from './schema-tracking.js';
import type { NotificationTables } from './schema-notifications.js';
import type { Sensitivity } from '../core/sensitivity.js';

export interface ProgramTable {
  id: Generated<number>;
  code: string;
  name_en: string;
  name_es: string;
  /** ISO 3166-1 alpha-2 code of the country the program works in. */
  country_code: string;
  /** 1 for calendar years, 10 for the US fiscal year (October–September). */
  fiscal_year_start_month: number;
  currency: string;
  /** Bumped by every write; reports record the version they were made from. */
  data_version: Generated<number>;
  created_at: string;
}

export interface PlaceTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  name: string;
  /** 1 = country, 2 = department, … (at most MAX_PLACE_LEVEL). */
  level: number;
  parent_id: number | null;
  /** Ancestor ids by level, this place included; null below its own level. */
  p1: number | null;
  p2: number | null;
  p3: number | null;
  p4: number | null;
  p5: number | null;
  p6: number | null;
  lat: number | null;
  lon: number | null;
  /** Extra codes (ISO 3166-2, …) as JSON object text. */
  alt_codes: string | null;
  /** GeoJSON geometry text, when a boundary was imported. */
  boundary: string | null;
}

export interface ZoneTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  name_en: string;
  name_es: string;
}

export interface ZonePlaceTable {
  zone_id: number;
  place_id: number;
}

export interface OrganisationTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  name_en: string;
  name_es: string;
  kind: string;
  country_code: string | null;
  /** IATI organisation identifier, when known. */
  iati_ref: string | null;
}

export interface SourceTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  name_en: string;
  name_es: string;
  url: string | null;
}

export interface DimensionTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  name_en: string;
  name_es: string;
  /** 1 when retired (migration 20261204110000): kept with its values, offered for no new data. */
  retired: Generated<number>;
}

export interface DimensionOptionTable {
  id: Generated<number>;
  dimension_id: number;
  code: string;
  name_en: string;
  name_es: string;
  sort: number;
  /** 1 when retired (migration 20261204110000): kept with its values, offered for no new data. */
  retired: Generated<number>;
}

export interface FrameworkNodeTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  kind: 'goal' | 'component';
  parent_id: number | null;
  name_en: string;
  name_es: string;
  description_en: string | null;
  description_es: string | null;
  sort: number;
  /** 1 when retired (migration 20261204110000): kept with its values, offered for no new data. */
  retired: Generated<number>;
}

export interface IndicatorTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  component_id: number | null;
  name_en: string;
  name_es: string;
  description_en: string | null;
  description_es: string | null;
  unit: string;
  direction: 'up' | 'down' | 'none';
  agg_time: 'sum' | 'latest' | 'average';
  agg_place: 'sum' | 'average' | 'none';
  sensitivity: Sensitivity;
  origin: 'reported' | 'records' | 'formula';
  formula: string | null;
  decimals: number;
  sort: number;
  /** 1 when values and targets may be negative (a change, a balance); 0 (the default) refuses them. */
  allow_negative: Generated<number>;
  /** 1 when retired (migration 20261204110000): kept with its values, offered for no new data. */
  retired: Generated<number>;
}

export interface IndicatorSourceTable {
  indicator_id: number;
  source_id: number;
}

export interface IndicatorDimensionTable {
  indicator_id: number;
  dimension_id: number;
}

/** A baseline, a target for its period, or a life-of-program target whose period is a span (`2012Oct/2016Oct`, core/lop-span.ts). */
export type TargetKind = 'baseline' | 'target' | 'lop_target';

export interface TargetTable {
  id: Generated<number>;
  indicator_id: number;
  place_id: number;
  period: string;
  start_date: string;
  end_date: string;
  /** Source code, stored as values store it: the indicator's only declared source by name, '' when it declares none. */
  source: string;
  disagg: string;
  kind: TargetKind;
  value: number;
  provenance: Provenance;
  note: string | null;
}

export type Provenance = 'sourced' | 'derived' | 'illustrative';
export type ValueStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface DataValueTable {
  id: Generated<number>;
  indicator_id: number;
  place_id: number;
  period: string;
  start_date: string;
  end_date: string;
  /** Canonical disaggregation key, `dim=option;dim=option` sorted by dimension; '' for none. */
  disagg: string;
  source: string;
  value: number;
  organisation_id: number | null;
  status: ValueStatus;
  version: number;
  provenance: Provenance;
  note: string | null;
  updated_at: string;
}

/**
 * The live fact table: one row per indicator × source × place × period × disaggregation,
 * kept current in the same transaction as every write. Place ancestors (p1..p6) are copied in
 * so that grouping by any level is one indexed GROUP BY with no join.
 */
export interface FactTable {
  indicator_id: number;
  source: string;
  place_id: number;
  period: string;
  disagg: string;
  start_date: string;
  end_date: string;
  p1: number | null;
  p2: number | null;
  p3: number | null;
  p4: number | null;
  p5: number | null;
  p6: number | null;
  /** Sum over everything written, whatever its status. */
  value: number;
  n: number;
  /** Sum over approved data only. */
  value_approved: number;
  n_approved: number;
  /** How many contributions are derived / illustrative (the rest are sourced). */
  n_derived: number;
  n_illustrative: number;
}

/**
 * The coarse fact level of record-fed indicators: their facts summed per indicator × source ×
 * department (the leaf facts' p2, or p1 for facts of level-1 places) × period ×
 * disaggregation, kept by the same deltas as the leaf facts (see the migration
 * 20261128100000_fact_coarse for the columns).
 */
export interface FactCoarseTable {
  indicator_id: number;
  source: string;
  place_id: number;
  period: string;
  disagg: string;
  start_date: string;
  end_date: string;
  p1: number | null;
  p2: number | null;
  value: number;
  n: number;
  value_approved: number;
  n_approved: number;
  n_derived: number;
  n_illustrative: number;
  /** n, n_derived, n_illustrative summed over the leaf facts with approved contributions. */
  a_n: number;
  a_derived: number;
  a_illustrative: number;
}

/** A program's own record type; built-in types ship with the code and are not stored. */
export interface RecordTypeTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  /** The definition as JSON text (see src/core/record-types/definition.schema.ts). */
  definition: string;
  created_at: string;
  updated_at: string;
}

/** One operational record (a seizure, a training event, …); its roll-ups live in the fact table. */
export interface RecordTable {
  id: Generated<number>;
  program_id: number;
  type_code: string;
  /** The submitter's key, unique per program and type; re-imports match on it. */
  ref: string | null;
  place_id: number;
  /** The record's date (its type's date field), ISO. */
  date: string;
  organisation_id: number | null;
  status: ValueStatus;
  provenance: Provenance;
  version: number;
  /** The fields as JSON text, normalised (quantities in canonical units). */
  data: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A place's imported boundary: its GeoJSON geometry (Polygon or MultiPolygon) as text. */
export interface PlaceBoundaryTable {
  place_id: number;
  geojson: string;
  updated_at: string;
}

/** A program's report definition (`reports/<code>.json` of its folder), as JSON text. */
export interface ReportDefinitionTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  definition: string;
  /** Digest of `definition`; a report records it beside the data version. */
  hash: string;
}

/** An indicator's reference sheet (core/reference-sheet.ts) as JSON text. */
export interface IndicatorReferenceTable {
  indicator_id: number;
  sheet: string;
  updated_at: string;
}

/** One field's change in an indicator's reference or definition, with its reason; append-only. */
export interface IndicatorChangeTable {
  id: Generated<number>;
  indicator_id: number;
  at: string;
  user_id: number | null;
  /** The user's name, or what the system ran (`folder load`). */
  by: string;
  field: string;
  /** The field's value before and after, as JSON text; null when empty. */
  before: string | null;
  after: string | null;
  reason: string;
}

export interface Database extends AccountTables, JobTables, DqaTables, TrackingTables, CalendarTables, QualityTables, NotificationTables {
  program: ProgramTable;
  place: PlaceTable;
  zone: ZoneTable;
  zone_place: ZonePlaceTable;
  organisation: OrganisationTable;
  source: SourceTable;
  dimension: DimensionTable;
  dimension_option: DimensionOptionTable;
  framework_node: FrameworkNodeTable;
  indicator: IndicatorTable;
  indicator_source: IndicatorSourceTable;
  indicator_dimension: IndicatorDimensionTable;
  indicator_reference: IndicatorReferenceTable;
  indicator_change: IndicatorChangeTable;
  target: TargetTable;
  data_value: DataValueTable;
  fact: FactTable;
  fact_coarse: FactCoarseTable;
  record_type: RecordTypeTable;
  record: RecordTable;
  report_definition: ReportDefinitionTable;
  place_boundary: PlaceBoundaryTable;
}

export type Program = Selectable<ProgramTable>;
export type Place = Selectable<PlaceTable>;
export type Indicator = Selectable<IndicatorTable>;
export type DataValue = Selectable<DataValueTable>;
export type NewDataValue = Insertable<DataValueTable>;
export type Fact = Selectable<FactTable>;

/** Deepest place level the fact table can group by. */
export const MAX_PLACE_LEVEL = 6;
export const PLACE_LEVEL_COLUMNS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] as const;
export type PlaceLevelColumn = (typeof PLACE_LEVEL_COLUMNS)[number];
