/** The map's choice: indicator, source (when several), calendar or fiscal year, period and place level. */
import { useTranslation } from 'react-i18next';
import type { Indicator, Place } from '../../api/types';
import { useLocalName } from '../../i18n/local-name';
import { usePeriodLabel } from '../../i18n/period-label';
import type { Coverage, MapChange, MapChoice } from './use-map-data';
import { ApprovedOnlySwitch } from '../../components/ApprovedOnlySwitch';

interface Props {
  choice: MapChoice;
  indicators: readonly Indicator[];
  withData: ReadonlySet<string>;
  sources: readonly string[];
  periods: readonly string[];
  /** Partial periods are named so in the period list. */
  periodCoverage: ReadonlyMap<string, Coverage>;
  levels: readonly number[];
  places: readonly Place[];
  fiscalAllowed: boolean;
  update(changes: Partial<Record<MapChange, string>>): void;
}

export function MapFilters({ choice, indicators, withData, sources, periods, periodCoverage, levels, places, fiscalAllowed, update }: Props) {
  const { t } = useTranslation('map');
  const name = useLocalName();
  const periodLabel = usePeriodLabel();
  const mapped = indicators.filter((i) => withData.has(i.code));
  const unmapped = indicators.filter((i) => !withData.has(i.code));
  const option = (i: Indicator) => (
    <option key={i.code} value={i.code}>
      {name(i)}
    </option>
  );

  return (
    <form className="filters map-filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()} data-testid="map-filters">
      <label>
        {t('indicator')}
        <select name="indicator" value={choice.indicator?.code ?? ''} onChange={(e) => update({ indicator: e.target.value })}>
          {withData.size > 0 ? (
            <>
              <optgroup label={t('withPlaceData')}>{mapped.map(option)}</optgroup>
              {unmapped.length > 0 && <optgroup label={t('withoutPlaceData')}>{unmapped.map(option)}</optgroup>}
            </>
          ) : (
            indicators.map(option)
          )}
        </select>
      </label>
      {sources.length > 0 && (
        <label>
          {t('source')}
          <select name="source" value={choice.source} onChange={(e) => update({ source: e.target.value })}>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {fiscalAllowed && (
        <label>
          {t('yearKind')}
          <select name="year" value={choice.kind} onChange={(e) => update({ year: e.target.value })}>
            <option value="calendar">{t('calendarYear')}</option>
            <option value="fiscal">{t('fiscalYear')}</option>
          </select>
        </label>
      )}
      <label>
        {t('period')}
        <select name="period" value={choice.period} onChange={(e) => update({ period: e.target.value })} disabled={periods.length === 0}>
          {periods.length === 0 && <option value="">{t('common:noData')}</option>}
          {[...periods].reverse().map((p) => (
            <option key={p} value={p}>
              {periodCoverage.get(p)?.complete === false ? t('partialOption', { period: periodLabel(p) }) : periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {levels.length > 1 && (
        <label>
          {t('level')}
          <select name="level" value={String(choice.level)} onChange={(e) => update({ level: e.target.value })}>
            {levels.map((l) => (
              <option key={l} value={String(l)}>
                {t('levelOption', { level: l, count: places.filter((p) => p.level === l).length })}
              </option>
            ))}
          </select>
        </label>
      )}
      <ApprovedOnlySwitch checked={choice.approved} onChange={(on) => update({ approved: on ? 'true' : '' })} />
    </form>
  );
}
