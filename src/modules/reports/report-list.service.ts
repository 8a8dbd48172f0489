/**
 * The reports a program offers, named for a picker: each definition's title in both languages
 * without its period, and the years the reader's data span, so a UI offers periods that have data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findProgram } from '../catalog/catalog.repo.js';
import type { DataScope } from '../access/policy.js';
import { valueScopeOf } from '../catalog/indicator-sensitivity.service.js';
import { parseReportDefinition, type ReportDefinition } from './report-definition.schema.js';
import { findDataSpan, listReportDefinitionRows } from './report.repo.js';
import { BUILTIN_REPORTS } from './builtin-definitions.js';
import { fillPlaceholders } from './narrative-markdown.js';

export interface ReportSummary {
  code: string;
  name_en: string;
  name_es: string;
  builtin: boolean;
}

export interface ReportCatalog {
  reports: ReportSummary[];
  /** Calendar years from the first to the last data value the reader may see; null without data. */
  years: { first: number; last: number } | null;
  fiscal_year_start_month: number;
}

/** A title without its period: "Fact sheet {{period}}" → "Fact sheet" (the picker names the period apart). */
export function reportName(title: string, values: Record<string, string>): string {
  const withoutPeriod = title.replace(/[\s,:–-]*\{\{\s*period(_id)?\s*\}\}/g, '');
  return fillPlaceholders(withoutPeriod, values).trim() || title;
}

/** The program's own definitions and the built-in ones it has not replaced, by code. */
export async function listReportCatalog(db: Kysely<Database>, programCode: string, scope: DataScope): Promise<ReportCatalog> {
  const program = await findProgram(db, programCode);
  const definitions = new Map<string, { definition: ReportDefinition; builtin: boolean }>();
  for (const [code, definition] of BUILTIN_REPORTS) definitions.set(code, { definition, builtin: true });
  for (const row of await listReportDefinitionRows(db, program.id)) {
    definitions.set(row.code, { definition: parseReportDefinition(JSON.parse(row.definition), `report ${row.code}`), builtin: false });
  }
  const common = { program_code: program.code, country: program.country_code };
  const reports = [...definitions.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { definition, builtin }]) => ({
      code,
      name_en: reportName(definition.title.en, { ...common, program: program.name_en }),
      name_es: reportName(definition.title.es, { ...common, program: program.name_es }),
      builtin,
    }));
  const span = await findDataSpan(db, program.id, await valueScopeOf(db, program.code, scope));
  return {
    reports,
    years: span ? { first: Number(span.first.slice(0, 4)), last: Number(span.last.slice(0, 4)) } : null,
    fiscal_year_start_month: program.fiscal_year_start_month,
  };
}
