/** Adding a zone: its code, its names in both languages, and its first members. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Place, Zone } from '../../api/types';
import { FormPanel } from './FormPanel';
import { MemberChoices } from './MemberChoices';
import { useAdminWrite } from './use-admin-write';

export function AddZoneForm({ program, places, onAdded }: { program: string; places: Place[]; onAdded: (z: Zone) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ code: '', name_en: '', name_es: '' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const add = useAdminWrite(
    (body: { code: string; name_en: string; name_es: string; places: string[] }) =>
      ok(api.POST('/api/programs/{program}/zones', { params: { path: { program } }, body })),
    [keys.zones(program)],
    (z) => {
      setForm({ code: '', name_en: '', name_es: '' });
      setChosen(new Set());
      onAdded(z);
    },
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = () => add.mutate({ code: form.code.trim(), name_en: form.name_en.trim(), name_es: form.name_es.trim(), places: [...chosen] });
  return (
    <FormPanel
      id="add-zone"
      title={t('zones.add')}
      formTestId="add-zone-form"
      onSubmit={submit}
      submitLabel={t('zones.addButton')}
      busy={add.isPending}
      error={add.error}
    >
      <label>
        {t('zones.code')}
        <input name="code" required maxLength={50} pattern="[A-Za-z0-9_.\-]+" value={form.code} onChange={set('code')} />
      </label>
      <label>
        {t('zones.nameEn')}
        <input name="name_en" required maxLength={200} value={form.name_en} onChange={set('name_en')} />
      </label>
      <label>
        {t('zones.nameEs')}
        <input name="name_es" required maxLength={200} value={form.name_es} onChange={set('name_es')} />
      </label>
      <MemberChoices id="add-zone" places={places} chosen={chosen} onChange={setChosen} />
    </FormPanel>
  );
}
