/**
 * Units of quantity fields. Amounts are converted once, when a record comes in, to the canonical
 * unit of their dimension (mass → kg, area → ha, volume → l), and the amount and unit as
 * entered are kept beside it for display. Currency amounts are never converted: exchange rates
 * change, so an amount stays in the currency named by its record.
 */
export const UNIT_DIMENSIONS = ['mass', 'area', 'volume', 'currency'] as const;
export type UnitDimension = (typeof UNIT_DIMENSIONS)[number];

/** Factor to the canonical unit (the one with factor 1), per dimension. */
const UNITS: Record<Exclude<UnitDimension, 'currency'>, Record<string, number>> = {
  mass: { kg: 1, g: 0.001, t: 1000, lb: 0.45359237 },
  area: { ha: 1, m2: 0.0001, km2: 100 },
  volume: { l: 1, ml: 0.001, m3: 1000, gal: 3.785411784 },
};

/** Spellings people write for the same unit. */
const ALIASES: Record<string, string> = {
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  kilogramos: 'kg',
  gram: 'g',
  grams: 'g',
  gramos: 'g',
  tonne: 't',
  tonnes: 't',
  ton: 't',
  tons: 't',
  tm: 't',
  mt: 't',
  tonelada: 't',
  toneladas: 't',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  libra: 'lb',
  libras: 'lb',
  hectare: 'ha',
  hectares: 'ha',
  hectarea: 'ha',
  hectareas: 'ha',
  hectárea: 'ha',
  hectáreas: 'ha',
  'm²': 'm2',
  'km²': 'km2',
  litre: 'l',
  litres: 'l',
  liter: 'l',
  liters: 'l',
  litro: 'l',
  litros: 'l',
  'm³': 'm3',
  gallon: 'gal',
  gallons: 'gal',
  galon: 'gal',
  galones: 'gal',
  galón: 'gal',
};

const CURRENCY = /^[A-Z]{3}$/;

/** The unit every amount of `dimension` is stored in; null for currency (each keeps its own). */
export function canonicalUnit(dimension: UnitDimension): string | null {
  return dimension === 'currency' ? null : (Object.keys(UNITS[dimension])[0] ?? null);
}

/** The units accepted for a dimension, canonical first (currencies: any ISO 4217 code). */
export function allowedUnits(dimension: UnitDimension): string[] {
  return dimension === 'currency' ? ['ISO 4217 code, e.g. PEN, USD'] : Object.keys(UNITS[dimension]);
}

/** The canonical spelling of `unit` within `dimension`, or null when it is not one of its units. */
export function normaliseUnit(dimension: UnitDimension, unit: string): string | null {
  if (dimension === 'currency') {
    const c = unit.trim().toUpperCase();
    return CURRENCY.test(c) ? c : null;
  }
  const u = unit.trim().toLowerCase();
  const name = ALIASES[u] ?? u;
  return name in UNITS[dimension] ? name : null;
}

/** `amount` of `unit` (already normalised) in the dimension's canonical unit. */
export function toCanonical(dimension: UnitDimension, amount: number, unit: string): number {
  if (dimension === 'currency') return amount;
  const factor = UNITS[dimension][unit];
  if (factor === undefined) throw new Error(`unknown ${dimension} unit ${unit}`);
  // Rounded to 12 significant digits so that 1 t is exactly 1000 kg, not 1000.0000000000001.
  return factor === 1 ? amount : Number((amount * factor).toPrecision(12));
}
