/** Zone, place, year range and calendar/fiscal year: kept in the URL, applied to every card and chart. */
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { usePlaces, useZones } from '../../app/queries';
import { useLocalName } from '../../i18n/local-name';
import { usePeriodLabel } from '../../i18n/period-label';
import type { DashboardFilters } from './dashboard-filters';
import { yearToPeriod } from './dashboard-stats';
import { ApprovedOnlySwitch } from '../../components/ApprovedOnlySwitch';

const FIRST_YEAR = 2000;

interface Props {
  filters: DashboardFilters;
  update: (changes: Partial<Record<keyof DashboardFilters, string>>) => void;
  /** Offer the "approved data only" switch (the internal dashboard; the public one is approved only). */
  drafts: boolean;
}

export function Filters({ filters, update, drafts }: Props) {
  const { t } = useTranslation('dashboard');
  const name = useLocalName();
  const periodLabel = usePeriodLabel();
  const { code } = useProgram();
  const { data: zones = [] } = useZones(code);
  const { data: places = [] } = usePlaces(code);
  const departments = places.filter((p) => p.level === 2).sort((a, b) => a.name.localeCompare(b.name));
  const lastYear = new Date().getFullYear() + 1;
  const years: number[] = [];
  for (let y = lastYear; y >= FIRST_YEAR; y--) years.push(y);
  const yearLabel = (y: number) => periodLabel(yearToPeriod(y, filters.kind));
  const any = filters.zone || filters.place || filters.from || filters.to || filters.kind === 'fiscal' || filters.partial || filters.approved;

  return (
    <form className="filters dashboard-filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()} data-testid="dashboard-filters">
      <label>
        {t('zone')}
        <select name="zone" value={filters.zone} onChange={(e) => update({ zone: e.target.value })}>
          <option value="">{t('allZones')}</option>
          {zones.map((z) => (
            <option key={z.code} value={z.code}>
              {name(z)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('place')}
        <select name="place" value={filters.place} onChange={(e) => update({ place: e.target.value })}>
          <option value="">{t('allPlaces')}</option>
          {departments.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('from')}
        <select name="from" value={filters.from} onChange={(e) => update({ from: e.target.value })}>
          <option value="">—</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('to')}
        <select name="to" value={filters.to} onChange={(e) => update({ to: e.target.value })}>
          <option value="">—</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {yearLabel(y)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('calendar')}
        <select name="year" value={filters.kind} onChange={(e) => update({ kind: e.target.value })}>
          <option value="calendar">{t('calendarYear')}</option>
          <option value="fiscal">{t('fiscalYear')}</option>
        </select>
      </label>
      <label className="filter-check">
        <input type="checkbox" name="partial" checked={filters.partial === '1'} onChange={(e) => update({ partial: e.target.checked ? '1' : '' })} />
        {t('includePartial')}
      </label>
      <p className="muted filter-help" id="partial-help">
        {t('includePartialHelp')}
      </p>
      {drafts && <ApprovedOnlySwitch checked={filters.approved} onChange={(on) => update({ approved: on ? 'true' : '' })} />}
      {any && (
        <button
          type="button"
          className="secondary"
          onClick={() => update({ zone: '', place: '', from: '', to: '', kind: 'calendar', partial: '', approved: '' })}
        >
          {t('clear')}
        </button>
      )}
    </form>
  );
}
