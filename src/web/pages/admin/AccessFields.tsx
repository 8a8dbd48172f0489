/** The role, organisation and clearance fields that creating a user and changing one share. */
import { useTranslation } from 'react-i18next';
import { CLEARANCES, ROLES, type ClearanceCode, type RoleCode } from '../../api/vocabularies';

export interface Access {
  role: RoleCode;
  organisation: string;
  clearance: ClearanceCode;
}

/** `organisations`: the codes to choose from; a partner must have one when `partnerNeedsOrganisation`. */
export function AccessFields({
  value,
  onChange,
  organisations,
  partnerNeedsOrganisation = false,
}: {
  value: Access;
  onChange: (next: Access) => void;
  organisations: string[];
  partnerNeedsOrganisation?: boolean;
}) {
  const { t } = useTranslation('admin');
  return (
    <>
      <label>
        {t('users.role')}
        <select name="role" value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as RoleCode })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('users.organisation')}
        <select
          name="organisation"
          value={value.organisation}
          onChange={(e) => onChange({ ...value, organisation: e.target.value })}
          required={partnerNeedsOrganisation && value.role === 'partner'}
        >
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
        <select name="clearance" value={value.clearance} onChange={(e) => onChange({ ...value, clearance: e.target.value as ClearanceCode })}>
          {CLEARANCES.map((c) => (
            <option key={c} value={c}>
              {t(`users.clearances.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
