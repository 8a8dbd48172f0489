/** Organisations (administrators): the program's agencies and partners; add and change them. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Organisation } from '../../api/types';
import { invalidateData, keys, useOrganisations } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import { ErrorNote } from './ErrorNote';
import { ORGANISATION_KINDS, isOneOf, type OrganisationKind } from '../../api/vocabularies';

export function OrganisationsTab() {
  const { t } = useTranslation('admin');
  const { code } = useProgram();
  const name = useLocalName();
  const orgs = useOrganisations(code);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [notice, setNotice] = useState('');
  const kindLabel = (k: string) => (isOneOf(ORGANISATION_KINDS, k) ? t(`organisations.kinds.${k}`) : k);
  return (
    <section aria-labelledby="orgs-heading">
      <h2 id="orgs-heading">{t('organisations.heading')}</h2>
      <p role="status" className="ok">{notice}</p>
      <QueryState pending={orgs.isPending} error={orgs.error}>
        <div className="table-wrap">
          <table data-testid="organisations-table">
            <caption className="visually-hidden">{t('organisations.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisations.code')}</th>
                <th scope="col">{t('organisations.name')}</th>
                <th scope="col">{t('organisations.kind')}</th>
                <th scope="col">{t('organisations.country')}</th>
                <th scope="col">{t('organisations.iati')}</th>
                <th scope="col"><span className="visually-hidden">{t('edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {(orgs.data ?? []).map((o) => (
                <tr key={o.code} data-testid={`org-row-${o.code}`} className={editing?.code === o.code ? 'selected' : undefined}>
                  <th scope="row">{o.code}</th>
                  <td>{name(o)}</td>
                  <td>{kindLabel(o.kind)}</td>
                  <td>{o.country_code ?? ''}</td>
                  <td>{o.iati_ref ?? ''}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setEditing(o)} aria-label={`${t('edit')}: ${o.code}`}>
                      {t('edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
    </section>
  );
}

interface OrganisationInput {
  code: string;
  name_en: string;
  name_es: string;
  kind: OrganisationKind;
  country_code: string | null;
  iati_ref: string | null;
}

function OrganisationForm({ program, existing, onDone }: { program: string; existing?: Organisation; onDone: (saved: Organisation | null) => void }) {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [form, setForm] = useState<OrganisationInput>({
    code: existing?.code ?? '',
    name_en: existing?.name_en ?? '',
    name_es: existing?.name_es ?? '',
    kind: isOneOf(ORGANISATION_KINDS, existing?.kind) ? existing.kind : 'government',
    country_code: existing?.country_code ?? '',
    iati_ref: existing?.iati_ref ?? '',
  });
  const save = useMutation({
    mutationFn: (o: OrganisationInput) =>
      existing
        ? ok(api.PATCH('/api/programs/{program}/organisations/{code}', { params: { path: { program, code: existing.code } }, body: { name_en: o.name_en, name_es: o.name_es, kind: o.kind, country_code: o.country_code, iati_ref: o.iati_ref } }))
        : ok(api.POST('/api/programs/{program}/organisations', { params: { path: { program } }, body: o })),
    onSuccess: async (saved) => {
      await Promise.all([client.invalidateQueries({ queryKey: keys.organisations(program) }), invalidateData(client)]);
      if (!existing) setForm({ code: '', name_en: '', name_es: '', kind: 'government', country_code: '', iati_ref: '' });
      onDone(saved);
    },
  });
  const set = (k: keyof OrganisationInput) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...form, code: form.code.trim(), country_code: form.country_code?.trim().toUpperCase() || null, iati_ref: form.iati_ref?.trim() || null });
  };
  const id = existing ? 'org-edit' : 'org-new';
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{existing ? t('organisations.change', { code: existing.code }) : t('organisations.add')}</h3>
      <form className="admin-form" onSubmit={submit} data-testid={existing ? 'edit-organisation-form' : 'add-organisation-form'}>
        {!existing && (
          <label>
            {t('organisations.code')}
            <input name="code" required maxLength={50} pattern="[A-Za-z0-9_.\-]+" value={form.code} onChange={set('code')} />
          </label>
        )}
        <label>
          {t('organisations.nameEn')}
          <input name="name_en" required maxLength={200} value={form.name_en} onChange={set('name_en')} />
        </label>
        <label>
          {t('organisations.nameEs')}
          <input name="name_es" required maxLength={200} value={form.name_es} onChange={set('name_es')} />
        </label>
        <label>
          {t('organisations.kind')}
          <select name="kind" value={form.kind} onChange={set('kind')}>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>{t(`organisations.kinds.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('organisations.country')}
          <input name="country_code" size={4} maxLength={2} pattern="[A-Za-z]{2}" value={form.country_code ?? ''} onChange={set('country_code')} />
        </label>
        <label>
          {t('organisations.iati')}
          <input name="iati_ref" maxLength={100} value={form.iati_ref ?? ''} onChange={set('iati_ref')} />
        </label>
        <div className="actions">
          <button type="submit" disabled={save.isPending}>{existing ? t('common:save') : t('organisations.addButton')}</button>
          {existing && <button type="button" className="secondary" onClick={() => onDone(null)}>{t('common:cancel')}</button>}
        </div>
      </form>
      <ErrorNote error={save.error} />
    </section>
  );
}
