/** Filters of the record list: place (and everything below it), zone (by name), date range, status. */
import { useTranslation } from 'react-i18next';
import type { Place } from '../../api/types';
import { useZones } from '../../app/queries';
import { useProgram } from '../../app/program';
import { useLocalName } from '../../i18n/local-name';
import { STATUSES, type RecordFilters } from './records-data';

export interface RecordFilterBarProps {
  places: readonly Place[];
  filters: RecordFilters;
  onChange(changes: Record<string, string | undefined>): void;
}

export function RecordFilterBar({ places, filters, onChange }: RecordFilterBarProps) {
  const { t } = useTranslation('records');
  const localName = useLocalName();
  const zones = useZones(useProgram().code).data ?? [];
  const any = filters.place || filters.zone || filters.from || filters.to || filters.status;
  return (
    <form className="filters" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('place')}
        <select name="place" value={filters.place ?? ''} onChange={(e) => onChange({ place: e.target.value })} data-testid="filter-place">
          <option value="">{t('anyPlace')}</option>
          {places.map((p) => (
            <option key={p.code} value={p.code}>
              {`${'\u2003'.repeat(Math.max(0, p.level - 1))}${p.name}`}
            </option>
          ))}
        </select>
      </label>
      {zones.length > 0 && (
        <label>
          {t('zone')}
          <select name="zone" value={filters.zone ?? ''} onChange={(e) => onChange({ zone: e.target.value })} data-testid="filter-zone">
            <option value="">{t('anyZone')}</option>
            {zones.map((z) => (
              <option key={z.code} value={z.code}>
                {localName(z)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('from')}
        <input type="date" name="from" value={filters.from ?? ''} onChange={(e) => onChange({ from: e.target.value })} data-testid="filter-from" />
      </label>
      <label>
        {t('to')}
        <input type="date" name="to" value={filters.to ?? ''} onChange={(e) => onChange({ to: e.target.value })} data-testid="filter-to" />
      </label>
      <label>
        {t('status')}
        <select name="status" value={filters.status ?? ''} onChange={(e) => onChange({ status: e.target.value })} data-testid="filter-status">
          <option value="">{t('anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {any && (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ place: undefined, zone: undefined, from: undefined, to: undefined, status: undefined })}
        >
          {t('clearFilters')}
        </button>
      )}
    </form>
  );
}
