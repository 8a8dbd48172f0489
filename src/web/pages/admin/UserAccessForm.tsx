/** Changing one user's display name and what they may do: role, organisation, clearance, active. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, User } from '../../api/types';
import { AccessFields, type Access } from './AccessFields';
import { FormPanel } from './FormPanel';
import { useChangeUser } from './use-users';

/** `onDone(changed, pending)`: `pending` when a restricted clearance waits for a second administrator. */
export function UserAccessForm({
  user,
  organisations,
  onDone,
}: {
  user: User;
  organisations: Organisation[];
  onDone: (changed: User | null, pending?: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const change = useChangeUser();
  const [name, setName] = useState(user.name);
  const [access, setAccess] = useState<Access>({
    role: user.role,
    organisation: organisations.find((o) => o.id === user.organisation_id)?.code ?? '',
    clearance: user.clearance,
  });
  const { role, organisation, clearance } = access;
  const [active, setActive] = useState(Boolean(user.active));
  const submit = () =>
    change.mutate(
      { id: user.id, change: { name: name.trim(), role, clearance, active, organisation: organisation || null } },
      { onSuccess: (r) => ('pending_grant' in r ? onDone(r.user, true) : onDone(r)) },
    );
  return (
    <FormPanel
      id="user-access"
      title={t('users.change', { email: user.email })}
      panelTestId="user-access"
      onSubmit={submit}
      submitLabel={t('common:save')}
      busy={change.isPending}
      onCancel={() => onDone(null)}
      error={change.error}
    >
      <label>
        {t('users.name')}
        <input name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      <AccessFields value={access} onChange={setAccess} organisations={organisations.map((o) => o.code)} />
      <label className="checkbox">
        <span>{t('users.active')}</span>
        <input name="active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
      </label>
    </FormPanel>
  );
}
