/** Places and zones (administrators): the place tree, adding a place, and the zones. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaces } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../components/QueryState';
import type { Place } from '../../api/types';
import { AddPlaceForm } from './AddPlaceForm';
import { AdminSection } from './AdminSection';
import { AdminTable, RowButton } from './AdminTable';
import { EditPlaceForm } from './EditPlaceForm';
import { ZonesSection } from './ZonesSection';
import { treeOrder } from './place-tree';

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
      <AdminSection id="places" heading={t('places.heading')} notice={notice}>
        <div className="filters">
          <label>
            {t('places.filter')}
            <input type="search" name="place-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <span className="muted">{t('places.count', { shown: f.number(shown.length, 0), total: f.number(ordered.length, 0) })}</span>
        </div>
        <QueryState pending={places.isPending} error={places.error}>
          <AdminTable
            testId="places-table"
            caption={t('places.tree')}
            scroll
            rows={shown}
            rowKey={(p) => p.code}
            rowTestId={(p) => `place-row-${p.code}`}
            selected={(p) => editing?.code === p.code}
            columns={[
              { head: t('places.code'), rowHeader: true, cell: (p) => p.code },
              {
                head: t('places.name'),
                cell: (p) => (
                  <span className="place-name" style={{ paddingLeft: `${(p.level - minLevel) * 1.25}rem` }}>
                    {p.name}
                  </span>
                ),
              },
              { head: t('places.level'), num: true, cell: (p) => p.level },
              { head: t('places.parent'), cell: (p) => p.parent ?? '' },
              { head: t('places.lat'), num: true, cell: (p) => f.number(p.lat, 4) },
              { head: t('places.lon'), num: true, cell: (p) => f.number(p.lon, 4) },
              { head: t('places.actions'), hiddenHead: true, cell: (p) => <RowButton label={t('edit')} what={p.code} onClick={() => setEditing(p)} /> },
            ]}
          />
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
      </AdminSection>
      <ZonesSection places={ordered} />
    </>
  );
}
