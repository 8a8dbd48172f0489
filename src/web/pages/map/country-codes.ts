/**
 * ISO 3166-1 alpha-2 → numeric codes, the ids of the Natural Earth countries in `world-atlas`.
 * Latin America and the Caribbean (where counternarcotics programs of this kind run) plus a few
 * other producer and transit countries; a program elsewhere falls back to fitting its places.
 */
export const COUNTRY_NUMERIC: Readonly<Record<string, string>> = {
  AR: '032',
  BO: '068',
  BR: '076',
  BZ: '084',
  CL: '152',
  CO: '170',
  CR: '188',
  CU: '192',
  DO: '214',
  EC: '218',
  SV: '222',
  GT: '320',
  GY: '328',
  HT: '332',
  HN: '340',
  JM: '388',
  MX: '484',
  NI: '558',
  PA: '591',
  PY: '600',
  PE: '604',
  SR: '740',
  TT: '780',
  UY: '858',
  VE: '862',
  BS: '044',
  PR: '630',
  US: '840',
  CA: '124',
  AF: '004',
  MM: '104',
  LA: '418',
  TH: '764',
  PK: '586',
  ES: '724',
};

/** The world-atlas id of a country, or undefined when it is not in the table. */
export function countryNumeric(alpha2: string | undefined): string | undefined {
  return alpha2 ? COUNTRY_NUMERIC[alpha2.toUpperCase()] : undefined;
}
