/** Places and zones (administrators): the place tree, adding a place, and the zones. */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { invalidateData, keys, usePlaces } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../components/QueryState';
import type { Place } from '../../api/types';
import { ErrorNote } from './ErrorNote';
import { ZonesSection } from './ZonesSection';
import { EditPlaceForm } from './EditPlaceForm';
import { parseCoordinate, treeOrder } from './place-tree';

export function PlacesTab() {
  const { t } = useTranslation('admin');
  const f = useFormat();
  const { code } = useProgram();
  const places = usePlaces(code);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<Place | null>(null);
  const ordered = useMemo(() => treeOrder(places.data ?? []), [places.data]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? ordered.filter((p) => p.code.toLowerCase().includes(needle) || p.name.toLowerCase().includes(needle)) : ordered;
  const minLevel = Math.min(...ordered.map((p) => p.level), 1);
  return (
    <>
      <section aria-labelledby="places-heading">
        <h2 id="places-heading">{t('places.heading')}</h2>
        <p role="status" className="ok">{notice}</p>
        <div className="filters">
          <label>
            {t('places.filter')}
            <input type="search" name="place-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <span className="muted">{t('places.count', { shown: f.number(shown.length, 0), total: f.number(ordered.length, 0) })}</span>
        </div>
        <QueryState pending={places.isPending} error={places.error}>
          <div className="table-wrap scroll-table" role="region" aria-label={t('places.tree')} tabIndex={0}>
            <table data-testid="places-table">
              <caption className="visually-hidden">{t('places.tree')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('places.code')}</th>
                  <th scope="col">{t('places.name')}</th>
                  <th scope="col" className="num">{t('places.level')}</th>
                  <th scope="col">{t('places.parent')}</th>
                  <th scope="col" className="num">{t('places.lat')}</th>
                  <th scope="col" className="num">{t('places.lon')}</th>
                  <th scope="col"><span className="visually-hidden">{t('places.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.code} data-testid={`place-row-${p.code}`} className={editing?.code === p.code ? 'selected' : undefined}>
                    <th scope="row">{p.code}</th>
                    <td>
                      <span className="place-name" style={{ paddingLeft: `${(p.level - minLevel) * 1.25}rem` }}>{p.name}</span>
                    </td>
                    <td className="num">{p.level}</td>
                    <td>{p.parent ?? ''}</td>
                    <td className="num">{f.number(p.lat, 4)}</td>
                    <td className="num">{f.number(p.lon, 4)}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => setEditing(p)} aria-label={`${t('edit')}: ${p.code}`}>
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
          <EditPlaceForm
            key={editing.code}
            program={code}
            place={editing}
            onDone={(done) => {
              setEditing(null);
              if (done) setNotice(t(done.kind === 'saved' ? 'places.saved' : 'places.deleted', { code: done.code }));
            }}
          />
        )}
        <AddPlaceForm program={code} places={ordered} onAdded={(c) => setNotice(t('places.added', { code: c }))} />
      </section>
      <ZonesSection places={ordered} />
    </>
  );
}

function AddPlaceForm({ program, places, onAdded }: { program: string; places: Place[]; onAdded: (code: string) => void }) {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [form, setForm] = useState({ code: '', name: '', parent: '', lat: '', lon: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: (body: { code: string; name: string; parent?: string; lat?: number; lon?: number }) => ok(api.POST('/api/programs/{program}/places', { params: { path: { program } }, body })),
    onSuccess: async (r) => {
      await Promise.all([client.invalidateQueries({ queryKey: keys.places(program) }), invalidateData(client)]);
      setForm({ code: '', name: '', parent: form.parent, lat: '', lon: '' });
      onAdded(r.code);
    },
  });
  const parent = form.parent || places[0]?.code || '';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lat = parseCoordinate(form.lat, 90);
    const lon = parseCoordinate(form.lon, 180);
    const found: string[] = [];
    if (lat === 'bad') found.push(t('places.badLat'));
    if (lon === 'bad') found.push(t('places.badLon'));
    if (lat !== 'bad' && lon !== 'bad' && (lat === null) !== (lon === null)) found.push(t('places.bothCoords'));
    setProblems(found);
    if (found.length || lat === 'bad' || lon === 'bad') return;
    add.mutate({ code: form.code.trim(), name: form.name.trim(), ...(parent ? { parent } : {}), ...(lat !== null && lon !== null ? { lat, lon } : {}) });
  };
  return (
    <section className="panel" aria-labelledby="add-place-heading">
      <h3 id="add-place-heading">{t('places.add')}</h3>
      <form className="admin-form" onSubmit={submit} data-testid="add-place-form" noValidate>
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
        <label>
          {t('places.lat')} <span className="hint">({t('places.latHint')})</span>
          <input name="lat" inputMode="decimal" size={10} value={form.lat} onChange={set('lat')} aria-invalid={problems.includes(t('places.badLat'))} />
        </label>
        <label>
          {t('places.lon')} <span className="hint">({t('places.lonHint')})</span>
          <input name="lon" inputMode="decimal" size={10} value={form.lon} onChange={set('lon')} aria-invalid={problems.includes(t('places.badLon'))} />
        </label>
        <button type="submit" disabled={add.isPending || !form.code.trim() || !form.name.trim()}>{t('places.addButton')}</button>
      </form>
      {problems.length > 0 && (
        <ul role="alert" className="error" data-testid="place-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorNote error={add.error} />
    </section>
  );
}
