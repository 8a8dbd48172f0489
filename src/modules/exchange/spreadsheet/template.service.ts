/**
 * Blank spreadsheets to fill in and import: one for the data values of a set of indicators (by
 * default every reported indicator of the program), one per record type. The XLSX template has
 * the data sheet first (the only sheet an import reads), drop-down lists of the allowed codes
 * on the cells, a `notes` sheet describing each column in English and Spanish, and a `lists`
 * sheet holding the codes (with names) the drop-downs offer. The CSV template is the header
 * row alone: an example row would be imported by whoever forgot to delete it.
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type { Database } from '../../../db/schema.js';
import { validationError } from '../../../core/errors.js';
import type { Clearance } from '../../../db/schema-accounts.js';
import { indicatorSensitivities, mayReadIndicator, type IndicatorSensitivities } from '../../catalog/indicator-sensitivity.service.js';
import type { FieldDefinition, RecordTypeDefinition } from '../../../core/record-types/definition.schema.js';
import { allowedUnits } from '../../../core/record-types/units.js';
import { loadCatalog, type Catalog } from '../../catalog/catalog.repo.js';
import { openRecordScope, type RecordScope } from '../../records/record-scope.js';
import { requireRecordType } from '../../catalog/record-types.service.js';
import { RECORD_PROVENANCES, RECORD_STATUSES } from '../../records/record-prepare.js';
import { VALUE_EXPORT_COLUMNS } from './spreadsheet-export.service.js';
import { csvSink } from './table-sink.js';
import { neutraliseCell } from '../../../core/spreadsheet-cells.js';

export interface TemplateOptions {
  program: string;
  /** A record type: its template instead of the values one. */
  recordType?: string | undefined;
  /** The indicator set of a values template (default: every reported indicator). */
  indicators?: readonly string[] | undefined;
  /** Leave out indicators above this sensitivity (the reader's clearance). */
  maxSensitivity?: Clearance | undefined;
}

/** One column of a template: what it holds, in both languages, and the codes it allows. */
interface TemplateColumn {
  name: string;
  required: boolean;
  en: string;
  es: string;
  /** Allowed codes with a label, offered as a drop-down. */
  list?: Array<[code: string, label: string]>;
  /** A numeric cell. */
  number?: boolean;
}

/** Rows of the data sheet that carry drop-downs. */
const TEMPLATE_ROWS = 1_000;
/** Codes offered as their own labels. */
const plain = (codes: readonly string[]): Array<[string, string]> => codes.map((c) => [c, c]);

function reportedIndicators(catalog: Catalog, sensitivities: IndicatorSensitivities, codes: readonly string[] | undefined, ceiling: Clearance = 'restricted') {
  const reported = [...catalog.indicators.values()].filter((i) => i.origin === 'reported' && mayReadIndicator(sensitivities, i.code, ceiling));
  if (!codes?.length) return reported;
  const bad = codes.filter((c) => !reported.some((i) => i.code === c));
  if (bad.length) {
    throw validationError(
      `not reported indicators of ${catalog.program.code}: ${bad.join(', ')}`,
      bad.map((c) => ({ column: 'indicators', value: c, reason: 'not a reported indicator of the program' })),
    );
  }
  return reported.filter((i) => codes.includes(i.code));
}

