/** Creating a user: email, name, role, organisation (a partner needs one) and clearance; the server may generate the password. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessFields, type Access } from './AccessFields';
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
  const [access, setAccess] = useState<Access>({ role: 'partner', organisation: '', clearance: 'official' });
  const { role, organisation, clearance } = access;
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
      <AccessFields value={access} onChange={setAccess} organisations={organisations} partnerNeedsOrganisation />
    </FormPanel>
  );
}
