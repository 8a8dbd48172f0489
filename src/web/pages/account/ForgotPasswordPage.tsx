/**
 * "Forgot password" (only linked when the server has e-mail): asks for a link by e-mail. The
 * answer is the same whether or not the address has an account, and so is what this page says.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { api, ok, ApiError } from '../../api/client';
import type { Language } from '../../i18n/language';
import './account.css';

export default function ForgotPasswordPage() {
  const { t, i18n } = useTranslation('account');
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: (body: { email: string; language: Language }) => ok(api.POST('/api/auth/forgot-password', { body })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate({ email: email.trim(), language: i18n.language === 'es' ? 'es' : 'en' });
  };
  return (
    <section className="sign-in account-page" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">{t('forgotTitle')}</h1>
      <p>{t('forgotIntro')}</p>
      {ask.isSuccess ? (
        <p role="status" className="ok" data-testid="forgot-sent">
          {t('forgotSent')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <label>
            {t('common:email')}
            <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          {ask.error && (
            <p role="alert" className="error">
              {t('common:error', { message: ask.error instanceof ApiError ? ask.error.message : String(ask.error) })}
            </p>
          )}
          <button type="submit" disabled={ask.isPending}>
            {t('forgotSend')}
          </button>
        </form>
      )}
    </section>
  );
}
