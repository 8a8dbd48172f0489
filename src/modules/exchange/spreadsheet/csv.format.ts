/** `csv`: data values, records and analytics results as CSV. */
import { spreadsheetFormat } from './spreadsheet-format.js';

export const csvFormat = spreadsheetFormat('csv');
