/** Names of the explorer's dimensions and of their values (periods, options, sources) in the current language. */
import { useTranslation } from 'react-i18next';
import { LOCALE } from '../../i18n/language';
import { usePeriodLabel } from '../../i18n/period-label';
import type { Place } from '../../api/types';
import type { DimensionNames } from '../../app/dimension-names';
import { NONE, type PivotHeader } from './pivot';

export interface Labels {
  dimension(dim: string): string;
  value(dim: string, h: PivotHeader): string;
  period(id: string): string;
  locale: string;
}

/** `names`: the program's disaggregation dimensions and options in the current language. */
export function useLabels(places: readonly Place[] | undefined, names: DimensionNames): Labels {
  const { t, i18n } = useTranslation('explorer');
  const locale = LOCALE[i18n.language === 'es' ? 'es' : 'en'];
  const period = usePeriodLabel();

  const dimension = (dim: string): string => {
    const level = /^place-level:(\d+)$/.exec(dim);
    if (level) {
      const n = Number(level[1]);
      if (n === 1) return t('dim.national');
      const example = places?.find((p) => p.level === n)?.name;
      return example ? t('dim.placeLevelExample', { level: n, example }) : t('dim.placeLevel', { level: n });
    }
    if (dim === 'period:year') return t('dim.year');
    if (dim.startsWith('period:fy-')) return t('dim.fiscal');
    if (dim === 'period:quarter') return t('dim.quarter');
    if (dim === 'period:month') return t('dim.month');
    if (dim.startsWith('disagg:')) return t('dim.disagg', { name: names.dimension(dim.slice('disagg:'.length)) });
    if (dim === 'source') return t('dim.source');
    return dim;
  };

  const value = (dim: string, h: PivotHeader): string => {
    if (!dim) return t('value');
    if (h.key === NONE) return dim === 'source' ? t('noSource') : t('notSplit');
    if (dim.startsWith('place-level:')) return h.name ?? h.key;
    if (dim.startsWith('period:')) return period(h.key);
    if (dim.startsWith('disagg:')) return names.option(dim.slice('disagg:'.length), h.key);
    return h.key;
  };

  return { dimension, value, period, locale };
}
