/** Zones (named groups of places, e.g. coca-growing valleys): list, add, set their members. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { invalidateData, keys, useZones } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import type { Place, Zone } from '../../api/types';
import { ErrorNote } from './ErrorNote';
import { InUseNote } from './InUseNote';

function useZoneWrite<T, R>(program: string, write: (input: T) => Promise<R>, onSaved: (r: R) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (z) => {
      await Promise.all([client.invalidateQueries({ queryKey: keys.zones(program) }), invalidateData(client)]);
      onSaved(z);
    },
  });
}

export function ZonesSection({ places }: { places: Place[] }) {
  const { t } = useTranslation('admin');
  const { code } = useProgram();
  const name = useLocalName();
  const zones = useZones(code);
  const [editing, setEditing] = useState<Zone | null>(null);
  const [renaming, setRenaming] = useState<Zone | null>(null);
  const [deleting, setDeleting] = useState<Zone | null>(null);
  const open = (what: 'members' | 'rename' | 'delete', z: Zone) => {
    setEditing(what === 'members' ? z : null);
    setRenaming(what === 'rename' ? z : null);
    setDeleting(what === 'delete' ? z : null);
  };
  const selected = editing ?? renaming ?? deleting;
  const [notice, setNotice] = useState('');
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  return (
    <section aria-labelledby="zones-heading">
      <h2 id="zones-heading">{t('zones.heading')}</h2>
      <p role="status" className="ok">{notice}</p>
      <QueryState pending={zones.isPending} error={zones.error}>
        <div className="table-wrap">
          <table data-testid="zones-table">
            <caption className="visually-hidden">{t('zones.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('zones.code')}</th>
                <th scope="col">{t('zones.name')}</th>
                <th scope="col" className="num">{t('zones.count')}</th>
                <th scope="col">{t('zones.members')}</th>
                <th scope="col"><span className="visually-hidden">{t('zones.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {(zones.data ?? []).map((z) => (
                <tr key={z.code} data-testid={`zone-row-${z.code}`} className={selected?.code === z.code ? 'selected' : undefined}>
                  <th scope="row">{z.code}</th>
                  <td>{name(z)}</td>
                  <td className="num">{z.places.length}</td>
                  <td>{z.places.length ? z.places.map((p) => `${placeName.get(p) ?? p} (${p})`).join(', ') : <span className="muted">{t('zones.noMembers')}</span>}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="secondary" onClick={() => open('members', z)} aria-label={`${t('zones.editMembers')}: ${z.code}`}>
                        {t('zones.editMembers')}
                      </button>
                      <button type="button" className="secondary" onClick={() => open('rename', z)} aria-label={`${t('zones.rename')}: ${z.code}`}>
                        {t('zones.rename')}
                      </button>
                      <button type="button" className="secondary" onClick={() => open('delete', z)} aria-label={`${t('zones.delete')}: ${z.code}`}>
                        {t('zones.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      {editing && (
        <ZoneMembersForm
          key={editing.code}
          program={code}
          zone={editing}
          places={places}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('zones.membersSaved', { code: saved.code }));
          }}
        />
      )}
      {renaming && (
        <ZoneNamesForm
          key={renaming.code}
          program={code}
          zone={renaming}
          onDone={(saved) => {
            setRenaming(null);
            if (saved) setNotice(t('zones.renamed', { code: saved.code }));
          }}
        />
      )}
      {deleting && (
        <DeleteZone
          key={deleting.code}
          program={code}
          zone={deleting}
          onDone={(deleted) => {
            setDeleting(null);
            if (deleted) setNotice(t('zones.deleted', { code: deleted }));
          }}
        />
      )}
      <AddZoneForm program={code} places={places} onAdded={(z) => setNotice(t('zones.added', { code: z.code }))} />
    </section>
  );
}

/** Checkboxes of the places a zone may hold (every place below the root). */
function MemberChoices({ id, places, chosen, onChange }: { id: string; places: Place[]; chosen: Set<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation('admin');
  const root = Math.min(...places.map((p) => p.level));
  return (
    <fieldset data-testid={`${id}-members`}>
      <legend>{t('zones.choose')}</legend>
      <div className="member-choices">
        {places
          .filter((p) => p.level > root)
          .map((p) => (
            <label key={p.code}>
              <input
                type="checkbox"
                name="places"
                value={p.code}
                checked={chosen.has(p.code)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(p.code);
                  else next.delete(p.code);
                  onChange(next);
                }}
              />
              {p.name} ({p.code})
            </label>
          ))}
      </div>
    </fieldset>
  );
}

