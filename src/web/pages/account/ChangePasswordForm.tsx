/**
 * Changing one's own password, the current one required: on the account page, and on the page a
 * user with a one-time password is held on until they choose their own.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok, ApiError } from '../../api/client';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from './NewPasswordFields';

export function ChangePasswordForm({ currentLabel, onChanged }: { currentLabel?: string; onChanged?: () => void }) {
  const { t } = useTranslation('account');
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState<NewPassword>({ next: '', confirm: '' });
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const change = useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => ok(api.POST('/api/auth/password', { body })),
    onSuccess: async () => {
      setCurrent('');
      setFresh({ next: '', confirm: '' });
      setNotice(t('passwordChanged'));
      // Everything refused before (a one-time password) may now be read: every answer is asked
      // again, the program list and the roles in it too. The same reader, so the answers on screen
      // stay while asked (resetting them would unmount this form and its notice).
      await client.invalidateQueries();
      onChanged?.();
    },
    onError: (e) => {
      const column = e instanceof ApiError ? e.details[0]?.column : undefined;
      setProblem(column === 'current_password' ? t('wrongCurrent') : t('common:error', { message: e instanceof ApiError ? e.message : String(e) }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    const key = newPasswordProblem(fresh, current);
    setProblem(key ? t(key) : '');
    if (!key) change.mutate({ current_password: current, new_password: fresh.next });
  };
  return (
    <>
      <p role="status" className="ok" data-testid="password-changed">
        {notice}
      </p>
      <form className="filters password-form" onSubmit={submit} data-testid="password-form" noValidate>
        <label>
          {currentLabel ?? t('currentPassword')}
          <input
            type="password"
            name="current_password"
            autoComplete="current-password"
            required
            maxLength={200}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <NewPasswordFields value={fresh} onChange={setFresh} />
        <button type="submit" disabled={change.isPending}>
          {t('changePassword')}
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </>
  );
}
