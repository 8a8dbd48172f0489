/**
 * Report definitions from a program folder: every `reports/<code>.json` is read, checked
 * against the schema and against the program (indicators, sources, places, zones,
 * disaggregations, record types), and stored. The program loader calls `saveReportFolder`
 * inside its transaction, so a bad definition stops the whole load like any other bad file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError, type IssueDetail } from '../../core/errors.js';
import { parseDisagg } from '../../core/disagg.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { readJsonFile, formatJsonPath, type JsonLocator, type JsonPath } from '../../files/json-file.reader.js';
import { loadRecordTypes } from '../catalog/record-types.service.js';
import { ReportDefinitionSchema, type ReportDefinition } from './report-definition.schema.js';
import { checkNarrativeFields } from './narrative-fields.check.js';
import { findZoneNames, upsertReportDefinition } from './report.repo.js';
import { definitionHash } from './report-build.service.js';

/** The folder of a program folder that holds report definitions. */
export const REPORTS_DIR = 'reports';

export interface ReportFile {
  /** Path relative to the program folder: `reports/factsheet.json`. */
  file: string;
  definition: ReportDefinition;
  locate: JsonLocator;
}

/** Reads and schema-checks every `reports/*.json`; problems are added to `issues`. */
export async function readReportFolder(dir: string, issues: IssueDetail[]): Promise<ReportFile[]> {
  let names: string[];
  try {
    names = (await readdir(join(dir, REPORTS_DIR))).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: ReportFile[] = [];
  for (const name of names) {
    const file = `${REPORTS_DIR}/${name}`;
    const parsed = readJsonFile(file, await readFile(join(dir, REPORTS_DIR, name), 'utf8'), ReportDefinitionSchema, issues);
    if (!parsed) continue;
    const code = basename(name, '.json');
    if (parsed.data.code !== code) {
      issues.push({ file, row: parsed.locate.line(['code']), column: 'code', value: parsed.data.code, reason: `must match the file name ("${code}")` });
      continue;
    }
    out.push({ file, definition: parsed.data, locate: parsed.locate });
  }
  return out;
}

interface ProgramRefs {
  catalog: Catalog;
  zones: Set<string>;
  recordTypes: Set<string>;
}

/** Checks what a definition names against the program; returns the problems found. */
export function checkReportDefinition(r: ReportFile, refs: ProgramRefs): IssueDetail[] {
  const issues: IssueDetail[] = checkNarrativeFields(r.file, r.definition, r.locate);
  const bad = (path: JsonPath, value: unknown, reason: string) =>
    issues.push({ file: r.file, row: r.locate.line(path), column: formatJsonPath(path), value, reason });
  const { catalog } = refs;

  interface Scope {
    indicator: string;
    source?: string | undefined;
    place?: string | undefined;
    zone?: string | undefined;
    disagg?: string | undefined;
  }
  const scope = (s: Scope, at: JsonPath, needsSource: boolean) => {
    const ind = catalog.indicators.get(s.indicator);
    if (!ind) return bad([...at, 'indicator'], s.indicator, `program ${catalog.program.code} has no such indicator`);
    if (s.source !== undefined && !ind.sources.includes(s.source)) {
      bad([...at, 'source'], s.source, ind.sources.length ? `not a source of ${ind.code} (${ind.sources.join(', ')})` : `${ind.code} has no named sources`);
    } else if (s.source === undefined && needsSource && ind.sources.length > 1) {
      bad([...at, 'source'], undefined, `${ind.code} has several sources (${ind.sources.join(', ')}), never added together: name one`);
    }
    if (s.place !== undefined && !catalog.places.has(s.place)) bad([...at, 'place'], s.place, 'no such place');
    if (s.zone !== undefined && !refs.zones.has(s.zone)) bad([...at, 'zone'], s.zone, 'no such zone');
    if (s.place !== undefined && s.zone !== undefined) bad([...at, 'zone'], s.zone, 'give a place or a zone, not both');
    if (s.disagg !== undefined) {
      try {
        for (const [dim, opt] of Object.entries(parseDisagg(s.disagg))) {
          const options = ind.dimensions.get(dim);
          if (!options) bad([...at, 'disagg'], s.disagg, `${ind.code} is not disaggregated by "${dim}"`);
          else if (!options.has(opt)) bad([...at, 'disagg'], s.disagg, `"${opt}" is not an option of ${dim}`);
        }
      } catch (e) {
        bad([...at, 'disagg'], s.disagg, e instanceof Error ? e.message : String(e));
      }
    }
  };

  r.definition.sections.forEach((section, i) => {
    const at: JsonPath = ['sections', i];
    switch (section.type) {
      case 'statements':
        section.items.forEach((item, j) => {
          if (item.kind === 'text') return;
          if (item.kind === 'project_status') {
            if (!refs.recordTypes.has(item.record_type)) bad([...at, 'items', j, 'record_type'], item.record_type, 'no such record type');
            return;
          }
          scope(item, [...at, 'items', j], true);
        });
        break;
      case 'table':
        section.rows.forEach((row, j) => scope(row, [...at, 'rows', j], true));
        break;
      case 'chart':
        scope(section, at, false);
        for (const [j, s] of (section.sources ?? []).entries()) {
          if (!catalog.indicators.get(section.indicator)?.sources.includes(s)) bad([...at, 'sources', j], s, `not a source of ${section.indicator}`);
        }
        break;
      default:
        break;
    }
  });
  return issues;
}

/**
 * Reads, checks and stores the report definitions of the program folder at `dir` for the
 * program `programCode` (already written in this transaction). Throws a validation error
 * listing every problem; returns how many definitions were stored.
 */
export async function saveReportFolder(trx: Kysely<Database>, programCode: string, dir: string): Promise<number> {
  const issues: IssueDetail[] = [];
  const reports = await readReportFolder(dir, issues);
  if (!reports.length && !issues.length) return 0;
  const catalog = await loadCatalog(trx, programCode);
  const [zones, types] = await Promise.all([findZoneNames(trx, catalog.program.id), loadRecordTypes(trx, catalog)]);
  const refs: ProgramRefs = { catalog, zones: new Set(zones.map((z) => z.code)), recordTypes: new Set(types.keys()) };
  for (const r of reports) issues.push(...checkReportDefinition(r, refs));
  if (issues.length) throw validationError(`${issues.length} problem(s) in the report definitions; nothing was loaded`, issues);
  for (const r of reports) {
    const json = JSON.stringify(r.definition);
    await upsertReportDefinition(trx, catalog.program.id, r.definition.code, json, definitionHash(json));
  }
  return reports.length;
}
