/**
 * Reference circles of round values, at the map's own scale: the legend is as wide a share of
 * the map's box as its viewBox is of the map's, so a 5,000 ha circle here is one there.
 */
import { useTranslation } from 'react-i18next';
import { MAP_WIDTH, MAX_RADIUS, SHADES, legendValues, shadeBounds, symbolRadius } from './map-geometry';
import { useValueText } from './value-with-unit';
import { isCountUnit } from '../../../core/statements/quantity';

export function MapLegend({ max, unit }: { max: number; unit: string | undefined }) {
  const { t } = useTranslation('map');
  const valueText = useValueText();
  const values = legendValues(max, unit !== undefined && isCountUnit(unit));
  if (values.length === 0) return null;
  const width = 2 * MAX_RADIUS + 170;
  const height = 2 * MAX_RADIUS + 12;
  const cx = MAX_RADIUS + 4;
  const base = height - 6;
  const labels = values.map((v) => valueText(v, unit));
  // Labels sit level with the top of their circle, pushed down when two would overlap.
  const labelY: number[] = [];
  values.forEach((v, i) => labelY.push(Math.max(base - 2 * symbolRadius(v, max), (labelY[i - 1] ?? -Infinity) + 21)));
  return (
    <div className="map-legend" data-testid="map-legend">
      <p className="map-legend-title">{t('legendTitle')}</p>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: `${((width / MAP_WIDTH) * 100).toFixed(2)}%` }}
        role="img"
        aria-label={t('legendLabel', { values: labels.join(', ') })}
      >
        {values.map((v, i) => {
          const r = symbolRadius(v, max);
          const top = base - 2 * r;
          return (
            <g key={v}>
              <circle cx={cx} cy={base - r} r={r} className="map-legend-circle" />
              <polyline points={`${cx},${top} ${2 * MAX_RADIUS + 8},${top} ${2 * MAX_RADIUS + 14},${labelY[i]}`} className="map-legend-leader" />
              <text x={2 * MAX_RADIUS + 18} y={labelY[i]} dominantBaseline="middle" className="map-legend-text">
                {labels[i]}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The choropleth's key: one swatch per shade with the upper bound of its values. */
export function ShadeLegend({ max, unit }: { max: number; unit: string | undefined }) {
  const { t } = useTranslation('map');
  const valueText = useValueText();
  const bounds = shadeBounds(max);
  if (bounds.length === 0) return null;
  return (
    <div className="map-legend map-shade-legend" data-testid="map-shade-legend">
      <p className="map-legend-title" id="map-shade-legend-title">
        {t('shadeLegendTitle')}
      </p>
      <ul aria-labelledby="map-shade-legend-title">
        {bounds.map((b, i) => (
          <li key={i}>
            <span className="map-swatch" style={{ background: SHADES[i] }} aria-hidden="true" />
            {t('shadeUpTo', { value: valueText(b, unit) })}
          </li>
        ))}
        <li>
          <span className="map-swatch map-swatch-none" aria-hidden="true" />
          {t('shadeNone')}
        </li>
      </ul>
    </div>
  );
}
