/**
 * Property: for random values and random rules, a value is stored exactly when no `error` rule
 * is broken (the expectation computed here, independently of the rule checks), on both engines.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { isVigiaError } from '../../core/errors.js';
import { qualityRuleSchema, type QualityRuleInput } from '../../core/quality-rules.js';
import { writeValue } from '../values/values.service.js';
import { replaceProgramRules } from './quality-rules.service.js';

let t: TestDb;
let programId: number;
beforeAll(async () => {
  t = await createTestDb();
  programId = (await createMiniProgram(t.db)).programId;
});
afterAll(() => t.destroy());

const severity = fc.constantFrom('error' as const, 'warning' as const);
const bound = fc.integer({ min: 0, max: 200 });
const ruleArb = fc.oneof(
  fc.record({
    kind: fc.constant('range' as const),
    min: fc.option(bound, { nil: undefined }),
    max: fc.option(bound, { nil: undefined }),
    level: fc.option(fc.constantFrom(2, 3), { nil: undefined }),
    severity,
  }),
  fc.record({ kind: fc.constant('whole' as const), severity }),
  fc.record({ kind: fc.constant('relation' as const), severity }),
);
type Spec = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

/** Whether `spec` is broken by writing `value` (part x) at a place of `level` whose total is `total`. */
function broken(spec: Spec, value: number, level: number, total: number | null): boolean {
  switch (spec.kind) {
    case 'range':
      if (spec.level !== undefined && spec.level !== level) return false;
      return (spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max);
    case 'whole':
      return Math.floor(value) !== value;
    case 'relation':
      return total !== null && value > total;
  }
}

function toRule(spec: Spec, i: number): QualityRuleInput | null {
  const code = `P${i}`;
  if (spec.kind === 'range') {
    if (spec.min === undefined && spec.max === undefined) return null;
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) return null;
    return { code, kind: 'range', indicator: 'SPLIT_IND', severity: spec.severity, min: spec.min, max: spec.max, level: spec.level };
  }
  if (spec.kind === 'whole') return { code, kind: 'whole', indicator: 'SPLIT_IND', severity: spec.severity };
  return { code, kind: 'relation', relation: 'SPLIT_IND[kind=x] <= SPLIT_IND', severity: spec.severity };
}

describe(`stored exactly when no error rule is broken (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('holds for random values and rules', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArb, { maxLength: 5 }),
        fc.integer({ min: 0, max: 400 }).map((v) => v / 2),
        fc.constantFrom('R1', 'R1D1'),
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
        async (specs, value, place, total) => {
          const period = String(2000 + (n++ % 20));
          const level = place === 'R1' ? 2 : 3;
          const kept = specs.flatMap((s, i) => {
            const r = toRule(s, i);
            return r ? [{ s, r }] : [];
          });
          await t.db.deleteFrom('value_flag').execute();
          await t.db.deleteFrom('data_value').execute();
          await t.db.deleteFrom('fact').execute();
          await t.db.transaction().execute((trx) => replaceProgramRules(trx, programId, []));
          // The total first, with no rules in force, then the rules.
          if (total !== null) await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place, period, value: total });
          await t.db.transaction().execute((trx) =>
            replaceProgramRules(
              trx,
              programId,
              kept.map(({ r }) => qualityRuleSchema.parse(r)),
            ),
          );

          const expectRefused = kept.some(({ s }) => s.severity === 'error' && broken(s, value, level, total));
          const expectFlags = new Set(kept.filter(({ s }) => s.severity === 'warning' && broken(s, value, level, total)).map(({ r }) => r.code));
          const outcome = await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place, period, value, disagg: 'kind=x' }).then(
            (r) => r,
            (e: unknown) => {
              if (isVigiaError(e) && e.kind === 'validation') return null;
              throw e;
            },
          );
          const rows = await t.db.selectFrom('data_value').select(['id', 'value']).where('disagg', '=', 'kind=x').execute();
          expect(outcome === null).toBe(expectRefused);
          expect(rows.length).toBe(expectRefused ? 0 : 1);
          if (!expectRefused) {
            const flags = await t.db.selectFrom('value_flag').select('rule_code').where('value_id', '=', rows[0]!.id).execute();
            expect(new Set(flags.map((f) => f.rule_code))).toEqual(expectFlags);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
