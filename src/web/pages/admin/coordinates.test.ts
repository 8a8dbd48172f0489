import { describe, expect, it } from 'vitest';
import { parseCoordinate, readCoordinates } from './coordinates';

describe('parseCoordinate', () => {
  it('reads numbers within the limit, comma decimals too; empty is none; the rest is bad', () => {
    expect(parseCoordinate(' -9.93 ', 90)).toBe(-9.93);
    expect(parseCoordinate('-76,24', 180)).toBe(-76.24);
    expect(parseCoordinate('', 90)).toBeNull();
    expect(parseCoordinate('91', 90)).toBe('bad');
    expect(parseCoordinate('12abc', 90)).toBe('bad');
  });
});

describe('readCoordinates', () => {
  it('gives both, neither, or what is wrong', () => {
    expect(readCoordinates('-9.3', '-76')).toEqual({ lat: -9.3, lon: -76 });
    expect(readCoordinates('', ' ')).toEqual({ lat: null, lon: null });
    expect(readCoordinates('95', '-76')).toEqual({ problems: ['badLat'] });
    expect(readCoordinates('-9.3', '')).toEqual({ problems: ['bothCoords'] });
    expect(readCoordinates('x', 'y')).toEqual({ problems: ['badLat', 'badLon'] });
  });
});
