/** Approvals: partners submit their data of a period for review; officers and administrators review them. */
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { PartnerSubmissions } from './PartnerSubmissions';
import { ReviewQueue } from './ReviewQueue';
import './approvals.css';
import { PageHelp } from '../../components/PageHelp';

export default function ApprovalsPage() {
  const { t } = useTranslation('approvals');
  const { role } = useProgram();
  return (
    <div className="approvals-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="approvals" />
      {role === 'partner' ? <PartnerSubmissions /> : role === 'officer' || role === 'admin' ? <ReviewQueue /> : null}
    </div>
  );
}
