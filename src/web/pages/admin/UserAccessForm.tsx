/** Changing one user's display name and what they may do: role, organisation, clearance, active. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, User } from '../../api/types';
import { CLEARANCES, ROLES, type ClearanceCode, type RoleCode } from '../../api/vocabularies';
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
  const [role, setRole] = useState<RoleCode>(user.role);
  const [organisation, setOrganisation] = useState(organisations.find((o) => o.id === user.organisation_id)?.code ?? '');
  const [clearance, setClearance] = useState<ClearanceCode>(user.clearance);
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
        <select name="organisation" value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
          <option value="">{t('none')}</option>
          {organisations.map((o) => (
            <option key={o.code} value={o.code}>
              {o.code}
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
      <label className="checkbox">
        <span>{t('users.active')}</span>
        <input name="active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
      </label>
    </FormPanel>
  );
}
