/**
 * Reads zones.csv, organisations.csv and sources.csv: each row a code and names in English
 * and Spanish, then the file's own columns (an organisation's kind, country and IATI
 * reference; a source's URL). The first row of each code is kept, the others reported.
 */
import type { FolderFiles } from './folder-files.reader.js';
import { firstOfEachCode, type RowReader } from './folder-row.reader.js';
import { CSV_COLUMNS, FOLDER_FILES } from './program-folder.schema.js';
import { ORGANISATION_KINDS } from '../../core/organisation-kinds.js';
import type { CsvColumns, CsvRow } from '../../files/csv-table.reader.js';
import type { OrganisationRow, RefKind, SourceRow, ZoneRow } from './program-folder.types.js';

/** The rows of a file of named things, with their reader for the file's own columns. */
async function readNamedRows(files: FolderFiles, file: string, kind: RefKind, columns: CsvColumns) {
  const rows = [];
  for (const [row, r] of await files.csv(file, columns, kind)) {
    const named = readNamedRow(file, row, r);
    if (named) rows.push({ row, r, ...named });
  }
  return firstOfEachCode(file, rows, files.issues);
}

/** The code and names of one row; null when its code is unusable. */
function readNamedRow(file: string, row: CsvRow, r: RowReader) {
  const code = r.code('code');
  const name_en = r.required('name_en');
  const name_es = r.required('name_es');
  return code ? { code, name_en: name_en ?? '', name_es: name_es ?? '', file, line: row.line } : null;
}

export async function readZonesFile(files: FolderFiles): Promise<ZoneRow[]> {
  const rows = await readNamedRows(files, FOLDER_FILES.zones, 'zone', CSV_COLUMNS.zones);
  return rows.map(({ file, line, code, name_en, name_es }) => ({ file, line, code, name_en, name_es }));
}

export async function readOrganisationsFile(files: FolderFiles): Promise<OrganisationRow[]> {
  const rows = await readNamedRows(files, FOLDER_FILES.organisations, 'organisation', CSV_COLUMNS.organisations);
  return rows.map(({ row, r, ...o }) => {
    const country = r.text('country');
    if (country && !/^[A-Z]{2}$/.test(country)) {
      files.issues.push({ file: o.file, row: row.line, column: 'country', value: country, reason: 'an ISO 3166-1 alpha-2 country code, e.g. PE' });
    }
    return { ...o, kind: r.oneOf('kind', ORGANISATION_KINDS) ?? '', country_code: country, iati_ref: r.text('iati_ref') };
  });
}

export async function readSourcesFile(files: FolderFiles): Promise<SourceRow[]> {
  const rows = await readNamedRows(files, FOLDER_FILES.sources, 'source', CSV_COLUMNS.sources);
  return rows.map(({ row: _row, r, ...s }) => ({ ...s, url: r.text('url') }));
}

/** One row of sources.csv checked on its own; the design API (modules/design) checks a source sent to it with this too. */
export function readSourceRow(row: CsvRow, r: RowReader): SourceRow | null {
  const named = readNamedRow(FOLDER_FILES.sources, row, r);
  return named && { ...named, url: r.text('url') };
}
