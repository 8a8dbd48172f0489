/**
 * The map: the program's country from Natural Earth, and the chosen indicator's values of one
 * period as proportional circles at the places' coordinates, with a legend, a tooltip and the
 * same values as a table. Places with an imported boundary (use-boundaries.ts, or `shapes` when
 * given) are drawn as a choropleth instead; the others keep their circles.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { QueryState } from '../../components/QueryState';
import { useLocalName } from '../../i18n/local-name';
import { fitFrame, placesBox, symbolRadius, type PlaceShapes } from './map-geometry';
import { usePeriodLabel } from '../../i18n/period-label';
import { useValueText } from './value-with-unit';
import { MapFilters } from './MapFilters';
import { MapLegend, ShadeLegend } from './MapLegend';
import { MapTable, type MapRow } from './MapTable';
import { SymbolMap, type MapSymbol } from './SymbolMap';
import { useAtlas } from './use-atlas';
import { useBoundaries } from './use-boundaries';
import { useMapData } from './use-map-data';
import './map.css';
import { isCountUnit } from '../../../core/statements/quantity';
import { unitName } from '../../i18n/unit-label';
import { useCoverageNote } from '../../components/CoverageNote';
import { MarksLegend, rowMarks } from '../../components/FigureMarks';
import { PageHelp } from '../../components/PageHelp';

export default function MapPage({ shapes }: { shapes?: PlaceShapes } = {}) {
  const { t, i18n } = useTranslation('map');
  const name = useLocalName();
  const valueText = useValueText();
  const periodLabel = usePeriodLabel();
  const { program } = useProgram();
  const countryCode = program?.country_code ?? '';
  const data = useMapData();
  const atlas = useAtlas(countryCode);
  const [active, setActive] = useState<string | null>(null);
  const { choice, rows, places } = data;
  const note = useCoverageNote();
  const partialNote = choice.period ? note(data.periodCoverage.get(choice.period) ?? null) : null;
  const laterNote = data.laterPartial ? note(data.periodCoverage.get(data.laterPartial) ?? null) : null;
  const unit = choice.indicator?.unit;
  const imported = useBoundaries(choice.level);
  const drawn = shapes ?? imported;
  const shapeCodes = new Set((drawn?.features ?? []).map((f) => f.properties.code));

  const mappable = useMemo(
    () => places.filter((p) => p.level === choice.level && p.lat !== null && p.lon !== null).map((p) => ({ code: p.code, lat: p.lat!, lon: p.lon! })),
    [places, choice.level],
  );
  const frame = useMemo(() => {
    const shape = atlas.country ?? placesBox(mappable);
    return shape ? fitFrame(shape) : null;
  }, [atlas.country, mappable]);

  const max = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const where = new Map(mappable.map((p) => [p.code, p]));
  const symbols: MapSymbol[] = [];
  const tableRows: MapRow[] = [];
  const labels = new Map<string, { name: string; text: string }>();
  for (const row of rows) {
    if (!row.place) continue;
    const text = valueText(row.value, unit);
    const marks = rowMarks(row);
    const r = symbolRadius(row.value, max);
    const at = where.get(row.place.code);
    const xy = at && frame ? frame.projection([at.lon, at.lat]) : null;
    const placeName = name(row.place);
    if (xy && r > 0 && row.value !== null) symbols.push({ code: row.place.code, name: placeName, value: row.value, x: xy[0], y: xy[1], r, text });
    labels.set(row.place.code, { name: placeName, text });
    tableRows.push({ code: row.place.code, name: placeName, value: row.value, text, marks, onMap: Boolean(xy && r > 0) || shapeCodes.has(row.place.code) });
  }
  symbols.sort((a, b) => b.value - a.value);

  const indicatorName = name(choice.indicator);
  const period = choice.period ? periodLabel(choice.period) : '';
  const heading = choice.source
    ? t('headingSource', { indicator: indicatorName, source: choice.source, period })
    : t('heading', { indicator: indicatorName, period });
  const values = new Map(rows.map((r) => [r.place?.code ?? '', r.value]));

  return (
    <div className="map-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="map" />
      <MapFilters
        choice={choice}
        indicators={data.indicators}
        withData={data.withData}
        sources={data.sources}
        periods={data.periods}
        periodCoverage={data.periodCoverage}
        levels={data.levels}
        places={places}
        fiscalAllowed={data.fiscalAllowed}
        update={data.update}
      />
      {/* Without the atlas the map still fits the places: its error is not the page's. */}
      <QueryState pending={data.pending || atlas.pending} error={data.error}>
        {!frame ? (
          <p>{t('noPlaces')}</p>
        ) : (
          <div className="map-layout">
            <section className="panel map-panel" aria-labelledby="map-heading">
              <h2 id="map-heading">{heading}</h2>
              {partialNote && (
                <p className="coverage-note" data-testid="map-partial">
                  {t('partialShown', { period, note: partialNote })}
                </p>
              )}
              {laterNote && (
                <p className="muted" data-testid="map-left-out">
                  {t('partialLeftOut', { period: periodLabel(data.laterPartial), note: laterNote })}
                </p>
              )}
              <p className="muted map-intro">
                {t('intro')}
                {drawn && ` ${t('introShapes')}`}
              </p>
              <SymbolMap
                frame={frame}
                countryCode={countryCode}
                country={atlas.country}
                others={atlas.others}
                symbols={symbols}
                shapes={drawn}
                values={values}
                labels={labels}
                max={max}
                title={t('mapTitle', { indicator: indicatorName, period })}
                detail={`${indicatorName}, ${period}`}
                active={active}
                onActive={setActive}
              >
                <MapLegend max={max} unit={unit} />
                {drawn && <ShadeLegend max={max} unit={unit} />}
              </SymbolMap>
            </section>
            <section className="panel map-table-panel" aria-label={t('tableCaption', { period })}>
              {tableRows.length === 0 ? (
                <p data-testid="map-empty">{t('noValues')}</p>
              ) : (
                <MapTable
                  rows={tableRows}
                  caption={t('tableCaption', { period })}
                  valueHeading={unit && !isCountUnit(unit) ? t('value', { unit: unitName(unit, i18n.language) }) : t('valuePlain')}
                  active={active}
                  onActive={setActive}
                />
              )}
              <MarksLegend figures={tableRows.map((r) => r.marks)} />
            </section>
          </div>
        )}
      </QueryState>
    </div>
  );
}
