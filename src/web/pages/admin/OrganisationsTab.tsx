/** Organisations (administrators): the program's agencies and partners; add and change them. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';
import { useOrganisations } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import { ORGANISATION_KINDS, isOneOf } from '../../api/vocabularies';
import { AdminSection } from './AdminSection';
import { AdminTable, RowButton } from './AdminTable';
import { OrganisationForm } from './OrganisationForm';

export function OrganisationsTab() {
  const { t } = useTranslation('admin');
  const { code } = useProgram();
  const name = useLocalName();
  const orgs = useOrganisations(code);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [notice, setNotice] = useState('');
  const kindLabel = (k: string) => (isOneOf(ORGANISATION_KINDS, k) ? t(`organisations.kinds.${k}`) : k);
  return (
    <AdminSection id="orgs" heading={t('organisations.heading')} notice={notice}>
      <QueryState pending={orgs.isPending} error={orgs.error}>
        <AdminTable
          testId="organisations-table"
          caption={t('organisations.list')}
          rows={orgs.data ?? []}
          rowKey={(o) => o.code}
          rowTestId={(o) => `org-row-${o.code}`}
          selected={(o) => editing?.code === o.code}
          columns={[
            { head: t('organisations.code'), rowHeader: true, cell: (o) => o.code },
            { head: t('organisations.name'), cell: (o) => name(o) },
            { head: t('organisations.kind'), cell: (o) => kindLabel(o.kind) },
            { head: t('organisations.country'), cell: (o) => o.country_code ?? '' },
            { head: t('organisations.iati'), cell: (o) => o.iati_ref ?? '' },
            { head: t('edit'), hiddenHead: true, cell: (o) => <RowButton label={t('edit')} what={o.code} onClick={() => setEditing(o)} /> },
          ]}
        />
      </QueryState>
      {editing && (
        <OrganisationForm
          key={editing.code}
          program={code}
          existing={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(`${saved.code}: ${t('saved')}`);
          }}
        />
      )}
      <OrganisationForm key="new" program={code} onDone={(saved) => saved && setNotice(`${saved.code}: ${t('saved')}`)} />
    </AdminSection>
  );
}
