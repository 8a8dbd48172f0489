/**
 * Every exchange format Vigia speaks, by the FORMAT word of `vigia import|export` and the API.
 * Each format module registers itself here with one line; callers only look formats up.
 */
import type { ExchangeFormat } from './exchange-format.js';
import { csvFormat } from './spreadsheet/csv.format.js';
import { xlsxFormat } from './spreadsheet/xlsx.format.js';
import { adxFormat, dhis2CsvFormat, dhis2JsonFormat, dhis2XmlFormat } from './dhis2/dhis2.formats.js';
import { iatiFormat } from './iati/iati.format.js';

const formats: ExchangeFormat[] = [csvFormat, xlsxFormat, dhis2JsonFormat, dhis2CsvFormat, dhis2XmlFormat, adxFormat, iatiFormat];

/** Format name → format. */
export const exchangeRegistry: ReadonlyMap<string, ExchangeFormat> = new Map(formats.map((f) => [f.name, f]));

/** The format called `name`, or undefined. */
export function findFormat(name: string): ExchangeFormat | undefined {
  return exchangeRegistry.get(name);
}

/** Names of all registered formats, for help texts and error messages. */
export function formatNames(): string[] {
  return [...exchangeRegistry.keys()];
}