function valueColumns(catalog: Catalog, indicators: ReturnType<typeof reportedIndicators>): TemplateColumn[] {
  const places: Array<[string, string]> = [...catalog.places.values()]
    .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code))
    .map((p) => [p.code, p.name]);
  const sources = [...new Set(indicators.flatMap((i) => i.sources))].sort();
  const disaggs = [...new Set(indicators.flatMap((i) => [...i.dimensions].flatMap(([d, opts]) => [...opts].map((o) => `${d}=${o}`))))].sort();
  const cols: Record<(typeof VALUE_EXPORT_COLUMNS)[number], Omit<TemplateColumn, 'name'>> = {
    indicator: {
      required: true,
      en: 'Indicator code (names, units and sources on the lists sheet)',
      es: 'Código del indicador (nombres, unidades y fuentes en la hoja lists)',
      list: indicators.map((i) => [i.code, `${i.name_en} / ${i.name_es} (${i.unit})`]),
    },
    place: { required: true, en: 'Place code', es: 'Código del lugar', list: places },
    period: {
      required: true,
      en: 'Period: 2012 (year), 2012Q3, 201207 (month), 20120315 (day), 2012Oct (fiscal year from October 2012)',
      es: 'Período: 2012 (año), 2012Q3, 201207 (mes), 20120315 (día), 2012Oct (año fiscal desde octubre de 2012)',
    },
    disagg: {
      required: false,
      en: 'Disaggregation, dimension=option, several joined by ; (sex=f;role=judge); empty when not split',
      es: 'Desagregación, dimensión=opción, varias unidas por ; (sex=f;role=judge); vacío si no se desagrega',
      list: plain(disaggs),
    },
    source: {
      required: false,
      en: 'Source code; required when the indicator has several',
      es: 'Código de la fuente; obligatorio si el indicador tiene varias',
      list: plain(sources),
    },
    value: {
      required: true,
      en: 'The number, with . for decimals and no thousands separator',
      es: 'El número, con . para decimales y sin separador de miles',
      number: true,
    },
    provenance: {
      required: true,
      en: 'sourced (the note names the source), derived (the note says how) or illustrative (invented breakdown; the note says so)',
      es: 'sourced (la nota cita la fuente), derived (la nota dice cómo) o illustrative (desglose inventado; la nota lo dice)',
      list: plain(RECORD_PROVENANCES),
    },
    note: { required: false, en: 'Where the figure comes from', es: 'De dónde viene la cifra' },
    status: {
      required: false,
      en: 'draft (default), submitted, approved or returned',
      es: 'draft (por defecto), submitted, approved o returned',
      list: plain(RECORD_STATUSES),
    },
    organisation: {
      required: false,
      en: 'Code of the reporting organisation',
      es: 'Código de la organización que informa',
      list: plain([...catalog.organisations.keys()].sort()),
    },
  };
  return VALUE_EXPORT_COLUMNS.map((name) => ({ name, ...cols[name] }));
}

function fieldColumns(catalog: Catalog, zones: RecordScope['zones'], f: FieldDefinition): TemplateColumn[] {
  const describe = (lang: 'en' | 'es') => `${f.name[lang]}${f.description ? `: ${f.description[lang]}` : ''}`;
  const base = { name: f.code, required: f.required, en: `${describe('en')} (${f.type})`, es: `${describe('es')} (${f.type})` };
  switch (f.type) {
    case 'choice':
      return [{ ...base, list: (f.choices ?? []).map((c) => [c.code, `${c.name.en} / ${c.name.es}`]) }];
    case 'boolean':
      return [{ ...base, list: plain(['true', 'false']) }];
    case 'place':
      return [{ ...base, list: [...catalog.places.values()].map((p) => [p.code, p.name]) }];
    case 'zone':
      return [{ ...base, list: [...zones].map(([code, name]) => [code, `${name.en} / ${name.es}`]) }];
    case 'organisation':
      return [{ ...base, list: plain([...catalog.organisations.keys()].sort()) }];
    case 'integer':
    case 'number':
      return [{ ...base, number: true }];
    case 'date':
      return [{ ...base, en: `${base.en}, YYYY-MM-DD`, es: `${base.es}, AAAA-MM-DD` }];
    case 'list':
      return [
        {
          ...base,
          en: `${base.en}: a JSON array of items with ${(f.fields ?? []).map((s) => s.code).join(', ')}`,
          es: `${base.es}: una lista JSON de elementos con ${(f.fields ?? []).map((s) => s.code).join(', ')}`,
        },
      ];
    case 'quantity': {
      const units = f.unit ? allowedUnits(f.unit) : [];
      return [
        { ...base, en: `${base.en}: a number, or amount and unit (1250 lb)`, es: `${base.es}: un número, o cantidad y unidad (1250 lb)`, number: false },
        {
          name: `${f.code}_unit`,
          required: false,
          en: `Unit of ${f.code} (${units.join(', ')})`,
          es: `Unidad de ${f.code} (${units.join(', ')})`,
          ...(f.unit === 'currency' ? {} : { list: plain(units) }),
        },
      ];
    }
    default:
      return [base];
  }
}

function recordColumns(catalog: Catalog, zones: RecordScope['zones'], def: RecordTypeDefinition): TemplateColumn[] {
  return [
    {
      name: 'ref',
      required: false,
      en: 'Your key for the record, unique within the type; a row with a known ref updates that record',
      es: 'Su clave del registro, única en el tipo; una fila con una clave conocida actualiza ese registro',
    },
    {
      name: 'status',
      required: false,
      en: 'draft (default), submitted, approved or returned',
      es: 'draft (por defecto), submitted, approved o returned',
      list: plain(RECORD_STATUSES),
    },
    {
      name: 'provenance',
      required: false,
      en: 'sourced (default), derived or illustrative',
      es: 'sourced (por defecto), derived o illustrative',
      list: plain(RECORD_PROVENANCES),
    },
    { name: 'note', required: false, en: 'A note', es: 'Una nota' },
    ...def.fields.flatMap((f) => fieldColumns(catalog, zones, f)),
  ];
}

