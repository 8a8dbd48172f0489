/** Creating a user: email, name, role, organisation (a partner needs one) and clearance; the server may generate the password. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLEARANCES, ROLES, type ClearanceCode, type RoleCode } from '../../api/vocabularies';
import { FormPanel } from './FormPanel';
import { useCreateUser } from './use-users';

/** `onCreated(email, password, pending)`: the generated password, if any; `pending` when a restricted clearance waits for a second administrator. */
export function CreateUserForm({
  organisations,
  onCreated,
}: {
  organisations: string[];
  onCreated: (email: string, password: string | undefined, pending: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleCode>('partner');
  const [organisation, setOrganisation] = useState('');
  const [clearance, setClearance] = useState<ClearanceCode>('official');
  const submit = () =>
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
  return (
    <FormPanel
      id="create-user"
      title={t('users.create')}
      formTestId="create-user-form"
      onSubmit={submit}
      submitLabel={t('users.createButton')}
      busy={create.isPending}
      error={create.error}
    >
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
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.organisation')}
        <select name="organisation" value={organisation} onChange={(e) => setOrganisation(e.target.value)} required={role === 'partner'}>
          <option value="">{t('none')}</option>
          {organisations.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.clearance')}
        <select name="clearance" value={clearance} onChange={(e) => setClearance(e.target.value as ClearanceCode)}>
          {CLEARANCES.map((c) => (
            <option key={c} value={c}>
              {t(`users.clearances.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </FormPanel>
  );
}
