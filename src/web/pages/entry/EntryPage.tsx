import { useTranslation } from 'react-i18next';

export default function EntryPage() {
  const { t } = useTranslation('entry');
  return <h1>{t('title')}</h1>;
}
