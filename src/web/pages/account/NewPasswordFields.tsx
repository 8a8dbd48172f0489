/** The new password, typed twice, with the rules the server checks (so most mistakes show before sending). */
import { useTranslation } from 'react-i18next';

export interface NewPassword {
  next: string;
  confirm: string;
}

/** The problem with the new password, as a label key of the account namespace; null when it may be sent. */
export function newPasswordProblem(p: NewPassword, current?: string): string | null {
  if (p.next.length < 10) return 'tooShort';
  if (p.next !== p.confirm) return 'mismatch';
  if (current !== undefined && p.next === current) return 'mustDiffer';
  return null;
}

export function NewPasswordFields({ value, onChange }: { value: NewPassword; onChange: (v: NewPassword) => void }) {
  const { t } = useTranslation('account');
  return (
    <>
      <label>
        {t('newPassword')} <span className="muted">({t('newPasswordHint')})</span>
        <input
          type="password"
          name="new_password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          value={value.next}
          onChange={(e) => onChange({ ...value, next: e.target.value })}
        />
      </label>
      <label>
        {t('confirmPassword')}
        <input
          type="password"
          name="confirm_password"
          autoComplete="new-password"
          required
          maxLength={200}
          value={value.confirm}
          onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        />
      </label>
    </>
  );
}
