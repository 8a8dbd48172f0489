/** How the map says values and periods: a number with its unit, and fiscal years as FY2013. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

/** A formatted number with its unit ("3,509 ha", "12.5%"); counts go without a unit. */
export function withUnit(text: string, unit: string | undefined): string {
  if (!unit || unit === 'count') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** Formats a value with its unit in the current language. */
export function useValueText(): (value: number | null, unit: string | undefined) => string {
  const format = useFormat();
  return (value, unit) => (value === null ? format.number(null) : withUnit(format.number(value), unit));
}

/** 2012 stays 2012; a fiscal year id such as 2012Oct is named by the year it ends in (FY2013). */
export function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation('map');
  return (period) => {
    const fiscal = /^(\d{4})[A-Za-z]+$/.exec(period);
    return fiscal ? t('fy', { year: Number(fiscal[1]) + 1 }) : period;
  };
}
