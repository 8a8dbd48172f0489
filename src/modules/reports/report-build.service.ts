/**
 * Builds the intermediate document of a report from its definition and the live data. Every
 * read happens in one transaction (repeatable read on PostgreSQL), so the figures and the data
 * version recorded with them belong together.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../core/errors.js';
import { engineOf } from '../../db/dialect.js';
import { parsePeriod, periodLabel, type Period } from '../../core/periods.js';
import { todayIso } from '../../core/coverage.js';
import type { Lang } from '../../core/statements/language.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { parseReportDefinition, type ReportDefinition, type Section } from './report-definition.schema.js';
import type { Block, ReportDocument, StatementItem } from './report-document.js';
import { findReportDefinition, listReportDefinitionRows } from './report.repo.js';
import { BUILTIN_REPORTS } from './builtin-definitions.js';
import { fillPlaceholders, parseNarrative } from './narrative-markdown.js';
import { indicatorOf, mayRead, openReportContext, placeholderValues, type ReportContext } from './report-context.js';
import { latestCompletePeriod, type YearKind } from '../analytics/latest-complete.service.js';
import type { Sensitivity } from '../../core/sensitivity.js';
import { buildStatement } from './statement-figures.service.js';
import { figureSectionBlocks } from './figure-sections.service.js';
import { progressSectionBlocks } from './progress-section.service.js';
import { reportName } from './report-list.service.js';

type Db = Kysely<Database>;

export interface ReportRequest {
  program: string;
  /** Report definition code: `factsheet`, `progress`, or a program's own. */
  report: string;
  period: string;
  lang: Lang;
  /**
   * What the reader may see (the API passes the actor's scope; the CLI sees everything):
   * approved data only whatever the definition says, and indicators up to this sensitivity.
   */
  reader?: { approvedOnly: boolean; maxSensitivity: Sensitivity } | undefined;
}

/** The digest a report records of the definition it was made from (the first 12 hex digits of SHA-256). */
export function definitionHash(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 12);
}

/** The definition a program uses for `code`: its own stored one, else a built-in one. */
export async function resolveDefinition(db: Db, programId: number, programCode: string, code: string): Promise<{ definition: ReportDefinition; hash: string }> {
  const row = await findReportDefinition(db, programId, code);
  if (row) return { definition: parseReportDefinition(JSON.parse(row.definition), `report ${code}`), hash: row.hash };
  const builtin = BUILTIN_REPORTS.get(code);
  if (builtin) return { definition: builtin, hash: definitionHash(JSON.stringify(builtin)) };
  const known = [...new Set([...(await listReportDefinitionRows(db, programId)).map((r) => r.code), ...BUILTIN_REPORTS.keys()])].sort();
  throw notFound(`program ${programCode} has no report "${code}" (it has: ${known.join(', ')})`);
}

/** The codes of the reports a program can make, its own and the built-in ones. */
export async function listReports(db: Db, programCode: string): Promise<string[]> {
  const program = await findProgram(db, programCode);
  const own = (await listReportDefinitionRows(db, program.id)).map((r) => r.code);
  return [...new Set([...own, ...BUILTIN_REPORTS.keys()])].sort();
}

async function sectionBlocks(ctx: ReportContext, section: Section): Promise<Block[]> {
  const lang = ctx.lang;
  const values = placeholderValues(ctx);
  const markdown = (text: string) => parseNarrative(fillPlaceholders(text, values), 1);
  const blocks: Block[] = section.heading ? [{ kind: 'heading', level: 2, text: fillPlaceholders(section.heading[lang], values) }] : [];
  switch (section.type) {
    case 'narrative': {
      const text = section.by_period?.[ctx.period.id] ?? section.text;
      blocks.push(...markdown(text[lang]));
      break;
    }
    case 'statements': {
      if (section.intro) blocks.push(...markdown(section.intro[lang]));
      const items: StatementItem[] = [];
      for (const spec of section.items) {
        const item = await buildStatement(ctx, spec, section.if_missing);
        if (item) items.push(item);
      }
      if (items.length) blocks.push({ kind: 'statements', style: section.style, items });
      break;
    }
    case 'table':
    case 'chart':
      blocks.push(...(await figureSectionBlocks(ctx, section)));
      break;
    case 'progress':
      if (section.intro) blocks.push(...markdown(section.intro[lang]));
      blocks.push(...(await progressSectionBlocks(ctx, section)));
      break;
  }
  return blocks;
}

/** The period ids that ask for the latest complete calendar year, or fiscal year, of a report's figures. */
export const LATEST = 'latest';
export const LATEST_FY = 'latest-fy';

/**
 * The latest year (calendar, or the program's fiscal year) complete for every figure statement
 * of the definition, or, for a report without such statements (the progress report), for every
 * indicator the reader may read (see latestCompletePeriod); a not_found error when no year is.
 */
async function latestComplete(ctx: ReportContext, definition: ReportDefinition, kind: YearKind): Promise<Period> {
  const codes = new Set(definition.sections.flatMap((s) => (s.type === 'statements' ? s.items.flatMap((i) => ('indicator' in i ? [i.indicator] : [])) : [])));
  const indicators = codes.size ? [...codes].map((code) => indicatorOf(ctx, code)) : [...ctx.catalog.indicators.values()].filter((i) => mayRead(ctx, i));
  const year = await latestCompletePeriod(ctx.db, ctx.analytics, indicators, ctx.approvedOnly, kind);
  const what = kind.kind === 'fiscal' ? 'fiscal year' : 'year';
  if (!year) throw notFound(`program ${ctx.catalog.program.code} has no complete ${what} of data for this report`);
  return parsePeriod(year);
}

async function build(db: Db, req: ReportRequest): Promise<ReportDocument> {
  const program = await findProgram(db, req.program);
  const { definition, hash } = await resolveDefinition(db, program.id, program.code, req.report);
  const approvedOnly = definition.data === 'approved' || (req.reader?.approvedOnly ?? false);
  const latest = req.period === LATEST || req.period === LATEST_FY;
  // For `latest` and `latest-fy`, the context is opened on this year and then set to the period found.
  const opened = await openReportContext(db, program.code, latest ? todayIso().slice(0, 4) : req.period, req.lang, approvedOnly, req.reader?.maxSensitivity);
  const kind: YearKind = req.period === LATEST_FY ? { kind: 'fiscal', fiscalStartMonth: opened.catalog.program.fiscal_year_start_month } : { kind: 'calendar' };
  const ctx = latest ? { ...opened, period: await latestComplete(opened, definition, kind) } : opened;
  const values = placeholderValues(ctx);
  const blocks: Block[] = [];
  for (const section of definition.sections) blocks.push(...(await sectionBlocks(ctx, section)));
  return {
    lang: req.lang,
    title: fillPlaceholders(definition.title[req.lang], values),
    subtitle: definition.subtitle ? fillPlaceholders(definition.subtitle[req.lang], values) : null,
    program: { code: program.code, name: req.lang === 'es' ? program.name_es : program.name_en },
    period: { id: ctx.period.id, label: periodLabel(ctx.period, req.lang) },
    dataVersion: ctx.catalog.program.data_version,
    definition: { code: definition.code, name: reportName(definition.title[req.lang], values), hash },
    approvedOnly: ctx.approvedOnly,
    blocks,
  };
}

/** Builds a report's document from the live data, all of it read at one data version. */
export async function buildReportDocument(db: Db, req: ReportRequest): Promise<ReportDocument> {
  let tx = db.transaction();
  if (engineOf(db) === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  return tx.execute((trx) => build(trx, req));
}
