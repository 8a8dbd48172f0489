/**
 * Reads a program folder (docs/program-format.md) from disk. Each file is parsed and each row
 * checked on its own (required cells, codes, enums, numbers, duplicates within the file);
 * every problem is collected with its file, line and column instead of stopping at the first.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssueDetail } from '../../core/errors.js';
import type { Provenance, ValueStatus } from '../../db/schema.js';
import { csvRows, readCsvTable, type CsvRow } from '../../files/csv-table.reader.js';
import { checkNumber, NOT_A_NUMBER } from '../../core/finite-number.js';
import { readJsonArray, readJsonFile } from '../../files/json-file.reader.js';
import {
  CODE_PATTERN,
  CODE_RULE,
  CSV_COLUMNS,
  FOLDER_FILES,
  FRAMEWORK_KINDS,
  ORGANISATION_KINDS,
  REQUIRED_FILES,
  TARGET_KINDS,
  dimensionSchema,
  indicatorSchema,
  programFileSchema,
  type CsvColumns,
} from './program-folder.schema.js';
import type { ProgramFolder, RefKind, TargetRow, ValueRow } from './program-folder.types.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';

/** Reads a file of the folder; null when it does not exist. */
async function readText(dir: string, file: string): Promise<string | null> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Reads the cells of one CSV row, reporting each bad cell once. */
class RowReader {
  constructor(
    private readonly file: string,
    private readonly row: CsvRow,
    private readonly issues: IssueDetail[],
  ) {}

  private bad(column: string, reason: string): null {
    this.issues.push({ file: this.file, row: this.row.line, column, value: this.row.cells[column] ?? '', reason });
    return null;
  }

  text(column: string): string | null {
    return this.row.cells[column] || null;
  }

  required(column: string): string | null {
    return this.row.cells[column] || this.bad(column, 'required');
  }

  code(column: string, required = true): string | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, 'required') : null;
    return CODE_PATTERN.test(v) ? v : this.bad(column, CODE_RULE);
  }

  oneOf<T extends string>(column: string, options: readonly T[], required = true): T | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, `required: one of ${options.join(', ')}`) : null;
    return (options as readonly string[]).includes(v) ? (v as T) : this.bad(column, `must be one of ${options.join(', ')}`);
  }

  decimal(column: string, required: boolean, min = -Infinity, max = Infinity): number | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, 'required') : null;
    const checked = checkNumber(v);
    if ('reason' in checked) return this.bad(column, checked.reason === NOT_A_NUMBER ? `${NOT_A_NUMBER} (use . for decimals and no thousands separator)` : checked.reason);
    const n = checked.ok;
    return n >= min && n <= max ? n : this.bad(column, `must be between ${min} and ${max}`);
  }

  integer(column: string, min: number, max: number): number | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return this.bad(column, 'required');
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    return n >= min && n <= max ? n : this.bad(column, `must be a whole number from ${min} to ${max}`);
  }
}

/** Keeps the first row of each code and reports the others. */
function firstOfEachCode<T extends { code: string; line: number }>(file: string, rows: T[], issues: IssueDetail[]): T[] {
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const first = seen.get(r.code);
    if (first === undefined) {
      seen.set(r.code, r.line);
      return true;
    }
    issues.push({ file, row: r.line, column: 'code', value: r.code, reason: `duplicate code (first on row ${first})` });
    return false;
  });
}

