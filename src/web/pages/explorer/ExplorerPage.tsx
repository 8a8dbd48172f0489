/**
 * The explorer: a pivot of one indicator by place, period, disaggregation or source, with
 * totals from the server, sortable columns and the same table as CSV or XLSX. Everything the
 * user picks lives in the query string.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { useIndicators, usePlaces, useZones } from '../../app/queries';
import { Link, useQueryParams } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { useLocalName } from '../../i18n/local-name';
import type { Indicator } from '../../api/types';
import { compatible, dimensionsFor, exportHref, fiscalGrouping, needsSourceChoice, readState, totalsAcross, type ExplorerState } from './explorer-params';
import { PeriodInput } from './PeriodInput';
import { PivotTable } from './PivotTable';
import { buildPivot, pivotFigures } from './pivot';
import { MarksLegend } from '../../components/FigureMarks';
import { useLabels } from './use-labels';
import { useDimensionNames } from '../../app/dimension-names';
import { usePivotData } from './use-pivot-data';
import { useOpeningIndicator } from './use-opening-indicator';
import './explorer.css';
import { useUnitName } from '../../i18n/unit-label';
import { ApprovedOnlySwitch } from '../../components/ApprovedOnlySwitch';
import { PageHelp } from '../../components/PageHelp';

type Changes = Partial<Record<keyof ExplorerState, string | undefined>>;

export default function ExplorerPage() {
  const { t, i18n } = useTranslation('explorer');
  const { code: program, program: programInfo } = useProgram();
  const localName = useLocalName();
  const indicators = useIndicators(program);
  const places = usePlaces(program);
  const zones = useZones(program);
  const [query, setQuery] = useQueryParams();
  const labels = useLabels(places.data, useDimensionNames(program));

  const placeLevels = useMemo(() => [...new Set((places.data ?? []).map((p) => p.level))], [places.data]);
  const fiscal = fiscalGrouping(programInfo?.fiscal_year_start_month);
  const dimsOf = (ind: Indicator | undefined) => dimensionsFor(ind, placeLevels.length ? placeLevels : [1, 2], fiscal);
  const list = indicators.data ?? [];
  const named = list.some((i) => i.code === query.get('indicator'));
  // The rows the explorer opens with (readState's default): the first sub-national level, once the places are known.
  const openingRows = places.data ? dimsOf(undefined).find((d) => d.startsWith('place-level:')) : undefined;
  const opening = useOpeningIndicator(program, list, openingRows, !named);
  const state = readState(query, list, dimsOf, opening.code);
  const indicator = list.find((i) => i.code === state.indicator);
  const dims = dimsOf(indicator);
  const blocked = needsSourceChoice(indicator, state);
  const ready = indicator !== undefined && places.data !== undefined && !opening.pending;
  // Totals of each row run across the columns, so there are none when the columns are sources (and vice versa).
  const totals = { rows: totalsAcross(indicator, state, state.cols || 'none'), cols: totalsAcross(indicator, state, state.rows) };
  const pivotData = usePivotData(program, state, ready && !blocked, totals);
  const pivot = useMemo(() => (pivotData.data ? buildPivot(state.rows, state.cols, pivotData.data) : undefined), [pivotData.data, state.rows, state.cols]);

  const set = (changes: Changes) => setQuery(changes);
  /** A new layout: the old column keys mean nothing any more, so the sort goes back to the labels. */
  const setLayout = (changes: Changes) => set({ ...changes, sort: undefined, dir: undefined });

  const chooseIndicator = (code: string) => {
    const next = list.find((i) => i.code === code);
    setLayout({ indicator: code, source: next?.sources.includes(state.source) ? state.source : undefined });
  };
  const chooseRows = (rows: string) => {
    const cols = state.cols === '' || compatible(rows, state.cols) ? state.cols : compatible(rows, state.rows) ? state.rows : '';
    setLayout({ rows, cols });
  };
  const sortedIndicators = [...list].sort((a, b) => localName(a).localeCompare(localName(b), labels.locale));
  const indicatorName = indicator ? localName(indicator) : '';
  const unitName = useUnitName();
  const caption = state.cols
    ? t('caption', { indicator: indicatorName, unit: unitName(indicator?.unit), rows: labels.dimension(state.rows), cols: labels.dimension(state.cols) })
    : t('captionSingle', { indicator: indicatorName, unit: unitName(indicator?.unit), rows: labels.dimension(state.rows) });
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const agg = (rule: string | undefined) => t(`agg.${rule ?? 'none'}`, { defaultValue: rule ?? '' });

  return (
    <div className="explorer">
      <h1>{t('title')}</h1>
      <PageHelp ns="explorer" />
      <p className="muted">{t('intro')}</p>
      <QueryState pending={indicators.isPending || places.isPending || opening.pending} error={indicators.error ?? places.error}>
        <form className="panel explorer-pickers" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('layout')}</legend>
            <div className="filters">
              <label>
                {t('indicator')}
                <select name="indicator" value={state.indicator} onChange={(e) => chooseIndicator(e.target.value)}>
                  {sortedIndicators.map((i) => (
                    <option key={i.code} value={i.code}>
                      {localName(i)} ({i.code})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('rows')}
                <select name="rows" value={state.rows} onChange={(e) => chooseRows(e.target.value)}>
                  {dims.map((d) => (
                    <option key={d} value={d}>
                      {labels.dimension(d)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('columns')}
                <select name="cols" value={state.cols} onChange={(e) => setLayout({ cols: e.target.value })}>
                  {dims
                    .filter((d) => compatible(state.rows, d))
                    .map((d) => (
                      <option key={d} value={d}>
                        {labels.dimension(d)}
                      </option>
                    ))}
                  <option value="">{t('noColumns')}</option>
                </select>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('filters')}</legend>
            <div className="filters">
              <PeriodInput name="from" label={t('from')} value={state.from} onCommit={(v) => set({ from: v })} />
              <PeriodInput name="to" label={t('to')} value={state.to} onCommit={(v) => set({ to: v })} />
              <label>
                {t('zone')}
                <select name="zone" value={state.zone} onChange={(e) => set({ zone: e.target.value })}>
                  <option value="">{t('allZones')}</option>
                  {(zones.data ?? []).map((z) => (
                    <option key={z.code} value={z.code}>
                      {localName(z)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('place')}
                <select name="place" value={state.place} onChange={(e) => set({ place: e.target.value })}>
                  <option value="">{t('allPlaces')}</option>
                  {(places.data ?? []).map((p) => (
                    <option key={p.code} value={p.code}>
                      {'\u00a0\u00a0'.repeat(Math.max(0, p.level - 1))}
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('source')}
                <select name="source" value={state.source} onChange={(e) => set({ source: e.target.value })} disabled={!indicator?.sources.length}>
                  <option value="">{t('allSources')}</option>
                  {(indicator?.sources ?? []).map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
              <ApprovedOnlySwitch checked={state.approved === 'true'} onChange={(on) => set({ approved: on ? 'true' : undefined })} />
            </div>
          </fieldset>
        </form>
        {indicator && (
          <p className="indicator-page-link">
            <Link to={`/indicators/${encodeURIComponent(indicator.code)}`}>{t('indicatorPage', { indicator: indicatorName })}</Link>
          </p>
        )}

        {indicator && blocked ? (
          <div className="panel explorer-notice" role="status" data-testid="source-needed">
            <p>{t('sourceNeeded', { indicator: indicatorName, count: indicator.sources.length, sources: indicator.sources.join(', ') })}</p>
            <p className="actions">
              {indicator.sources.map((s) => (
                <button key={s} type="button" className="secondary" onClick={() => set({ source: s })}>
                  {t('useSource', { source: s })}
                </button>
              ))}
              {state.cols !== 'source' && (
                <button type="button" className="secondary" onClick={() => setLayout({ cols: 'source' })}>
                  {t('sourceColumns')}
                </button>
              )}
            </p>
          </div>
        ) : (
          indicator && (
            <section className="panel" aria-label={caption}>
              <div className="explorer-toolbar">
                <p className="muted totals-note">{t('totalsNote', { time: agg(indicator.agg_time), place: agg(indicator.agg_place) })}</p>
                <p className="exports">
                  <span>{t('download')}:</span>{' '}
                  <a className="button" href={exportHref(program, 'csv', state, lang)} download data-testid="export-csv">
                    {t('csv')}
                    <span className="visually-hidden"> — {t('downloadCsv')}</span>
                  </a>{' '}
                  <a className="button" href={exportHref(program, 'xlsx', state, lang)} download data-testid="export-xlsx">
                    {t('xlsx')}
                    <span className="visually-hidden"> — {t('downloadXlsx')}</span>
                  </a>
                </p>
              </div>
              <QueryState pending={pivotData.pending} error={pivotData.error}>
                {pivot && pivot.rows.length > 0 ? (
                  <>
                    <PivotTable
                      pivot={pivot}
                      rowsDim={state.rows}
                      colsDim={state.cols}
                      caption={caption}
                      labels={labels}
                      sort={state.sort}
                      dir={state.dir}
                      onSort={(sort, dir) => set({ sort: sort || undefined, dir: dir === 'asc' ? undefined : dir })}
                      rowTotals={totals.rows}
                      colTotals={totals.cols}
                    />
                    <p className="muted legend">{t('legend')}</p>
                    <MarksLegend figures={pivotFigures(pivot).map((v) => v.marks)} />
                  </>
                ) : (
                  <p data-testid="no-data">{t('noData')}</p>
                )}
              </QueryState>
            </section>
          )
        )}
      </QueryState>
    </div>
  );
}
