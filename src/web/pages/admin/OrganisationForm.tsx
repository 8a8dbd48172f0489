/** Adding an organisation, or changing one's names, kind, country and IATI reference (its code stays). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import type { Organisation } from '../../api/types';
import { keys } from '../../app/queries';
import { ORGANISATION_KINDS, isOneOf, type OrganisationKind } from '../../api/vocabularies';
import { FormPanel } from './FormPanel';
import { useAdminWrite } from './use-admin-write';

interface OrganisationInput {
  code: string;
  name_en: string;
  name_es: string;
  kind: OrganisationKind;
  country_code: string | null;
  iati_ref: string | null;
}

export function OrganisationForm({ program, existing, onDone }: { program: string; existing?: Organisation; onDone: (saved: Organisation | null) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState<OrganisationInput>({
    code: existing?.code ?? '',
    name_en: existing?.name_en ?? '',
    name_es: existing?.name_es ?? '',
    kind: isOneOf(ORGANISATION_KINDS, existing?.kind) ? existing.kind : 'government',
    country_code: existing?.country_code ?? '',
    iati_ref: existing?.iati_ref ?? '',
  });
  const save = useAdminWrite(
    (o: OrganisationInput) =>
      existing
        ? ok(
            api.PATCH('/api/programs/{program}/organisations/{code}', {
              params: { path: { program, code: existing.code } },
              body: { name_en: o.name_en, name_es: o.name_es, kind: o.kind, country_code: o.country_code, iati_ref: o.iati_ref },
            }),
          )
        : ok(api.POST('/api/programs/{program}/organisations', { params: { path: { program } }, body: o })),
    [keys.organisations(program)],
    (saved) => {
      if (!existing) setForm({ code: '', name_en: '', name_es: '', kind: 'government', country_code: '', iati_ref: '' });
      onDone(saved);
    },
  );
  const set = (k: keyof OrganisationInput) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const id = existing ? 'org-edit' : 'org-new';
  return (
    <FormPanel
      id={id}
      title={existing ? t('organisations.change', { code: existing.code }) : t('organisations.add')}
      formTestId={existing ? 'edit-organisation-form' : 'add-organisation-form'}
      onSubmit={() =>
        save.mutate({ ...form, code: form.code.trim(), country_code: form.country_code?.trim().toUpperCase() || null, iati_ref: form.iati_ref?.trim() || null })
      }
      submitLabel={existing ? t('common:save') : t('organisations.addButton')}
      busy={save.isPending}
      onCancel={existing ? () => onDone(null) : undefined}
      error={save.error}
    >
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
            <option key={k} value={k}>
              {t(`organisations.kinds.${k}`)}
            </option>
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
    </FormPanel>
  );
}
