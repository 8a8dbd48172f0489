/** A place's latitude and longitude as a person types them in the admin forms, and what is wrong with them. */

/** Parses a coordinate typed by a person: '' is none, otherwise a number within ±limit (comma decimals accepted). */
export function parseCoordinate(text: string, limit: number): number | null | 'bad' {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return 'bad';
  const n = Number(s);
  return Math.abs(n) <= limit ? n : 'bad';
}

export type CoordinateProblem = 'badLat' | 'badLon' | 'bothCoords';

/** Both coordinates, or neither (null, null), or the problems: each out of range, or only one given. */
export function readCoordinates(latText: string, lonText: string): { lat: number | null; lon: number | null } | { problems: CoordinateProblem[] } {
  const lat = parseCoordinate(latText, 90);
  const lon = parseCoordinate(lonText, 180);
  const problems: CoordinateProblem[] = [];
  if (lat === 'bad') problems.push('badLat');
  if (lon === 'bad') problems.push('badLon');
  if (lat !== 'bad' && lon !== 'bad' && (lat === null) !== (lon === null)) problems.push('bothCoords');
  return lat === 'bad' || lon === 'bad' || problems.length ? { problems } : { lat, lon };
}
