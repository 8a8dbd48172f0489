/**
 * The switch "Approved data only" of the internal views' filters: figures that include
 * unapproved values are marked, and this shows the approved figures instead. Shown only to
 * those who see unapproved data (officers and administrators).
 */
import { useTranslation } from 'react-i18next';
import { useSeesDrafts } from '../app/approved-only';

export function ApprovedOnlySwitch({ checked, onChange }: { checked: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation('common');
  if (!useSeesDrafts()) return null;
  return (
    <label className="approved-only" title={t('approvedOnlyHelp')}>
      <input type="checkbox" name="approved" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid="approved-only" />
      {t('approvedOnly')}
    </label>
  );
}
