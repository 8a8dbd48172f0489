import { useTranslation } from 'react-i18next';

export default function ReportsPage() {
  const { t } = useTranslation('reports');
  return <h1>{t('title')}</h1>;
}
