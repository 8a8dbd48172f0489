/** Adding a place under a parent, with coordinates or without (both or neither). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Place } from '../../api/types';
import { readCoordinates } from './coordinates';
import { CoordinateFields } from './CoordinateFields';
import { FormPanel } from './FormPanel';
import { useAdminWrite } from './use-admin-write';

export function AddPlaceForm({ program, places, onAdded }: { program: string; places: Place[]; onAdded: (code: string) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ code: '', name: '', parent: '', lat: '', lon: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const add = useAdminWrite(
    (body: { code: string; name: string; parent?: string; lat?: number; lon?: number }) =>
      ok(api.POST('/api/programs/{program}/places', { params: { path: { program } }, body })),
    [keys.places(program)],
    (r) => {
      setForm({ code: '', name: '', parent: form.parent, lat: '', lon: '' });
      onAdded(r.code);
    },
  );
  const parent = form.parent || places[0]?.code || '';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = () => {
    const coords = readCoordinates(form.lat, form.lon);
    setProblems('problems' in coords ? coords.problems.map((p) => t(`places.${p}`)) : []);
    if ('problems' in coords) return;
    const { lat, lon } = coords;
    add.mutate({ code: form.code.trim(), name: form.name.trim(), ...(parent ? { parent } : {}), ...(lat !== null && lon !== null ? { lat, lon } : {}) });
  };
  return (
    <FormPanel
      id="add-place"
      title={t('places.add')}
      formTestId="add-place-form"
      noValidate
      onSubmit={submit}
      submitLabel={t('places.addButton')}
      busy={add.isPending || !form.code.trim() || !form.name.trim()}
      problems={problems}
      problemsTestId="place-problems"
      error={add.error}
    >
      <label>
        {t('places.code')}
        <input name="code" required maxLength={50} value={form.code} onChange={set('code')} />
      </label>
      <label>
        {t('places.name')}
        <input name="name" required maxLength={200} value={form.name} onChange={set('name')} />
      </label>
      <label>
        {t('places.parent')}
        <select name="parent" value={parent} onChange={set('parent')}>
          {places.map((p) => (
            <option key={p.code} value={p.code}>
              {'\u00a0'.repeat((p.level - 1) * 2)}
              {p.code} — {p.name}
            </option>
          ))}
        </select>
      </label>
      <CoordinateFields lat={form.lat} lon={form.lon} onChange={(k, v) => setForm({ ...form, [k]: v })} problems={problems} />
    </FormPanel>
  );
}
