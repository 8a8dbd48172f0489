/**
 * A program's validation rules as the checks use them: parsed once per write, indexed by the
 * indicators they concern (a relation by every indicator it names).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { QualityRuleRow } from '../../db/schema-quality.js';
import { parseRelation, qualityRuleSchema, relationRefs, type QualityRule, type Relation } from '../../core/quality-rules.js';
import { listRuleRows } from './quality-rules.repo.js';

export type RelationRule = { rule: Extract<QualityRule, { kind: 'relation' }>; relation: Relation };
export type OutlierRule = Extract<QualityRule, { kind: 'outlier' }>;

export interface ProgramRules {
  /** Range and whole-number rules by indicator code. */
  byIndicator: Map<string, QualityRule[]>;
  /** Relations by every indicator code they name. */
  relations: Map<string, RelationRule[]>;
  outliers: Map<string, OutlierRule[]>;
  empty: boolean;
}

/** A stored rule's definition, as it was checked when stored. */
export const ruleOf = (row: QualityRuleRow): QualityRule => qualityRuleSchema.parse(JSON.parse(row.definition));

const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

export async function loadProgramRules(db: Kysely<Database>, programId: number): Promise<ProgramRules> {
  const rows = await listRuleRows(db, programId);
  const rules: ProgramRules = { byIndicator: new Map(), relations: new Map(), outliers: new Map(), empty: rows.length === 0 };
  for (const row of rows) {
    const rule = ruleOf(row);
    if (rule.kind === 'relation') {
      const r = { rule, relation: parseRelation(rule.relation) };
      for (const code of new Set(relationRefs(r.relation).map((ref) => ref.indicator))) push(rules.relations, code, r);
    } else if (rule.kind === 'outlier') push(rules.outliers, rule.indicator, rule);
    else push(rules.byIndicator, rule.indicator, rule);
  }
  return rules;
}
