/** Renaming a zone, in both languages (its code stays). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Zone } from '../../api/types';
import { FormPanel } from './FormPanel';
import { useAdminWrite } from './use-admin-write';

export function ZoneNamesForm({ program, zone, onDone }: { program: string; zone: Zone; onDone: (saved: Zone | null) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ name_en: zone.name_en, name_es: zone.name_es });
  const save = useAdminWrite(
    (body: { name_en: string; name_es: string }) =>
      ok(api.PATCH('/api/programs/{program}/zones/{code}', { params: { path: { program, code: zone.code } }, body })),
    [keys.zones(program)],
    (z) => onDone(z),
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <FormPanel
      id="zone-names"
      title={t('zones.renameHeading', { code: zone.code })}
      panelTestId="zone-names-form"
      onSubmit={() => save.mutate({ name_en: form.name_en.trim(), name_es: form.name_es.trim() })}
      submitLabel={t('common:save')}
      busy={save.isPending}
      onCancel={() => onDone(null)}
      error={save.error}
    >
      <label>
        {t('zones.nameEn')}
        <input name="name_en" required maxLength={200} value={form.name_en} onChange={set('name_en')} />
      </label>
      <label>
        {t('zones.nameEs')}
        <input name="name_es" required maxLength={200} value={form.name_es} onChange={set('name_es')} />
      </label>
    </FormPanel>
  );
}
