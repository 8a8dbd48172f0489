/**
 * The map itself, as SVG: the program's country, its neighbours faintly for context (clipped to
 * the view), and a circle per place whose area is proportional to the value. Circles take the
 * keyboard focus; hover or focus shows a tooltip (Escape hides it). Given `shapes` (imported
 * place boundaries), those places are drawn as a choropleth instead of circles.
 */
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Country } from './use-atlas';
import { SHADES, pathOf, shadeClass, type MapFrame, type PlaceShapes } from './map-geometry';

export interface MapSymbol {
  code: string;
  name: string;
  value: number;
  x: number;
  y: number;
  r: number;
  /** The value with its unit: "3,509 ha". */
  text: string;
}

interface Props {
  frame: MapFrame;
  /** ISO alpha-2 code of the program's country. */
  countryCode: string;
  country: Country | undefined;
  others: readonly Country[];
  /** Largest first, so the small ones are drawn on top. */
  symbols: readonly MapSymbol[];
  shapes?: PlaceShapes | undefined;
  /** Value by place code, for the choropleth. */
  values: ReadonlyMap<string, number | null>;
  max: number;
  title: string;
  /** The tooltip's last line: indicator and period. */
  detail: string;
  active: string | null;
  onActive(code: string | null): void;
  /** Drawn under the map, in a box as wide as the map (the legend keeps the map's scale). */
  children?: ReactNode;
}

export function SymbolMap({ frame, countryCode, country, others, symbols, shapes, values, max, title, detail, active, onActive, children }: Props) {
  const { t } = useTranslation('map');
  const { width, height } = frame;
  const neighbours = useMemo(
    () => others.flatMap((c) => {
      const d = pathOf(frame, c);
      return d ? [{ id: String(c.id ?? c.properties.name), d }] : [];
    }),
    [frame, others],
  );
  const outline = useMemo(() => (country ? pathOf(frame, country) : null), [frame, country]);
  const shapePaths = useMemo(
    () => (shapes?.features ?? []).flatMap((f) => {
      const d = pathOf(frame, f);
      return d ? [{ code: f.properties.code, d }] : [];
    }),
    [frame, shapes],
  );
  const shaded = new Set(shapePaths.map((s) => s.code));
  const current = symbols.find((s) => s.code === active);
  const tipStyle: CSSProperties | undefined = current && {
    left: `${(current.x / width) * 100}%`,
    top: `${((current.y - current.r) / height) * 100}%`,
  };
  // Keeps the container as wide as the map fits in the window's height.
  const boxStyle: CSSProperties = { width: `min(100%, ${((82 * width) / height).toFixed(2)}vh)` };

  return (
    <div className="map-canvas" style={boxStyle} onMouseLeave={() => onActive(null)}>
      <svg viewBox={`0 0 ${width} ${height}`} data-testid="map" role="group" aria-labelledby="map-svg-title" className="map-svg">
        <title id="map-svg-title">{title}</title>
        <rect width={width} height={height} className="map-sea" />
        <g className="map-neighbours" aria-hidden="true">
          {neighbours.map((n) => (
            <path key={n.id} d={n.d} />
          ))}
        </g>
        {outline && <path d={outline} className="map-country" data-testid="country-outline" data-country={countryCode} aria-hidden="true" />}
        {shapePaths.length > 0 && (
          <g className="map-shapes" aria-hidden="true">
            {shapePaths.map((s) => (
              <path key={s.code} d={s.d} data-place={s.code} fill={SHADES[shadeClass(values.get(s.code) ?? null, max)] ?? 'none'} />
            ))}
          </g>
        )}
        <g className="map-symbols">
          {symbols
            .filter((s) => !shaded.has(s.code))
            .map((s) => (
              <circle
                key={s.code}
                data-testid="symbol"
                data-place={s.code}
                data-value={s.value}
                cx={s.x.toFixed(2)}
                cy={s.y.toFixed(2)}
                r={s.r.toFixed(3)}
                className={s.code === active ? 'map-symbol active' : 'map-symbol'}
                tabIndex={0}
                role="img"
                aria-label={`${s.name}: ${s.text}`}
                onMouseEnter={() => onActive(s.code)}
                onFocus={() => onActive(s.code)}
                onBlur={() => onActive(null)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') onActive(null);
                }}
              />
            ))}
        </g>
      </svg>
      {current && (
        <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={tipStyle}>
          <strong>{current.name}</strong>
          <span data-testid="map-tooltip-value">{current.text}</span>
          <span className="map-tooltip-detail">{detail}</span>
        </div>
      )}
      <p className="visually-hidden">{t('keyboardHint')}</p>
      {children}
    </div>
  );
}
