/** Zones (named groups of places, e.g. coca-growing valleys): list, add, set their members, rename, delete. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useZones } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { QueryState } from '../../components/QueryState';
import type { Place, Zone } from '../../api/types';
import { AddZoneForm } from './AddZoneForm';
import { AdminSection } from './AdminSection';
import { AdminTable, RowButton } from './AdminTable';
import { DeleteZone } from './DeleteZone';
import { ZoneMembersForm } from './ZoneMembersForm';
import { ZoneNamesForm } from './ZoneNamesForm';

type ZoneAct = 'members' | 'rename' | 'delete';

export function ZonesSection({ places }: { places: Place[] }) {
  const { t } = useTranslation('admin');
  const { code } = useProgram();
  const name = useLocalName();
  const zones = useZones(code);
  // One zone at a time is open, for one thing.
  const [open, setOpen] = useState<{ act: ZoneAct; zone: Zone } | null>(null);
  const [notice, setNotice] = useState('');
  const placeName = new Map(places.map((p) => [p.code, p.name]));
  const done = (message: string | null) => {
    setOpen(null);
    if (message) setNotice(message);
  };
  return (
    <AdminSection id="zones" heading={t('zones.heading')} notice={notice}>
      <QueryState pending={zones.isPending} error={zones.error}>
        <AdminTable
          testId="zones-table"
          caption={t('zones.list')}
          rows={zones.data ?? []}
          rowKey={(z) => z.code}
          rowTestId={(z) => `zone-row-${z.code}`}
          selected={(z) => open?.zone.code === z.code}
          columns={[
            { head: t('zones.code'), rowHeader: true, cell: (z) => z.code },
            { head: t('zones.name'), cell: (z) => name(z) },
            { head: t('zones.count'), num: true, cell: (z) => z.places.length },
            {
              head: t('zones.members'),
              cell: (z) =>
                z.places.length ? z.places.map((p) => `${placeName.get(p) ?? p} (${p})`).join(', ') : <span className="muted">{t('zones.noMembers')}</span>,
            },
            {
              head: t('zones.actions'),
              hiddenHead: true,
              cell: (z) => (
                <div className="row-actions">
                  <RowButton label={t('zones.editMembers')} what={z.code} onClick={() => setOpen({ act: 'members', zone: z })} />
                  <RowButton label={t('zones.rename')} what={z.code} onClick={() => setOpen({ act: 'rename', zone: z })} />
                  <RowButton label={t('zones.delete')} what={z.code} onClick={() => setOpen({ act: 'delete', zone: z })} />
                </div>
              ),
            },
          ]}
        />
      </QueryState>
      {open?.act === 'members' && (
        <ZoneMembersForm
          key={open.zone.code}
          program={code}
          zone={open.zone}
          places={places}
          onDone={(saved) => done(saved && t('zones.membersSaved', { code: saved.code }))}
        />
      )}
      {open?.act === 'rename' && (
        <ZoneNamesForm key={open.zone.code} program={code} zone={open.zone} onDone={(saved) => done(saved && t('zones.renamed', { code: saved.code }))} />
      )}
      {open?.act === 'delete' && (
        <DeleteZone key={open.zone.code} program={code} zone={open.zone} onDone={(deleted) => done(deleted && t('zones.deleted', { code: deleted }))} />
      )}
      <AddZoneForm program={code} places={places} onAdded={(z) => setNotice(t('zones.added', { code: z.code }))} />
    </AdminSection>
  );
}