/** Reads every file of the folder at `dir`; never throws for bad content, only for I/O failures. */
export async function readProgramFolder(dir: string): Promise<ProgramFolder> {
  const issues: IssueDetail[] = [];
  const folder: ProgramFolder = {
    dir,
    files: [],
    program: null,
    places: [],
    zones: [],
    zonePlaces: [],
    organisations: [],
    sources: [],
    dimensions: null,
    framework: [],
    indicators: null,
    targets: [],
    valueFiles: [],
    valueBytes: 0,
    unusable: new Map(),
    issues,
  };
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    issues.push({ file: dir, reason: 'not a folder: give the folder that holds program.json, places.csv, …' });
    return folder;
  }
  const broken = (kind: RefKind) => folder.unusable.set(kind, 'all');
  const unusableCode = (kind: RefKind, code: string) => {
    const set = folder.unusable.get(kind);
    if (set === 'all') return;
    folder.unusable.set(kind, (set ?? new Set()).add(code));
  };

  const load = async (file: string): Promise<string | null> => {
    const text = await readText(dir, file);
    if (text === null) {
      if (REQUIRED_FILES.includes(file)) issues.push({ file, reason: 'required file is missing' });
    } else folder.files.push(file);
    return text;
  };
  const csv = async (file: string, columns: CsvColumns, kind?: RefKind): Promise<Array<[CsvRow, RowReader]>> => {
    const text = await load(file);
    if (text === null) {
      if (kind && REQUIRED_FILES.includes(file)) broken(kind);
      return [];
    }
    const before = issues.length;
    const rows = readCsvTable(file, text, columns, issues);
    // A header so wrong that no row could be read leaves every reference to this file unusable.
    if (kind && rows.length === 0 && issues.length > before) broken(kind);
    return rows.map((row) => [row, new RowReader(file, row, issues)]);
  };

  const programText = await load(FOLDER_FILES.program);
  if (programText !== null) folder.program = readJsonFile(FOLDER_FILES.program, programText, programFileSchema, issues)?.data ?? null;

  // Rows with a usable code are kept even when another cell is bad (that is reported), so that
  // each reference to them does not report a second, misleading "unknown code".
  const places = [];
  for (const [row, r] of await csv(FOLDER_FILES.places, CSV_COLUMNS.places, 'place')) {
    const code = r.code('code');
    const name = r.required('name');
    const level = r.integer('level', 1, MAX_PLACE_LEVEL);
    const parent = r.code('parent', false);
    if (level === 1 && parent) {
      issues.push({ file: FOLDER_FILES.places, row: row.line, column: 'parent', value: parent, reason: 'a level-1 place (the country) has no parent' });
    }
    if (level !== null && level > 1 && !parent && row.cells.parent === '') {
      issues.push({ file: FOLDER_FILES.places, row: row.line, column: 'parent', value: '', reason: `required for a level-${level} place` });
    }
    const lat = r.decimal('lat', false, -90, 90);
    const lon = r.decimal('lon', false, -180, 180);
    if (!code) continue;
    places.push({ file: FOLDER_FILES.places, line: row.line, code, name: name ?? code, level, parent, lat, lon, iso: r.text('iso') });
  }
  folder.places = firstOfEachCode(FOLDER_FILES.places, places, issues);

  // zones, organisations and sources: a code and names in English and Spanish, then their own columns.
  const named = async (file: string, kind: RefKind, columns: CsvColumns) => {
    const rows = [];
    for (const [row, r] of await csv(file, columns, kind)) {
      const code = r.code('code');
      const name_en = r.required('name_en');
      const name_es = r.required('name_es');
      if (code) rows.push({ row, r, code, name_en: name_en ?? '', name_es: name_es ?? '', file, line: row.line });
    }
    return firstOfEachCode(file, rows, issues);
  };

  folder.zones = (await named(FOLDER_FILES.zones, 'zone', CSV_COLUMNS.zones)).map(({ file, line, code, name_en, name_es }) => ({ file, line, code, name_en, name_es }));
  const pairs = new Map<string, number>();
  for (const [row, r] of await csv(FOLDER_FILES.zonePlaces, CSV_COLUMNS.zonePlaces)) {
    const zone = r.code('zone');
    const place = r.code('place');
    if (!zone || !place) continue;
    const first = pairs.get(`${zone}|${place}`);
    if (first !== undefined) {
      issues.push({ file: FOLDER_FILES.zonePlaces, row: row.line, column: 'place', value: place, reason: `duplicate of row ${first}` });
      continue;
    }
    pairs.set(`${zone}|${place}`, row.line);
    folder.zonePlaces.push({ file: FOLDER_FILES.zonePlaces, line: row.line, zone, place });
  }

  folder.organisations = (await named(FOLDER_FILES.organisations, 'organisation', CSV_COLUMNS.organisations)).map(({ row, r, ...o }) => {
    const country = r.text('country');
    if (country && !/^[A-Z]{2}$/.test(country)) {
      issues.push({ file: o.file, row: row.line, column: 'country', value: country, reason: 'an ISO 3166-1 alpha-2 country code, e.g. PE' });
    }
    return { ...o, kind: r.oneOf('kind', ORGANISATION_KINDS) ?? '', country_code: country, iati_ref: r.text('iati_ref') };
  });
  folder.sources = (await named(FOLDER_FILES.sources, 'source', CSV_COLUMNS.sources)).map(({ row: _row, r, ...s }) => ({ ...s, url: r.text('url') }));

  const dimText = await load(FOLDER_FILES.dimensions);
  if (dimText !== null) {
    folder.dimensions = readJsonArray(FOLDER_FILES.dimensions, dimText, dimensionSchema, issues);
    if (!folder.dimensions) broken('dimension');
    else {
      for (const code of folder.dimensions.failedCodes) unusableCode('dimension', code);
      const seen = new Map<string, number>();
      folder.dimensions.items = folder.dimensions.items.filter(({ data, line, index }) => {
        const options = new Set<string>();
        data.options.forEach((o, i) => {
          if (options.has(o.code)) {
            issues.push({ file: FOLDER_FILES.dimensions, row: folder.dimensions?.locate.line([index, 'options', i, 'code']), column: `options[${i}].code`, value: o.code, reason: `duplicate option of ${data.code}` });
          }
          options.add(o.code);
        });
        const first = seen.get(data.code);
        if (first === undefined) seen.set(data.code, line);
        else issues.push({ file: FOLDER_FILES.dimensions, row: line, column: 'code', value: data.code, reason: `duplicate code (first on row ${first})` });
        return first === undefined;
      });
    }
  }

  const framework = [];
  for (const [row, r] of await csv(FOLDER_FILES.framework, CSV_COLUMNS.framework, 'framework')) {
    const code = r.code('code');
    const kind = r.oneOf('kind', FRAMEWORK_KINDS);
    const parent = r.code('parent', false);
    const name_en = r.required('name_en') ?? '';
    const name_es = r.required('name_es') ?? '';
    if (kind === 'goal' && parent) {
      issues.push({ file: FOLDER_FILES.framework, row: row.line, column: 'parent', value: parent, reason: 'a goal has no parent' });
    }
    if (kind === 'component' && !parent && row.cells.parent === '') {
      issues.push({ file: FOLDER_FILES.framework, row: row.line, column: 'parent', value: '', reason: 'required: the goal this component belongs to' });
    }
    if (!code) continue;
    framework.push({
      file: FOLDER_FILES.framework, line: row.line, code, kind, parent, name_en, name_es,
      description_en: r.text('description_en'), description_es: r.text('description_es'), sort: framework.length,
    });
  }
  folder.framework = firstOfEachCode(FOLDER_FILES.framework, framework, issues);

  const indText = await load(FOLDER_FILES.indicators);
  if (indText === null) broken('indicator');
  else {
    folder.indicators = readJsonArray(FOLDER_FILES.indicators, indText, indicatorSchema, issues);
    if (!folder.indicators) broken('indicator');
    else {
      for (const code of folder.indicators.failedCodes) unusableCode('indicator', code);
      const seen = new Map<string, number>();
      const locate = folder.indicators.locate;
      folder.indicators.items = folder.indicators.items.filter(({ data, line, index }) => {
        for (const list of ['sources', 'dimensions'] as const) {
          data[list].forEach((c, i) => {
            if (data[list].indexOf(c) !== i) {
              issues.push({ file: FOLDER_FILES.indicators, row: locate.line([index, list, i]), column: `${list}[${i}]`, value: c, reason: 'listed twice' });
            }
          });
        }
        const first = seen.get(data.code);
        if (first === undefined) seen.set(data.code, line);
        else issues.push({ file: FOLDER_FILES.indicators, row: line, column: 'code', value: data.code, reason: `duplicate code (first on row ${first})` });
        return first === undefined;
      });
    }
  }

  for (const [row, r] of await csv(FOLDER_FILES.targets, CSV_COLUMNS.targets)) {
    folder.targets.push({ ...valueRow(FOLDER_FILES.targets, row, r, false), kind: r.oneOf('kind', TARGET_KINDS) } satisfies TargetRow);
  }

  try {
    const entries = await readdir(join(dir, FOLDER_FILES.valuesDir), { withFileTypes: true });
    folder.valueFiles = entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'))
      .map((e) => `${FOLDER_FILES.valuesDir}/${e.name}`)
      .sort();
    for (const file of folder.valueFiles) folder.valueBytes += (await stat(join(dir, file))).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  return folder;
}