/** The columns of the template `opts` asks for, and the data sheet's name. */
async function templateColumns(db: Kysely<Database>, opts: TemplateOptions): Promise<{ sheet: string; columns: TemplateColumn[] }> {
  if (opts.recordType) {
    const scope = await openRecordScope(db, opts.program);
    const type = requireRecordType(scope.types, opts.recordType);
    return { sheet: opts.recordType.slice(0, 31), columns: recordColumns(scope.catalog, scope.zones, type.definition) };
  }
  const catalog = await loadCatalog(db, opts.program);
  const sensitivities = await indicatorSensitivities(db, catalog);
  return { sheet: 'values', columns: valueColumns(catalog, reportedIndicators(catalog, sensitivities, opts.indicators, opts.maxSensitivity)) };
}

/** Excel's column letters for a 1-based index. */
function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Writes the XLSX template for `opts` to `out`. */
export async function writeXlsxTemplate(db: Kysely<Database>, out: Writable, opts: TemplateOptions): Promise<void> {
  const { sheet, columns } = await templateColumns(db, opts);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigia';
  const data = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const notes = wb.addWorksheet('notes');
  const lists = wb.addWorksheet('lists');
  // Names, labels and descriptions come from the program's data: neutralised like any export.
  const safe = neutraliseCell;
  data.columns = columns.map((c) => ({ header: safe(c.name), key: c.name, width: Math.max(12, c.name.length + 4) }));
  data.getRow(1).font = { bold: true };
  notes.columns = [
    { header: 'column', width: 18 },
    { header: 'required / obligatorio', width: 22 },
    { header: 'description', width: 70 },
    { header: 'descripción', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) notes.addRow([safe(c.name), c.required ? 'yes / sí' : 'no', safe(c.en), safe(c.es)]);
  notes.addRow([]);
  notes.addRow([
    '',
    '',
    'Only the first sheet is imported. Codes for the drop-downs are on the lists sheet.',
    'Solo se importa la primera hoja. Los códigos de las listas desplegables están en la hoja lists.',
  ]);

  let listColumn = 0;
  columns.forEach((c, i) => {
    const col = letters(i + 1);
    const prompt = { showInputMessage: true, promptTitle: c.name, prompt: `${c.en}\n${c.es}`.slice(0, 255) };
    let validation: ExcelJS.DataValidation | null = null;
    if (c.list?.length) {
      listColumn += 2;
      const code = letters(listColumn - 1);
      lists.getColumn(listColumn - 1).width = 20;
      lists.getColumn(listColumn).width = 40;
      lists.getCell(`${code}1`).value = safe(c.name);
      lists.getCell(`${letters(listColumn)}1`).value = 'name / nombre';
      c.list.forEach(([value, label], k) => {
        lists.getCell(`${code}${k + 2}`).value = safe(value);
        lists.getCell(`${letters(listColumn)}${k + 2}`).value = safe(label);
      });
      validation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`lists!$${code}$2:$${code}$${c.list.length + 1}`],
        showErrorMessage: true,
        errorTitle: c.name,
        error: `Choose a code from the list / Elija un código de la lista`,
        ...prompt,
      };
    } else if (c.number) {
      validation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: !c.required,
        formulae: [-1e15, 1e15],
        showErrorMessage: true,
        error: 'A number / Un número',
        ...prompt,
      };
    }
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      const cell = data.getCell(`${col}${r}`);
      // Codes such as 2012 or 0801 stay text; Excel would otherwise make numbers of them.
      if (!c.number) cell.numFmt = '@';
      if (validation) cell.dataValidation = validation;
    }
  });
  lists.getRow(1).font = { bold: true };
  await wb.xlsx.write(out);
  out.end();
}

/** Writes the CSV template for `opts` (the header row) to `out`. */
export async function writeCsvTemplate(db: Kysely<Database>, out: Writable, opts: TemplateOptions): Promise<void> {
  const { columns } = await templateColumns(db, opts);
  const sink = csvSink(out);
  await sink.row(columns.map((c) => c.name));
  await sink.end();
}

/** The template of `kind` (xlsx or csv). */
export async function writeTemplate(db: Kysely<Database>, out: Writable, kind: 'xlsx' | 'csv', opts: TemplateOptions): Promise<void> {
  return kind === 'xlsx' ? writeXlsxTemplate(db, out, opts) : writeCsvTemplate(db, out, opts);
}
