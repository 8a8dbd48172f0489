/** Users (administrators): who may do what; create, change access, reset a password. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../components/QueryState';
import type { User } from '../../api/types';
import { AdminSection } from './AdminSection';
import { AdminTable, RowButton } from './AdminTable';
import { ConfirmPanel } from './ConfirmPanel';
import { CreateUserForm } from './CreateUserForm';
import { ErrorNote } from './ErrorNote';
import { OneTimePassword } from './OneTimePassword';
import { UserAccessForm } from './UserAccessForm';
import { useResetPassword, useUsers } from './use-users';

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
    <AdminSection
      id="users"
      heading={t('users.heading')}
      notice={notice}
      top={shown && <OneTimePassword email={shown.email} password={shown.password} onDone={() => setShown(null)} />}
    >
      <QueryState pending={users.isPending} error={users.error}>
        <AdminTable
          testId="users-table"
          caption={t('users.list')}
          rows={users.data ?? []}
          rowKey={(u) => u.id}
          rowTestId={(u) => `user-row-${u.email}`}
          selected={(u) => editing?.id === u.id}
          columns={[
            { head: t('users.email'), rowHeader: true, cell: (u) => u.email },
            { head: t('users.name'), cell: (u) => u.name },
            { head: t('users.role'), testId: 'user-role', cell: (u) => t(`common:roles.${u.role}`) },
            { head: t('users.organisation'), cell: (u) => orgCode(u.organisation_id) },
            { head: t('users.clearance'), cell: (u) => t(`users.clearances.${u.clearance}`) },
            { head: t('users.active'), cell: (u) => (u.active ? t('yes') : t('no')) },
            { head: t('users.created'), cell: (u) => f.date(u.created_at) },
            {
              head: t('users.actions'),
              cell: (u) => (
                <div className="row-actions">
                  <RowButton
                    label={t('edit')}
                    what={u.email}
                    onClick={() => {
                      setEditing(u);
                      setConfirmReset(null);
                    }}
                  />
                  <RowButton
                    label={t('users.resetPassword')}
                    what={u.email}
                    onClick={() => {
                      setConfirmReset(u);
                      setEditing(null);
                    }}
                  />
                </div>
              ),
            },
          ]}
        />
      </QueryState>

      {confirmReset && (
        <ConfirmPanel
          testId="confirm-reset"
          question={t('users.resetConfirm', { email: confirmReset.email })}
          confirmLabel={t('users.resetPassword')}
          busy={reset.isPending}
          onConfirm={() =>
            reset.mutate(confirmReset.id, {
              onSuccess: (r) => {
                setShown({ email: confirmReset.email, password: r.password });
                setConfirmReset(null);
              },
            })
          }
          onCancel={() => setConfirmReset(null)}
        >
          <ErrorNote error={reset.error} />
        </ConfirmPanel>
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
    </AdminSection>
  );
}
