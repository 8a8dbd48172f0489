/** Period ids as readers say them: 2012 stays 2012; the fiscal year 2012Oct is FY2013 (AF2013 in Spanish). */
import { useTranslation } from 'react-i18next';
import { periodYear } from './dashboard-stats';

export function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation('dashboard');
  return (period) => (/^\d{4}Oct$/.test(period) ? t('fy', { year: periodYear(period) }) : period);
}
