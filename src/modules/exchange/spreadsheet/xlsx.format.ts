/** `xlsx`: data values, records and analytics results as Excel workbooks. */
import { spreadsheetFormat } from './spreadsheet-format.js';

export const xlsxFormat = spreadsheetFormat('xlsx');
