import { describe, expect, it } from 'vitest';
import {
  formatRelation,
  parseRelation,
  qualityRuleSchema,
  relationBreach,
  ruleProblems,
  valueBreach,
  type QualityRule,
  type RuleIndicator,
} from './quality-rules.js';
import { isVigiaError } from './errors.js';

const reason = (text: string): string => {
  try {
    parseRelation(text);
    return 'parsed';
  } catch (e) {
    if (!isVigiaError(e)) throw e;
    expect(e.details[0]?.column).toBe('relation');
    return e.details[0]?.reason ?? '';
  }
};

const indicators = new Map<string, RuleIndicator>([
  ['ERAD_HA', { origin: 'reported', sources: [], dimensions: new Map() }],
  ['COCA_HA', { origin: 'reported', sources: ['USG', 'UNODC'], dimensions: new Map() }],
  ['TRAIN', { origin: 'records', sources: [], dimensions: new Map([['sex', new Set(['f', 'm'])]]) }],
  ['RATE', { origin: 'formula', sources: [], dimensions: new Map() }],
]);
const rule = (r: unknown): QualityRule => qualityRuleSchema.parse(r);

describe('relations', () => {
  it('parses comparisons with source and disaggregation selectors', () => {
    expect(formatRelation(parseRelation('ERAD_HA<=COCA_HA[USG]'))).toBe('ERAD_HA <= COCA_HA[USG]');
    expect(formatRelation(parseRelation('TRAIN[sex=f] + TRAIN[sex=m] == TRAIN'))).toBe('TRAIN[sex=f] + TRAIN[sex=m] == TRAIN');
    expect(formatRelation(parseRelation('A[X][d=o,c=p] > 0'))).toBe('A[X][c=p,d=o] > 0');
  });

  it('refuses malformed and circular relations, saying why', () => {
    expect(reason('A <=')).toMatch(/end of formula/);
    expect(reason('A')).toMatch(/no comparison/);
    expect(reason('A < B < C')).toMatch(/only once/);
    expect(reason('A = B')).toMatch(/==/);
    expect(reason('A[sex=] <= A')).toMatch(/option/);
    expect(reason('A <= A + B')).toMatch(/circular: A/);
    expect(reason('1 <= 2')).toMatch(/no indicator/);
    expect(reason('A[sex=f] <= A')).toBe('parsed');
  });

  it('evaluates over looked-up aggregates; a missing side is not compared', () => {
    const r = rule({ code: 'R', kind: 'relation', relation: 'TRAIN[sex=f] <= TRAIN' });
    if (r.kind !== 'relation') throw new Error('kind');
    const rel = parseRelation(r.relation);
    const at = (f: number | null, total: number | null) => (ref: { disagg?: Record<string, string> }) => (ref.disagg ? f : total);
    expect(relationBreach(r, rel, at(5, 10))).toBeNull();
    expect(relationBreach(r, rel, at(11, 10))).toMatchObject({ rule: 'R', value: 11, limit: 10, severity: 'error' });
    expect(relationBreach(r, rel, at(11, null))).toBeNull();
  });
});

describe('rule checks', () => {
  it('names unknown indicators, formula indicators, bad sources and options', () => {
    expect(ruleProblems(rule({ code: 'A', kind: 'whole', indicator: 'NOPE' }), indicators)).toEqual([
      { column: 'indicator', value: 'NOPE', reason: 'unknown indicator NOPE' },
    ]);
    expect(ruleProblems(rule({ code: 'A', kind: 'whole', indicator: 'RATE' }), indicators)[0]?.reason).toMatch(/formula/);
    const rel = (relation: string) => ruleProblems(rule({ code: 'A', kind: 'relation', relation }), indicators).map((i) => i.reason);
    expect(rel('ERAD_HA <= COCA_HA[USG]')).toEqual([]);
    expect(rel('ERAD_HA <= COCA_HA')).toEqual([expect.stringMatching(/several sources/)]);
    expect(rel('ERAD_HA <= COCA_HA[XX]')).toEqual([expect.stringMatching(/not a source/)]);
    expect(rel('TRAIN[sex=x] <= TRAIN')).toEqual([expect.stringMatching(/not an option/)]);
    expect(rel('TRAIN[age=x] <= TRAIN')).toEqual([expect.stringMatching(/not disaggregated by age/)]);
    expect(rel('ERAD_HA <= ')).toEqual([expect.stringMatching(/end of formula/)]);
  });

  it('range (per level) and whole-number rules', () => {
    const range = rule({ code: 'R', kind: 'range', indicator: 'ERAD_HA', min: 0, max: 10, level: 2 });
    expect(valueBreach(range, 11, 2)).toMatchObject({ limit: 10, value: 11 });
    expect(valueBreach(range, 11, 3)).toBeNull();
    expect(valueBreach(range, -1, 2)).toMatchObject({ limit: 0 });
    const whole = rule({ code: 'W', kind: 'whole', indicator: 'ERAD_HA', severity: 'warning' });
    expect(valueBreach(whole, 2.5, 1)).toMatchObject({ severity: 'warning', rule: 'W' });
    expect(valueBreach(whole, 2, 1)).toBeNull();
    expect(qualityRuleSchema.safeParse({ code: 'R', kind: 'range', indicator: 'ERAD_HA', min: 5, max: 1 }).success).toBe(false);
    expect(qualityRuleSchema.safeParse({ code: 'R', kind: 'range', indicator: 'ERAD_HA' }).success).toBe(false);
  });
});
