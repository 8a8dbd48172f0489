/**
 * Validation warnings on values, in words: what rule a value breaks and the limit or expected
 * range, never colour alone. The flags come from the API (on values, submissions, the program's
 * list); the same words serve the preview of range and whole-number rules while typing.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema.gen';
import { useFormat } from '../i18n/format';

export type ValueFlag = components['schemas']['ValueFlag'];

/** What a sentence about a breach needs: a stored flag, or a rule broken by what is typed. */
export interface Breach {
  rule: string;
  kind: string;
  value: number | null;
  expected?: unknown;
}

const isRange = (e: unknown): e is { low: number; high: number } =>
  typeof e === 'object' && e !== null && typeof (e as { low?: unknown }).low === 'number' && typeof (e as { high?: unknown }).high === 'number';

/** The words for a breach, in the language in use ("Warning X: above the maximum 5,000"). */
export function useFlagText(): (b: Breach, as?: 'warning' | 'refusal') => string {
  const { t } = useTranslation('common', { keyPrefix: 'flags' });
  const fmt = useFormat();
  return useCallback(
    (b: Breach, as: 'warning' | 'refusal' = 'warning') => {
      let text: string;
      if (b.kind === 'range' && typeof b.expected === 'number') {
        const below = b.value !== null && b.value < b.expected;
        text = t(below ? 'below' : 'above', { limit: fmt.number(b.expected, 6) });
      } else if (b.kind === 'whole') text = t('whole');
      else if (b.kind === 'outlier' && isRange(b.expected)) text = t('outlier', { low: fmt.number(b.expected.low, 2), high: fmt.number(b.expected.high, 2) });
      else if (b.kind === 'relation') text = t('relation');
      else text = t('other');
      return t(as, { rule: b.rule, text });
    },
    [t, fmt],
  );
}

/** The warnings not yet acknowledged. */
export const openFlags = (flags: readonly ValueFlag[] | undefined): ValueFlag[] => (flags ?? []).filter((f) => !f.acknowledged);
