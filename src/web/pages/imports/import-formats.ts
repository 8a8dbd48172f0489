/** The formats an import accepts, and the one a file name suggests. */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'dhis2-json', 'dhis2-csv', 'dhis2-xml', 'adx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Only csv and xlsx hold records of a type; the DHIS2 formats hold data values. */
export const holdsRecords = (format: ImportFormat): boolean => format === 'csv' || format === 'xlsx';

/** A guess from the extension: `.json` is DHIS2 JSON, `.xml` DHIS2 XML unless its name says ADX. */
export function guessFormat(fileName: string): ImportFormat | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.json')) return 'dhis2-json';
  if (name.endsWith('.adx') || (name.endsWith('.xml') && name.includes('adx'))) return 'adx';
  if (name.endsWith('.xml')) return 'dhis2-xml';
  if (name.endsWith('.csv')) return name.includes('dhis2') ? 'dhis2-csv' : 'csv';
  return undefined;
}

export const contentTypeOf = (format: ImportFormat): string => (format === 'csv' ? 'text/csv' : 'application/octet-stream');
