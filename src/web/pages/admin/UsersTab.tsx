/** Users (administrators): who may do what; create, change access, reset a password. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../components/QueryState';
import type { User } from '../../api/types';
import { ErrorNote } from './ErrorNote';
import { OneTimePassword } from './OneTimePassword';
import { UserAccessForm } from './UserAccessForm';
import { CLEARANCES, ROLES, type ClearanceCode, type RoleCode } from '../../api/vocabularies';
import { useCreateUser, useResetPassword, useUsers } from './use-users';

export function UsersTab() {
  const { t } = useTranslation('admin');
  const f = useFormat();
  const { code } = useProgram();
  const users = useUsers();
  const orgs = useOrganisations(code);
  const [editing, setEditing] = useState<User | null>(null);
  const [confirmReset, setConfirmReset] = useState<User | null>(null);
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);
  const [notice, setNotice] = useState('');
  const reset = useResetPassword();
  const orgCode = (id: number | null) => (id === null ? '' : (orgs.data?.find((o) => o.id === id)?.code ?? String(id)));

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('users.heading')}</h2>
      {shown && <OneTimePassword email={shown.email} password={shown.password} onDone={() => setShown(null)} />}
      <p role="status" className="ok">{notice}</p>
      <QueryState pending={users.isPending} error={users.error}>
        <div className="table-wrap">
          <table data-testid="users-table">
            <caption className="visually-hidden">{t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.organisation')}</th>
                <th scope="col">{t('users.clearance')}</th>
                <th scope="col">{t('users.active')}</th>
                <th scope="col">{t('users.created')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.email}`} className={editing?.id === u.id ? 'selected' : undefined}>
                  <th scope="row">{u.email}</th>
                  <td>{u.name}</td>
                  <td data-testid="user-role">{t(`common:roles.${u.role}`)}</td>
                  <td>{orgCode(u.organisation_id)}</td>
                  <td>{t(`users.clearances.${u.clearance}`)}</td>
                  <td>{u.active ? t('yes') : t('no')}</td>
                  <td>{f.date(u.created_at)}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="secondary" onClick={() => { setEditing(u); setConfirmReset(null); }} aria-label={`${t('edit')}: ${u.email}`}>
                        {t('edit')}
                      </button>
                      <button type="button" className="secondary" onClick={() => { setConfirmReset(u); setEditing(null); }} aria-label={`${t('users.resetPassword')}: ${u.email}`}>
                        {t('users.resetPassword')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>

      {confirmReset && (
        <div className="panel" data-testid="confirm-reset">
          <p>{t('users.resetConfirm', { email: confirmReset.email })}</p>
          <div className="row-actions">
            <button
              type="button"
              className="danger"
              disabled={reset.isPending}
              onClick={() =>
                reset.mutate(confirmReset.id, {
                  onSuccess: (r) => {
                    setShown({ email: confirmReset.email, password: r.password });
                    setConfirmReset(null);
                  },
                })
              }
            >
              {t('users.resetPassword')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmReset(null)}>
              {t('common:cancel')}
            </button>
          </div>
          <ErrorNote error={reset.error} />
        </div>
      )}

      {editing && (
        <UserAccessForm
          key={editing.id}
          user={editing}
          organisations={orgs.data ?? []}
          onDone={(changed, pending) => {
            setEditing(null);
            if (changed) setNotice(t(pending ? 'users.changed_pending' : 'users.changed_ok', { email: changed.email }));
          }}
        />
      )}

      <CreateUserForm
        organisations={(orgs.data ?? []).map((o) => o.code)}
        onCreated={(email, password, pending) => {
          setNotice(t(pending ? 'users.created_pending' : 'users.created_ok', { email }));
          if (password) setShown({ email, password });
        }}
      />
    </section>
  );
}

function CreateUserForm({ organisations, onCreated }: { organisations: string[]; onCreated: (email: string, password: string | undefined, pending: boolean) => void }) {
  const { t } = useTranslation('admin');
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleCode>('partner');
  const [organisation, setOrganisation] = useState('');
  const [clearance, setClearance] = useState<ClearanceCode>('official');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { email: email.trim(), name: name.trim(), role, clearance, ...(organisation ? { organisation } : {}) },
      {
        onSuccess: (r) => {
          onCreated(r.user.email, r.password, Boolean(r.pending_grant));
          setEmail('');
          setName('');
        },
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h3 id="create-user-heading">{t('users.create')}</h3>
      <form className="admin-form" onSubmit={submit} data-testid="create-user-form">
        <label>
          {t('users.email')}
          <input name="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('users.name')}
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('users.role')}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as RoleCode)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{t(`common:roles.${r}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('users.organisation')}
          <select name="organisation" value={organisation} onChange={(e) => setOrganisation(e.target.value)} required={role === 'partner'}>
            <option value="">{t('none')}</option>
            {organisations.map((o) => (
              <option key={o} value={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          {t('users.clearance')}
          <select name="clearance" value={clearance} onChange={(e) => setClearance(e.target.value as ClearanceCode)}>
            {CLEARANCES.map((c) => (
              <option key={c} value={c}>{t(`users.clearances.${c}`)}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>{t('users.createButton')}</button>
      </form>
      <ErrorNote error={create.error} />
    </section>
  );
}
