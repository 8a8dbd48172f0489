import { useTranslation } from 'react-i18next';

export default function ApprovalsPage() {
  const { t } = useTranslation('approvals');
  return <h1>{t('title')}</h1>;
}
