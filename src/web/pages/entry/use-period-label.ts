/** Period ids as people read them: 2013, Q3 2013 (T3 2013), Jul 2013 (jul. 2013). */
import { useTranslation } from 'react-i18next';
import { LOCALE } from '../../i18n/language';
import { useFormat } from '../../i18n/format';

export function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation('entry');
  const { language } = useFormat();
  const month = new Intl.DateTimeFormat(LOCALE[language], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (period) => {
    const q = /^(\d{4})Q([1-4])$/.exec(period);
    if (q) return t('quarterLabel', { year: q[1], quarter: q[2] });
    const m = /^(\d{4})(\d{2})$/.exec(period);
    if (m) return month.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
    return period;
  };
}
