import { useTranslation } from 'react-i18next';

export default function ImportsPage() {
  const { t } = useTranslation('imports');
  return <h1>{t('title')}</h1>;
}
