import { useTranslation } from 'react-i18next';

export default function RecordsPage() {
  const { t } = useTranslation('records');
  return <h1>{t('title')}</h1>;
}