/** A run of rows of a values file, and how far into the file it ends. */
export interface ValueBatch {
  rows: ValueRow[];
  bytes: number;
}

/**
 * Streams one file of values/ in batches of `size` rows. Values files are read when needed
 * (once to check, once to write) and never held whole: a program may have millions of values.
 */
export async function* readValueBatches(dir: string, file: string, issues: IssueDetail[], size = 10_000): AsyncGenerator<ValueBatch> {
  let rows: ValueRow[] = [];
  let bytes = 0;
  for await (const row of csvRows(createReadStream(join(dir, file)), file, CSV_COLUMNS.values, issues)) {
    rows.push(valueRow(file, row, new RowReader(file, row, issues), true));
    bytes = row.bytes;
    if (rows.length >= size) {
      yield { rows, bytes };
      rows = [];
    }
  }
  if (rows.length) yield { rows, bytes };
}

/**
 * The service's input for one value or target row. The number and the provenance are checked
 * here, in the file's terms; everything that needs the catalog is left to resolveValue.
 */
function valueRow(file: string, row: CsvRow, r: RowReader, isValue: boolean): ValueRow {
  const c = row.cells;
  for (const column of ['indicator', 'place', 'period']) r.required(column);
  const value = r.decimal('value', true);
  if (isValue) r.required('provenance');
  return {
    file,
    line: row.line,
    input: {
      indicator: c.indicator ?? '',
      place: c.place ?? '',
      period: c.period ?? '',
      // A bad number is already reported; 0 keeps resolveValue from reporting it twice.
      value: value ?? 0,
      disagg: c.disagg ?? '',
      source: c.source || undefined,
      provenance: (c.provenance || undefined) as Provenance | undefined,
      note: c.note || null,
      // Program data loaded from a folder is the program's own, already checked: approved.
      status: (c.status || (isValue ? 'approved' : undefined)) as ValueStatus | undefined,
      organisation: c.organisation || null,
    },
  };
}
