/** Table types of validation rules and the flags they raise on values (migration 20261203140000_quality_rules). */
import type { Generated, Selectable } from 'kysely';
import type { Clearance } from './schema-accounts.js';

export interface QualityRuleTable {
  id: Generated<number>;
  program_id: number;
  code: string;
  kind: string;
  severity: string;
  /** The rule as JSON text (src/core/quality-rules.ts `qualityRuleSchema`). */
  definition: string;
  created_at: string;
  updated_at: string;
}

export interface ValueFlagTable {
  id: Generated<number>;
  value_id: number;
  rule_code: string;
  kind: string;
  value: number;
  /** JSON: the limit broken, or `{low, high}` for an outlier. */
  expected: string;
  message: string;
  /** Who may read the flag at all: the rule's sensitivity (src/core/rule-sensitivity.ts). */
  sensitivity: Generated<Clearance>;
  created_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
  comment: string | null;
}

export interface QualityTables {
  quality_rule: QualityRuleTable;
  value_flag: ValueFlagTable;
}

export type QualityRuleRow = Selectable<QualityRuleTable>;
export type ValueFlagRow = Selectable<ValueFlagTable>;
