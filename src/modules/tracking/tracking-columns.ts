/**
 * The tracking table's columns, in the layout officers keep in their spreadsheets, with their
 * headings in English or Spanish and each row's cells as typed values. The XLSX, CSV and
 * report (Markdown, HTML, PDF) outputs all draw from here, so they carry the same columns.
 */
import type { Lang } from '../../core/statements/language.js';
import { parsePeriod, periodLabel } from '../../core/periods.js';
import type { TrackingRow, TrackingTable } from './tracking-table.js';

/** A cell: text, a number with its decimals, a percent (already × 100), or empty (no data). */
export type TrackingCell =
  { kind: 'text'; text: string } | { kind: 'number'; value: number; decimals: number } | { kind: 'percent'; value: number } | { kind: 'empty' };

export type TrackingColumnKey =
  | 'indicator'
  | 'name'
  | 'source'
  | 'unit'
  | 'baseline_period'
  | 'baseline'
  | 'target'
  | `q${1 | 2 | 3 | 4}`
  | 'actual'
  | 'achieved_pct'
  | 'lop_target'
  | 'lop_actual'
  | 'explanation';

export interface TrackingColumn {
  key: TrackingColumnKey;
  head: string;
}

/** What the life-of-program columns hold, or that no row has a life-of-program target. */
function lopNote(t: TrackingTable, lang: Lang): string {
  const any = t.rows.some((r) => r.lop_target !== null);
  if (lang === 'es')
    return any
      ? 'El valor real de la vida del programa suma los datos desde el inicio del período de la meta de la vida del programa hasta el fin del año fiscal (o del período, si termina antes), como lo indica el indicador.'
      : 'No se ha fijado ninguna meta para la vida del programa en estos indicadores.';
  return any
    ? "The life-of-program actual adds the data up from the start of the life-of-program target's span through the end of the fiscal year (or of the span, if sooner), as the indicator says."
    : 'No life-of-program target is set for these indicators.';
}

/** Words of the tracking-table outputs, in both languages. */
export const TRACKING_WORDS = {
  en: {
    title: (fy: string) => `Indicator tracking table — ${fy}`,
    indicator: 'Indicator',
    name: 'Name',
    source: 'Source',
    unit: 'Unit',
    baselinePeriod: 'Baseline period',
    baseline: 'Baseline',
    target: (fy: string) => `${fy} target`,
    actual: (fy: string) => `${fy} actual`,
    achieved: '% of target',
    lopTarget: 'Life-of-program target',
    lopActual: 'Life-of-program actual',
    explanation: 'Deviation explanation',
    missing: 'Required: deviation over 10 %, not yet explained',
    notes: (t: TrackingTable) =>
      `Approved data only, for ${t.place}, not disaggregated; data version ${t.data_version}. Quarters are the fiscal year's, under their calendar names; an empty quarter had no data (it is not zero). An explanation is required where the actual deviates from the target by more than 10 %. ${lopNote(t, 'en')}`,
  },
  es: {
    title: (fy: string) => `Tabla de seguimiento de indicadores — ${fy}`,
    indicator: 'Indicador',
    name: 'Nombre',
    source: 'Fuente',
    unit: 'Unidad',
    baselinePeriod: 'Período de la línea de base',
    baseline: 'Línea de base',
    target: (fy: string) => `Meta ${fy}`,
    actual: (fy: string) => `Valor real ${fy}`,
    achieved: '% de la meta',
    lopTarget: 'Meta de la vida del programa',
    lopActual: 'Valor real de la vida del programa',
    explanation: 'Explicación de la desviación',
    missing: 'Requerida: desviación de más del 10 %, aún sin explicar',
    notes: (t: TrackingTable) =>
      `Solo datos aprobados, para ${t.place}, sin desagregar; versión de los datos ${t.data_version}. Los trimestres son los del año fiscal, con su nombre de calendario; un trimestre vacío no tuvo datos (no es cero). Se requiere una explicación donde el valor real se desvía de la meta en más del 10 %. ${lopNote(t, 'es')}`,
  },
} as const;

/** "FY2013" / "AF2013" for a fiscal-year id. */
export function fiscalYearLabel(id: string, lang: Lang): string {
  return periodLabel(parsePeriod(id), lang);
}

/** The columns of a table, headed in `lang`. */
export function trackingColumns(table: TrackingTable, lang: Lang): TrackingColumn[] {
  const w = TRACKING_WORDS[lang];
  const fy = fiscalYearLabel(table.fiscal_year, lang);
  const quarter = (i: number): TrackingColumn => {
    const id = table.quarters[i]!;
    const prefix = lang === 'es' ? `T${i + 1}` : `Q${i + 1}`;
    return { key: `q${(i + 1) as 1 | 2 | 3 | 4}`, head: `${prefix} (${periodLabel(parsePeriod(id), lang)})` };
  };
  return [
    { key: 'indicator', head: w.indicator },
    { key: 'name', head: w.name },
    { key: 'source', head: w.source },
    { key: 'unit', head: w.unit },
    { key: 'baseline_period', head: w.baselinePeriod },
    { key: 'baseline', head: w.baseline },
    { key: 'target', head: w.target(fy) },
    quarter(0),
    quarter(1),
    quarter(2),
    quarter(3),
    { key: 'actual', head: w.actual(fy) },
    { key: 'achieved_pct', head: w.achieved },
    { key: 'lop_target', head: w.lopTarget },
    { key: 'lop_actual', head: w.lopActual },
    { key: 'explanation', head: w.explanation },
  ];
}

const num = (value: number | null, decimals: number): TrackingCell => (value === null ? { kind: 'empty' } : { kind: 'number', value, decimals });
const text = (s: string | null): TrackingCell => (s ? { kind: 'text', text: s } : { kind: 'empty' });

/** One row's cell under a column. */
export function trackingCell(row: TrackingRow, key: TrackingColumnKey, lang: Lang): TrackingCell {
  switch (key) {
    case 'indicator':
      return text(row.indicator);
    case 'name':
      return text(row.name[lang]);
    case 'source':
      return text(row.source);
    case 'unit':
      return text(row.unit);
    case 'baseline_period':
      return text(row.baseline ? periodLabel(parsePeriod(row.baseline.period), lang) : null);
    case 'baseline':
      return num(row.baseline?.value ?? null, row.decimals);
    case 'target':
      return num(row.target, row.decimals);
    case 'q1':
    case 'q2':
    case 'q3':
    case 'q4':
      return num(row.quarters[Number(key.slice(1)) - 1]?.actual ?? null, row.decimals);
    case 'actual':
      return num(row.actual, row.decimals);
    case 'achieved_pct':
      return row.achieved_pct === null ? { kind: 'empty' } : { kind: 'percent', value: row.achieved_pct };
    case 'lop_target':
      return num(row.lop_target, row.decimals);
    case 'lop_actual':
      return num(row.lop_actual, row.decimals);
    case 'explanation':
      return text(row.deviation_explanation ?? (row.explanation_required ? TRACKING_WORDS[lang].missing : null));
  }
}
