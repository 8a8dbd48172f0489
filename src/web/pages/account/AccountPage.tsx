/** Your account (every signed-in user): who you are in Vigia, your display name, password and language. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok, ApiError } from '../../api/client';
import { keys, useMe, useOrganisations } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import type { User } from '../../api/types';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguagePreference } from './LanguagePreference';
import './account.css';
import { PageHelp } from '../../components/PageHelp';

export default function AccountPage() {
  const { t } = useTranslation('account');
  const me = useMe();
  const user = me.data?.user ?? null;
  return (
    <div className="account-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="account" />
      <QueryState pending={me.isPending} error={me.error}>
        {user && <AccountDetails key={user.id} user={user} />}
      </QueryState>
    </div>
  );
}

function AccountDetails({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const localName = useLocalName();
  const { code } = useProgram();
  const organisations = useOrganisations(code, user.organisation_id !== null);
  const organisation = organisations.data?.find((o) => o.id === user.organisation_id);
  const client = useQueryClient();
  const [name, setName] = useState(user.name);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const save = useMutation({
    mutationFn: (body: { name: string }) => ok(api.PATCH('/api/users/me', { body })),
    onSuccess: async (u) => {
      await client.invalidateQueries({ queryKey: keys.me });
      setNotice(t('saved', { name: u.name }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    if (!name.trim()) {
      setProblem(t('nameRequired'));
      return;
    }
    setProblem('');
    save.mutate({ name: name.trim() });
  };
  const error = save.error instanceof ApiError ? save.error.message : save.error ? String(save.error) : '';
  return (
    <>
      <section className="panel" aria-labelledby="account-details-heading">
        <h2 id="account-details-heading">{t('details')}</h2>
        <dl className="account-details" data-testid="account-details">
          <dt>{t('email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('role')}</dt>
          <dd>{t(`common:roles.${user.role}`)}</dd>
          {organisation && (
            <>
              <dt>{t('organisation')}</dt>
              <dd>
                {localName(organisation)} ({organisation.code})
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-labelledby="account-name-heading">
        <h2 id="account-name-heading">{t('change')}</h2>
        <p role="status" className="ok" data-testid="account-saved">
          {notice}
        </p>
        <form className="filters" onSubmit={submit} data-testid="account-name-form" noValidate>
          <label>
            {t('name')} <span className="muted">({t('nameHint')})</span>
            <input
              name="name"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              aria-invalid={problem !== ''}
            />
          </label>
          <button type="submit" disabled={save.isPending}>
            {t('common:save')}
          </button>
        </form>
        {(problem || error) && (
          <p role="alert" className="error">
            {problem || t('common:error', { message: error })}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="account-password-heading">
        <h2 id="account-password-heading">{t('passwordHeading')}</h2>
        <p className="muted">{t('passwordHint')}</p>
        <ChangePasswordForm />
      </section>
      <LanguagePreference user={user} />
    </>
  );
}
