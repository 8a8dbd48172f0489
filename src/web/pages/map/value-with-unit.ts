/** How the map says values: a number with its unit, in the current language. */
import { useFormat } from '../../i18n/format';
import { withUnit } from '../../i18n/unit-label';

/** Formats a value with its unit in the current language ("3,509 hectares"; counts bare). */
export function useValueText(): (value: number | null, unit: string | undefined) => string {
  const format = useFormat();
  return (value, unit) => (value === null ? format.number(null) : withUnit(format.number(value), value, unit, format.language));
}
