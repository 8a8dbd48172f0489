import { useTranslation } from 'react-i18next';

export default function AdminPage() {
  const { t } = useTranslation('admin');
  return <h1>{t('title')}</h1>;
}
