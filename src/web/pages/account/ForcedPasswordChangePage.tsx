/**
 * Where a user with a one-time password (new, or reset by an administrator) is held: the API
 * refuses everything else (403 password_change_required) until they choose their own.
 */
import { useTranslation } from 'react-i18next';
import { useRouter } from '../../app/router';
import { ChangePasswordForm } from './ChangePasswordForm';
import './account.css';

export default function ForcedPasswordChangePage() {
  const { t } = useTranslation('account');
  const { navigate } = useRouter();
  return (
    <section className="account-page panel" aria-labelledby="forced-heading" data-testid="forced-password-change">
      <h1 id="forced-heading">{t('forcedTitle')}</h1>
      <p>{t('forcedIntro')}</p>
      <ChangePasswordForm currentLabel={t('forcedCurrent')} onChanged={() => navigate('/dashboard', { replace: true })} />
    </section>
  );
}
