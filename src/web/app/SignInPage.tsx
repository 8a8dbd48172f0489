/**
 * Sign in with email and password; the server sets an httpOnly session cookie. The app then
 * speaks the user's chosen language; "forgot password" is offered only when the server can mail.
 */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok, ApiError } from '../api/client';
import { forgetReader, keys } from './queries';
import { Link, useRouter } from './router';
import { storeLanguage } from '../i18n/language';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const options = useQuery({ queryKey: keys.authOptions, queryFn: () => ok(api.GET('/api/auth/options')), staleTime: Infinity });
  const { navigate, query } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await ok(api.POST('/api/auth/sign-in', { body: { email, password } }));
      if (user.language) {
        storeLanguage(user.language);
        await i18n.changeLanguage(user.language);
      }
      await forgetReader(client);
      navigate(query.get('next') ?? '/dashboard');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn')}</h1>
      <form onSubmit={submit}>
        <label>
          {t('email')}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error">
            {t('signInFailed', { message: error })}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
      {options.data?.forgot_password && (
        <p>
          <Link to="/forgot-password">{t('forgotPassword')}</Link>
        </p>
      )}
    </section>
  );
}
