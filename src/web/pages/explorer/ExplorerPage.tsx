import { useTranslation } from 'react-i18next';

export default function ExplorerPage() {
  const { t } = useTranslation('explorer');
  return <h1>{t('title')}</h1>;
}
