/**
 * The page an e-mailed "forgot password" link opens: the token is in the URL fragment (never
 * sent to the server with the page request, so it stays out of logs); it is sent once, with the
 * new password.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { api, ok, ApiError } from '../../api/client';
import { Link } from '../../app/router';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from './NewPasswordFields';
import './account.css';

export default function ResetPasswordPage() {
  const { t } = useTranslation('account');
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  const [fresh, setFresh] = useState<NewPassword>({ next: '', confirm: '' });
  const [problem, setProblem] = useState('');
  const reset = useMutation({
    mutationFn: (body: { token: string; new_password: string }) => ok(api.POST('/api/auth/reset-password', { body })),
    onError: (e) => setProblem(e instanceof ApiError && e.details[0]?.column === 'token' ? t('linkInvalid') : t('common:error', { message: String(e) })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = token ? newPasswordProblem(fresh) : 'linkInvalid';
    setProblem(key ? t(key) : '');
    if (!key) reset.mutate({ token, new_password: fresh.next });
  };
  return (
    <section className="sign-in account-page" aria-labelledby="reset-heading">
      <h1 id="reset-heading">{t('resetTitle')}</h1>
      {reset.isSuccess ? (
        <p role="status" className="ok" data-testid="reset-done">
          {t('resetDone')} <Link to="/sign-in">{t('toSignIn')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <NewPasswordFields value={fresh} onChange={setFresh} />
          {problem && (
            <p role="alert" className="error">
              {problem} {problem === t('linkInvalid') && <Link to="/forgot-password">{t('askAgain')}</Link>}
            </p>
          )}
          <button type="submit" disabled={reset.isPending}>
            {t('resetSave')}
          </button>
        </form>
      )}
    </section>
  );
}
