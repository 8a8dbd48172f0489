/** How the map says values: a number with its unit, in the current language. */
import { useFormat } from '../../i18n/format';

/** A formatted number with its unit ("3,509 ha", "12.5%"); counts go without a unit. */
export function withUnit(text: string, unit: string | undefined): string {
  if (!unit || unit === 'count') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** Formats a value with its unit in the current language. */
export function useValueText(): (value: number | null, unit: string | undefined) => string {
  const format = useFormat();
  return (value, unit) => (value === null ? format.number(null) : withUnit(format.number(value), unit));
}
