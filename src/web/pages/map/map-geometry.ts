/**
 * The geometry of the map, free of React: the projection fitted to the country (or to the
 * places when the country is not known), symbol radii with area proportional to value, the
 * legend's reference values and the classes of a choropleth.
 */
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPoint, Polygon, Position } from 'geojson';

/** The width of the map's viewBox; its height follows the country's shape. */
export const MAP_WIDTH = 600;
/** The radius of the largest value's circle, in viewBox units. */
export const MAX_RADIUS = 38;
const PAD = 18;
const MIN_HEIGHT = 320;
const MAX_HEIGHT = 900;

/**
 * Boundaries of places (a choropleth instead of circles), keyed by `properties.code`: those a
 * program imported (boundaries.geojson or PUT /api/programs/{program}/boundaries).
 */
export type PlaceShapes = FeatureCollection<Geometry, { code: string; name?: string }>;

export interface MapFrame {
  width: number;
  height: number;
  projection: GeoProjection;
}

/** A Mercator projection filling a viewBox MAP_WIDTH wide, as tall as the shape needs (clamped). */
export function fitFrame(shape: GeoPermissibleObjects): MapFrame {
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PAD, shape);
  const [[, y0], [, y1]] = geoPath(projection).bounds(shape);
  const raw = Number.isFinite(y1 - y0) ? y1 - y0 + 2 * PAD : MIN_HEIGHT;
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, raw)));
  projection.fitExtent(
    [
      [PAD, PAD],
      [MAP_WIDTH - PAD, height - PAD],
    ],
    shape,
  );
  projection.clipExtent([
    [0, 0],
    [MAP_WIDTH, height],
  ]);
  return { width: MAP_WIDTH, height, projection };
}

/** The places' bounding box, widened a little (a single place gets a degree around it). */
export function placesBox(points: readonly { lat: number; lon: number }[]): Feature<MultiPoint> | null {
  if (points.length === 0) return null;
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const padLon = Math.max(1, (e - w) * 0.1);
  const padLat = Math.max(1, (n - s) * 0.1);
  const coordinates = [
    [w - padLon, s - padLat],
    [e + padLon, n + padLat],
  ];
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates } };
}

/** The circle radius of a value: area ∝ value, the largest value gets MAX_RADIUS; 0 when nothing to draw. */
export function symbolRadius(value: number | null, max: number): number {
  if (value === null || !(value > 0) || !(max > 0)) return 0;
  return MAX_RADIUS * Math.sqrt(value / max);
}

/** The largest "round" number (1, 2 or 5 × 10ⁿ) not above the value. */
export function niceFloor(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const lead = value / power;
  return (lead >= 5 ? 5 : lead >= 2 ? 2 : 1) * power;
}

/** Two or three round reference values for the legend, largest first (whole numbers for counts). */
export function legendValues(max: number, integers = false): number[] {
  if (!(max > 0)) return [];
  const values = [niceFloor(max), niceFloor(max / 3), niceFloor(max / 10)];
  return [...new Set(values)].filter((v) => v > 0 && symbolRadius(v, max) >= 3 && (!integers || Number.isInteger(v)));
}

/** Sequential fills of a choropleth (light to dark, readable borders on each). */
export const SHADES = ['#fde6d8', '#f8b99a', '#ee8a65', '#d45a3d', '#a8321f'] as const;

/** The shade class (0…SHADES.length-1) of a value in a choropleth; -1 when it has none. */
export function shadeClass(value: number | null, max: number): number {
  if (value === null || !(value > 0) || !(max > 0)) return -1;
  return Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length));
}

/** The path of a feature in the frame, or null when it lies wholly outside. */
export function pathOf(frame: MapFrame, shape: GeoPermissibleObjects): string | null {
  const d = geoPath(frame.projection)(shape);
  return d && d.length > 0 ? d : null;
}

/** Where a shape's tooltip points: its centroid across, its top edge down (null when off the map). */
export function shapeAnchor(frame: MapFrame, shape: GeoPermissibleObjects): { x: number; top: number } | null {
  const path = geoPath(frame.projection);
  const [x, y] = path.centroid(shape);
  const [[, top]] = path.bounds(shape);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  return { x, top: Number.isFinite(top) ? Math.max(0, Math.min(top, y)) : y };
}

/** The upper bound of each shade class of a choropleth whose largest value is `max`. */
export function shadeBounds(max: number): number[] {
  if (!(max > 0)) return [];
  return SHADES.map((_, i) => (max * (i + 1)) / SHADES.length);
}

/**
 * The polygon rings in the order d3-geo wants. GeoJSON (RFC 7946) winds outer rings
 * counter-clockwise, d3's spherical geometry clockwise (else a ring encloses the rest of the
 * globe); files come either way, so a polygon covering more than a hemisphere is reversed.
 */
function d3Rings(rings: Position[][]): Position[][] {
  const polygon: Polygon = { type: 'Polygon', coordinates: rings };
  return geoArea(polygon) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
}

/** The shapes with their polygons wound for d3-geo (other geometries are left as they are). */
export function windForD3<T extends PlaceShapes>(shapes: T): T {
  const features = shapes.features.map((f) => {
    const g = f.geometry;
    if (g.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: d3Rings(g.coordinates) } };
    if (g.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map(d3Rings) } };
    return f;
  });
  return { ...shapes, features };
}
