/** Renaming a place, moving or clearing its coordinates, and deleting it (after a confirmation). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { Place } from '../../api/types';
import { ConfirmPanel } from './ConfirmPanel';
import { readCoordinates } from './coordinates';
import { CoordinateFields } from './CoordinateFields';
import { FormPanel } from './FormPanel';
import { InUseNote } from './InUseNote';
import { useAdminWrite } from './use-admin-write';

type Done = { kind: 'saved' | 'deleted'; code: string } | null;

export function EditPlaceForm({ program, place, onDone }: { program: string; place: Place; onDone: (done: Done) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ name: place.name, lat: place.lat === null ? '' : String(place.lat), lon: place.lon === null ? '' : String(place.lon) });
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const path = { program, code: place.code };
  // A place's name and existence show in zones too.
  const refresh = [keys.places(program), keys.zones(program)];
  const save = useAdminWrite(
    (body: { name: string; lat: number | null; lon: number | null }) => ok(api.PATCH('/api/programs/{program}/places/{code}', { params: { path }, body })),
    refresh,
    () => onDone({ kind: 'saved', code: place.code }),
  );
  const remove = useAdminWrite(
    () => ok(api.DELETE('/api/programs/{program}/places/{code}', { params: { path } })),
    refresh,
    () => onDone({ kind: 'deleted', code: place.code }),
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = () => {
    const coords = readCoordinates(form.lat, form.lon);
    const found = [...(form.name.trim() ? [] : [t('places.nameRequired')]), ...('problems' in coords ? coords.problems.map((p) => t(`places.${p}`)) : [])];
    setProblems(found);
    if (found.length || 'problems' in coords) return;
    save.mutate({ name: form.name.trim(), lat: coords.lat, lon: coords.lon });
  };
  return (
    <FormPanel
      id="edit-place"
      title={t('places.change', { code: place.code })}
      panelTestId="edit-place"
      noValidate
      onSubmit={submit}
      submitLabel={t('common:save')}
      busy={save.isPending}
      onCancel={() => onDone(null)}
      actions={
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={confirming}>
          {t('places.delete')}
        </button>
      }
      problems={problems}
      problemsTestId="edit-place-problems"
      error={save.error}
      after={
        confirming && (
          <ConfirmPanel
            testId="confirm-delete-place"
            className="confirm"
            question={t('places.deleteConfirm', { code: place.code, name: place.name })}
            confirmLabel={t('places.deleteButton')}
            busy={remove.isPending}
            onConfirm={() => remove.mutate(undefined)}
            onCancel={() => {
              setConfirming(false);
              remove.reset();
            }}
          >
            <InUseNote error={remove.error} what={place.code} />
          </ConfirmPanel>
        )
      }
    >
      <label>
        {t('places.name')}
        <input name="name" required maxLength={200} value={form.name} onChange={set('name')} />
      </label>
      <CoordinateFields lat={form.lat} lon={form.lon} onChange={(k, v) => setForm({ ...form, [k]: v })} problems={problems} />
    </FormPanel>
  );
}
