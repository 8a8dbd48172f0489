/** The user's language, kept on the server: the web app opens in it at sign-in, and e-mails use it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok, ApiError } from '../../api/client';
import { keys } from '../../app/queries';
import { LANGUAGES, storeLanguage, type Language } from '../../i18n/language';
import type { User } from '../../api/types';

export function LanguagePreference({ user }: { user: User }) {
  const { t, i18n } = useTranslation('account');
  const client = useQueryClient();
  const [notice, setNotice] = useState('');
  const save = useMutation({
    mutationFn: (language: Language) => ok(api.PATCH('/api/users/me', { body: { language } })),
    onSuccess: async (u) => {
      if (u.language) {
        storeLanguage(u.language);
        await i18n.changeLanguage(u.language);
      }
      await client.invalidateQueries({ queryKey: keys.me });
      setNotice(t('languageSaved'));
    },
  });
  return (
    <section className="panel" aria-labelledby="account-language-heading">
      <h2 id="account-language-heading">{t('languageHeading')}</h2>
      <p className="muted">{t('languageHint')}</p>
      <p role="status" className="ok" data-testid="language-saved">
        {notice}
      </p>
      <label>
        {t('common:language')}{' '}
        <select
          name="language"
          value={user.language ?? ''}
          onChange={(e) => {
            setNotice('');
            save.mutate(e.target.value as Language);
          }}
          disabled={save.isPending}
        >
          {user.language === null && (
            <option value="" disabled>
              {t('languageUnset')}
            </option>
          )}
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {l === 'en' ? t('common:english') : t('common:spanish')}
            </option>
          ))}
        </select>
      </label>
      {save.error && (
        <p role="alert" className="error">
          {t('common:error', { message: save.error instanceof ApiError ? save.error.message : String(save.error) })}
        </p>
      )}
    </section>
  );
}
