/** Renaming a place, moving or clearing its coordinates, and deleting it (after a confirmation). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { invalidateData, keys } from '../../app/queries';
import type { Place } from '../../api/types';
import { ErrorNote } from './ErrorNote';
import { InUseNote } from './InUseNote';
import { parseCoordinate } from './place-tree';

type Done = { kind: 'saved' | 'deleted'; code: string } | null;

function usePlaceWrite<T, R>(program: string, write: (input: T) => Promise<R>, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: keys.places(program) }), client.invalidateQueries({ queryKey: keys.zones(program) }), invalidateData(client)]);
      onDone();
    },
  });
}

export function EditPlaceForm({ program, place, onDone }: { program: string; place: Place; onDone: (done: Done) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ name: place.name, lat: place.lat === null ? '' : String(place.lat), lon: place.lon === null ? '' : String(place.lon) });
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const path = { program, code: place.code };
  const save = usePlaceWrite(
    program,
    (body: { name: string; lat: number | null; lon: number | null }) => ok(api.PATCH('/api/programs/{program}/places/{code}', { params: { path }, body })),
    () => onDone({ kind: 'saved', code: place.code }),
  );
  const remove = usePlaceWrite(program, () => ok(api.DELETE('/api/programs/{program}/places/{code}', { params: { path } })), () => onDone({ kind: 'deleted', code: place.code }));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lat = parseCoordinate(form.lat, 90);
    const lon = parseCoordinate(form.lon, 180);
    const found: string[] = [];
    if (!form.name.trim()) found.push(t('places.nameRequired'));
    if (lat === 'bad') found.push(t('places.badLat'));
    if (lon === 'bad') found.push(t('places.badLon'));
    if (lat !== 'bad' && lon !== 'bad' && (lat === null) !== (lon === null)) found.push(t('places.bothCoords'));
    setProblems(found);
    if (found.length || lat === 'bad' || lon === 'bad') return;
    save.mutate({ name: form.name.trim(), lat, lon });
  };
  return (
    <section className="panel" aria-labelledby="edit-place-heading" data-testid="edit-place">
      <h3 id="edit-place-heading">{t('places.change', { code: place.code })}</h3>
      <form className="admin-form" onSubmit={submit} noValidate>
        <label>
          {t('places.name')}
          <input name="name" required maxLength={200} value={form.name} onChange={set('name')} />
        </label>
        <label>
          {t('places.lat')} <span className="hint">({t('places.latHint')})</span>
          <input name="lat" inputMode="decimal" size={10} value={form.lat} onChange={set('lat')} aria-invalid={problems.includes(t('places.badLat'))} />
        </label>
        <label>
          {t('places.lon')} <span className="hint">({t('places.lonHint')})</span>
          <input name="lon" inputMode="decimal" size={10} value={form.lon} onChange={set('lon')} aria-invalid={problems.includes(t('places.badLon'))} />
        </label>
        <div className="actions">
          <button type="submit" disabled={save.isPending}>{t('common:save')}</button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>{t('common:cancel')}</button>
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={confirming}>{t('places.delete')}</button>
        </div>
      </form>
      {problems.length > 0 && (
        <ul role="alert" className="error" data-testid="edit-place-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={save.error} />
      {confirming && (
        <div className="confirm" data-testid="confirm-delete-place">
          <p>{t('places.deleteConfirm', { code: place.code, name: place.name })}</p>
          <div className="row-actions">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('places.deleteButton')}</button>
            <button type="button" className="secondary" onClick={() => { setConfirming(false); remove.reset(); }}>{t('common:cancel')}</button>
          </div>
          <InUseNote error={remove.error} what={place.code} />
        </div>
      )}
    </section>
  );
}
