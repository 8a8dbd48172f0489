/** Colours and text style shared by the dashboard's charts (dark enough on white: ≥ 4.5:1 for text). */
export const ACTUAL_COLOUR = '#1f5f8b';
export const TARGET_COLOUR = '#b3261e';
/** One colour per coca-cultivation source, in display order (USG first). */
export const SOURCE_COLOURS = ['#1f5f8b', '#b35c00', '#2e7d32', '#6a1b9a'];
export const axisStyle = { color: '#333333', fontSize: 12 };

/**
 * One bar's datum: a partial period is a hollow bar (dashed outline, no fill) so it never reads
 * as a whole period; a missing one is null, a gap on the axis.
 */
export function barDatum(point: { value: number | null; partial: boolean } | undefined, colour: string): number | null | object {
  if (!point || point.value === null) return null;
  if (!point.partial) return point.value;
  return { value: point.value, itemStyle: { color: 'rgba(0,0,0,0)', borderColor: colour, borderWidth: 2, borderType: 'dashed' } };
}
