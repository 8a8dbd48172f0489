/**
 * The map itself, as SVG: the program's country, its neighbours faintly for context (clipped to
 * the view), and a circle per place whose area is proportional to the value. Circles take the
 * keyboard focus; hover or focus shows a tooltip (Escape hides it). Given `shapes` (imported
 * place boundaries), those places are drawn as a choropleth instead of circles: each shape takes
 * the focus and shows the tooltip like a circle does; places without a shape keep their circle.
 * The places' names are written beside them where they fit (map-labels.ts).
 */
import { useMemo, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { Country } from './use-atlas';
import { SHADES, pathOf, shadeClass, shapeAnchor, windForD3, type MapFrame, type PlaceShapes } from './map-geometry';
import { LABEL_SIZE, placeLabels } from './map-labels';

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

/** The fill of a shape whose place has no value. */
const NO_VALUE_FILL = '#eef0f3';

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
  /** Name and value text by place code, for the shapes' labels and tooltip. */
  labels: ReadonlyMap<string, { name: string; text: string }>;
  max: number;
  title: string;
  /** The tooltip's last line: indicator and period. */
  detail: string;
  active: string | null;
  onActive(code: string | null): void;
  /** Drawn under the map, in a box as wide as the map (the legend keeps the map's scale). */
  children?: ReactNode;
}

export function SymbolMap({ frame, countryCode, country, others, symbols, shapes, values, labels, max, title, detail, active, onActive, children }: Props) {
  const { t } = useTranslation('map');
  const format = useFormat();
  const { width, height } = frame;
  const neighbours = useMemo(
    () =>
      others.flatMap((c) => {
        const d = pathOf(frame, c);
        return d ? [{ id: String(c.id ?? c.properties.name), d }] : [];
      }),
    [frame, others],
  );
  const outline = useMemo(() => (country ? pathOf(frame, country) : null), [frame, country]);
  const shapePaths = useMemo(
    () =>
      (shapes ? windForD3(shapes).features : []).flatMap((f) => {
        const d = pathOf(frame, f);
        const anchor = d ? shapeAnchor(frame, f) : null;
        return d && anchor ? [{ code: f.properties.code, fallbackName: f.properties.name ?? f.properties.code, d, ...anchor }] : [];
      }),
    [frame, shapes],
  );
  const shaded = new Set(shapePaths.map((s) => s.code));
  const shapeItems = shapePaths.map((s) => {
    const label = labels.get(s.code);
    const value = values.get(s.code) ?? null;
    return {
      ...s,
      name: label?.name ?? s.fallbackName,
      text: value === null ? t('noValue') : (label?.text ?? format.number(value)),
      value,
      shade: shadeClass(value, max),
    };
  });
  // Names beside the places: circles by their value, shapes at their top (a shape's value decides its order).
  const nameLabels = placeLabels(
    [
      ...symbols.filter((s) => !shaded.has(s.code)).map((s) => ({ code: s.code, name: s.name, x: s.x, y: s.y, r: s.r, weight: s.value })),
      ...shapeItems.map((s) => ({ code: s.code, name: s.name, x: s.x, y: s.top, r: 0, weight: s.value ?? 0 })),
    ],
    width,
    height,
  );
  const activeSymbol = symbols.find((s) => s.code === active && !shaded.has(s.code));
  const activeShape = shapeItems.find((s) => s.code === active);
  const current = activeShape
    ? { name: activeShape.name, text: activeShape.text, x: activeShape.x, top: activeShape.top }
    : activeSymbol && { name: activeSymbol.name, text: activeSymbol.text, x: activeSymbol.x, top: activeSymbol.y - activeSymbol.r };
  const tipStyle: CSSProperties | undefined = current && {
    left: `${(current.x / width) * 100}%`,
    top: `${(current.top / height) * 100}%`,
  };
  const focusProps = (code: string) => ({
    tabIndex: 0,
    role: 'img',
    onMouseEnter: () => onActive(code),
    onFocus: () => onActive(code),
    onBlur: () => onActive(null),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') onActive(null);
    },
  });
  // Keeps the container as wide as the map fits in the window's height.
  const boxStyle: CSSProperties = { width: `min(100%, ${((82 * width) / height).toFixed(2)}vh)` };

  return (
    <div className="map-canvas" style={boxStyle} onMouseLeave={() => onActive(null)}>
      {/* The tooltip is placed in this frame's percentages: the map's own box, legends excluded. */}
      <div className="map-frame">
        <svg viewBox={`0 0 ${width} ${height}`} data-testid="map" role="group" aria-labelledby="map-svg-title" className="map-svg">
          <title id="map-svg-title">{title}</title>
          <rect width={width} height={height} className="map-sea" />
          <g className="map-neighbours" aria-hidden="true">
            {neighbours.map((n) => (
              <path key={n.id} d={n.d} />
            ))}
          </g>
          {outline && <path d={outline} className="map-country" data-testid="country-outline" data-country={countryCode} aria-hidden="true" />}
          {shapeItems.length > 0 && (
            <g className="map-shapes">
              {shapeItems.map((s) => (
                <path
                  key={s.code}
                  d={s.d}
                  data-testid="shape"
                  data-place={s.code}
                  data-value={s.value ?? undefined}
                  fill={SHADES[s.shade] ?? NO_VALUE_FILL}
                  className={s.code === active ? 'map-shape active' : 'map-shape'}
                  aria-label={`${s.name}: ${s.text}`}
                  {...focusProps(s.code)}
                />
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
                  aria-label={`${s.name}: ${s.text}`}
                  {...focusProps(s.code)}
                />
              ))}
          </g>
          {/* The names are read with each circle or shape already: hidden from screen readers here. */}
          <g className="map-labels" aria-hidden="true" data-testid="map-labels">
            {nameLabels.map((l) => (
              <text key={l.code} data-place={l.code} x={l.x.toFixed(1)} y={l.y.toFixed(1)} textAnchor={l.anchor} fontSize={LABEL_SIZE}>
                {l.name}
              </text>
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
      </div>
      <p className="visually-hidden">{t(shapeItems.length > 0 ? 'keyboardHintShapes' : 'keyboardHint')}</p>
      {children}
    </div>
  );
}
