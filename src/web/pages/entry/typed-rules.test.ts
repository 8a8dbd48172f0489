import { describe, expect, it } from 'vitest';
import { typedBreaches } from './typed-rules';

const rules = [
  { code: 'MAX_DEPT', kind: 'range', severity: 'warning', indicator: 'ERAD_HA', max: 5000, level: 2 },
  { code: 'NOT_NEG', kind: 'range', severity: 'error', indicator: 'ERAD_HA', min: 0 },
  { code: 'WHOLE', kind: 'whole', severity: 'error', indicator: 'N' },
  { code: 'REL', kind: 'relation', severity: 'warning', relation: 'A <= B' },
];

describe('typed rule preview', () => {
  it('applies range rules at their level and whole-number rules, with their severity and limit', () => {
    expect(typedBreaches(rules, 'ERAD_HA', 2, 6000)).toEqual([{ rule: 'MAX_DEPT', kind: 'range', value: 6000, expected: 5000, severity: 'warning' }]);
    expect(typedBreaches(rules, 'ERAD_HA', 1, 6000)).toEqual([]);
    expect(typedBreaches(rules, 'ERAD_HA', 3, -1)).toEqual([{ rule: 'NOT_NEG', kind: 'range', value: -1, expected: 0, severity: 'error' }]);
    expect(typedBreaches(rules, 'N', 2, 2.5).map((b) => b.rule)).toEqual(['WHOLE']);
    expect(typedBreaches(rules, 'N', 2, 3)).toEqual([]);
  });
});