function AddZoneForm({ program, places, onAdded }: { program: string; places: Place[]; onAdded: (z: Zone) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ code: '', name_en: '', name_es: '' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const add = useZoneWrite(
    program,
    (body: { code: string; name_en: string; name_es: string; places: string[] }) => ok(api.POST('/api/programs/{program}/zones', { params: { path: { program } }, body })),
    (z) => {
      setForm({ code: '', name_en: '', name_es: '' });
      setChosen(new Set());
      onAdded(z);
    },
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ code: form.code.trim(), name_en: form.name_en.trim(), name_es: form.name_es.trim(), places: [...chosen] });
  };
  return (
    <section className="panel" aria-labelledby="add-zone-heading">
      <h3 id="add-zone-heading">{t('zones.add')}</h3>
      <form className="admin-form" onSubmit={submit} data-testid="add-zone-form">
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
        <button type="submit" disabled={add.isPending}>{t('zones.addButton')}</button>
      </form>
      <ErrorNote error={add.error} />
    </section>
  );
}

function ZoneMembersForm({ program, zone, places, onDone }: { program: string; zone: Zone; places: Place[]; onDone: (saved: Zone | null) => void }) {
  const { t } = useTranslation('admin');
  const name = useLocalName();
  const [chosen, setChosen] = useState<Set<string>>(new Set(zone.places));
  const save = useZoneWrite(
    program,
    (codes: string[]) => ok(api.PUT('/api/programs/{program}/zones/{code}/places', { params: { path: { program, code: zone.code } }, body: { places: codes } })),
    (z) => onDone(z),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate([...chosen]);
  };
  return (
    <section className="panel" aria-labelledby="zone-members-heading">
      <h3 id="zone-members-heading">{t('zones.setMembers', { name: name(zone) })}</h3>
      <form className="admin-form" onSubmit={submit} data-testid="zone-members-form">
        <MemberChoices id="edit-zone" places={places} chosen={chosen} onChange={setChosen} />
        <div className="actions">
          <button type="submit" disabled={save.isPending}>{t('zones.saveMembers')}</button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>{t('common:cancel')}</button>
        </div>
      </form>
      <ErrorNote error={save.error} />
    </section>
  );
}

function ZoneNamesForm({ program, zone, onDone }: { program: string; zone: Zone; onDone: (saved: Zone | null) => void }) {
  const { t } = useTranslation('admin');
  const [form, setForm] = useState({ name_en: zone.name_en, name_es: zone.name_es });
  const save = useZoneWrite(
    program,
    (body: { name_en: string; name_es: string }) => ok(api.PATCH('/api/programs/{program}/zones/{code}', { params: { path: { program, code: zone.code } }, body })),
    (z) => onDone(z),
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name_en: form.name_en.trim(), name_es: form.name_es.trim() });
  };
  return (
    <section className="panel" aria-labelledby="zone-names-heading" data-testid="zone-names-form">
      <h3 id="zone-names-heading">{t('zones.renameHeading', { code: zone.code })}</h3>
      <form className="admin-form" onSubmit={submit}>
        <label>
          {t('zones.nameEn')}
          <input name="name_en" required maxLength={200} value={form.name_en} onChange={set('name_en')} />
        </label>
        <label>
          {t('zones.nameEs')}
          <input name="name_es" required maxLength={200} value={form.name_es} onChange={set('name_es')} />
        </label>
        <div className="actions">
          <button type="submit" disabled={save.isPending}>{t('common:save')}</button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>{t('common:cancel')}</button>
        </div>
      </form>
      <ErrorNote error={save.error} />
    </section>
  );
}

function DeleteZone({ program, zone, onDone }: { program: string; zone: Zone; onDone: (deleted: string | null) => void }) {
  const { t } = useTranslation('admin');
  const name = useLocalName();
  const remove = useZoneWrite(program, () => ok(api.DELETE('/api/programs/{program}/zones/{code}', { params: { path: { program, code: zone.code } } })), (r) => onDone(r.deleted));
  return (
    <div className="panel" data-testid="confirm-delete-zone">
      <p>{t('zones.deleteConfirm', { code: zone.code, name: name(zone) })}</p>
      <div className="row-actions">
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('zones.deleteButton')}</button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>{t('common:cancel')}</button>
      </div>
      <InUseNote error={remove.error} what={zone.code} />
    </div>
  );
}
