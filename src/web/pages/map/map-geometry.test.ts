import { describe, expect, it } from 'vitest';
import { geoArea } from 'd3-geo';
import {
  MAP_WIDTH,
  MAX_RADIUS,
  fitFrame,
  legendValues,
  niceFloor,
  pathOf,
  placesBox,
  shadeBounds,
  shadeClass,
  shapeAnchor,
  symbolRadius,
  windForD3,
  type PlaceShapes,
} from './map-geometry';

describe('map geometry', () => {
  it('makes circle areas proportional to the values', () => {
    const max = 6986;
    const r1 = symbolRadius(6986, max);
    const r2 = symbolRadius(695, max);
    expect(r1).toBe(MAX_RADIUS);
    expect((r2 * r2) / (r1 * r1)).toBeCloseTo(695 / 6986, 10);
    expect(symbolRadius(0, max)).toBe(0);
    expect(symbolRadius(null, max)).toBe(0);
    expect(symbolRadius(-5, max)).toBe(0);
  });

  it('picks round legend values below the largest', () => {
    expect(niceFloor(6986)).toBe(5000);
    expect(niceFloor(2328)).toBe(2000);
    expect(niceFloor(0.7)).toBe(0.5);
    expect(legendValues(6986)).toEqual([5000, 2000, 500]);
    expect(legendValues(1)).toEqual([1, 0.2, 0.1]);
    expect(legendValues(3, true)).toEqual([2, 1]);
    expect(legendValues(0)).toEqual([]);
  });

  it('fits a projection to the places when there is no country outline', () => {
    const box = placesBox([
      { lat: -9.9, lon: -76.2 },
      { lat: -13.2, lon: -74.2 },
    ]);
    expect(box).not.toBeNull();
    const frame = fitFrame(box!);
    expect(frame.width).toBe(MAP_WIDTH);
    const p = frame.projection([-75, -11]);
    expect(p?.[0]).toBeGreaterThan(0);
    expect(p?.[0]).toBeLessThan(frame.width);
    expect(p?.[1]).toBeGreaterThan(0);
    expect(p?.[1]).toBeLessThan(frame.height);
    expect(placesBox([])).toBeNull();
    // A shape far away is clipped out of the view.
    const far = {
      type: 'Feature' as const,
      properties: {},
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [10, 50],
            [10, 51],
            [11, 51],
            [10, 50],
          ],
        ],
      },
    };
    expect(pathOf(frame, far)).toBeNull();
  });

  it('classes a choropleth from light to dark', () => {
    expect(shadeClass(null, 10)).toBe(-1);
    expect(shadeClass(1, 10)).toBe(0);
    expect(shadeClass(10, 10)).toBe(4);
  });

  it('winds imported polygons for d3 either way round, so each covers only its own place', () => {
    const ccw = [
      [-77, -10],
      [-75, -10],
      [-75, -8],
      [-77, -8],
      [-77, -10],
    ];
    const cw = [...ccw].reverse();
    const shapes: PlaceShapes = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: [ccw] } },
        { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [[cw], [ccw]] } },
      ],
    };
    const wound = windForD3(shapes);
    for (const f of wound.features) expect(geoArea(f)).toBeLessThan(0.01);
    const frame = fitFrame(
      placesBox([
        { lat: -12, lon: -78 },
        { lat: -6, lon: -73 },
      ])!,
    );
    const anchor = shapeAnchor(frame, wound.features[0]!);
    expect(anchor).not.toBeNull();
    const [x, y] = frame.projection([-76, -9])!;
    expect(anchor!.x).toBeCloseTo(x, 0);
    expect(anchor!.top).toBeLessThan(y);
  });

  it('bounds the shade classes evenly up to the largest value', () => {
    expect(shadeBounds(100)).toEqual([20, 40, 60, 80, 100]);
    expect(shadeBounds(0)).toEqual([]);
    expect(shadeClass(20, 100)).toBe(1);
    expect(shadeClass(19.9, 100)).toBe(0);
  });
});
