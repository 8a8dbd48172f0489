import { useTranslation } from 'react-i18next';

export default function PublicPage() {
  const { t } = useTranslation('public');
  return <h1>{t('title')}</h1>;
}
