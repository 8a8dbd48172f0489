/**
 * Checks a program folder as a whole: every reference from one file to another (parents,
 * zones, components, sources, dimensions, formula operands) and every value and target against
 * the catalog the program will have once loaded. Collects all problems; writes nothing.
 */
import type { IssueDetail } from '../../core/errors.js';
import { isVigiaError } from '../../core/errors.js';
import { formulaRefs, parseFormula, type FormulaAst } from '../../core/formula.js';
import { sensitivityConflicts } from '../../core/derived-sensitivity.js';
import type { ExistingProgram } from './existing-program.repo.js';
import { buildKnownCodes, type KnownCodes } from './folder-catalog.builder.js';
import { KeyRegistry, notReportedIn, resolveTargetRows, resolveValueRows, type IssueFilter } from './folder-values.service.js';
import { readValueBatches } from './value-rows.reader.js';
import { FOLDER_FILES } from './program-folder.schema.js';
import { isUnusable, type ProgramFolder, type RefKind } from './program-folder.types.js';

export interface FolderCheck {
  /** Every problem, the reader's included, in file order then line order. */
  issues: IssueDetail[];
  /** How many rows the values files hold. */
  valueCount: number;
  targetCount: number;
}

/** Progress of the check: bytes of the values files read so far, of their total. */
export type CheckProgress = (done: number, total: number) => void;

/** Columns of value and target rows that refer to another file's codes. */
const REFERENCE_COLUMNS: Record<string, RefKind> = { indicator: 'indicator', place: 'place', organisation: 'organisation' };

/**
 * Runs every cross-file check on a folder already read. `existing` is what the database holds
 * of the same program (null for a new one): the folder may refer to it.
 */
export async function checkProgramFolder(folder: ProgramFolder, existing: ExistingProgram | null, onProgress?: CheckProgress): Promise<FolderCheck> {
  const issues: IssueDetail[] = [...folder.issues];
  const known = buildKnownCodes(folder, existing);
  const unknown = (file: string, row: number, column: string, code: string, kind: RefKind, what: string) => {
    if (!isUnusable(folder, kind, code)) issues.push({ file, row, column, value: code, reason: `unknown ${what} code` });
  };
  // A reference whose definition was broken, or a cell the reader already flagged, is not reported twice.
  const referenceOk: IssueFilter = (i) => {
    const kind = i.column ? REFERENCE_COLUMNS[i.column] : undefined;
    return !(kind && typeof i.value === 'string' && isUnusable(folder, kind, i.value));
  };

  checkPlaces(folder, known, issues, unknown);
  for (const zp of folder.zonePlaces) {
    if (!known.zones.has(zp.zone)) unknown(zp.file, zp.line, 'zone', zp.zone, 'zone', 'zone');
    if (!known.catalog.places.has(zp.place)) unknown(zp.file, zp.line, 'place', zp.place, 'place', 'place');
  }
  for (const f of folder.framework) {
    if (f.kind !== 'component' || !f.parent) continue;
    const parentKind = known.framework.get(f.parent);
    if (parentKind === undefined) unknown(f.file, f.line, 'parent', f.parent, 'framework', 'framework');
    else if (parentKind === 'component') {
      issues.push({ file: f.file, row: f.line, column: 'parent', value: f.parent, reason: `${f.parent} is a component; a component's parent must be a goal` });
    }
  }
  checkIndicators(folder, known, issues, unknown);

  const readerFlagged = notReportedIn(folder.issues);
  const targets = resolveTargetRows(known.catalog, folder.targets, issues, (i) => referenceOk(i) && readerFlagged(i));

  let valueCount = 0;
  let bytesBefore = 0;
  const keys = new KeyRegistry();
  for (const file of folder.valueFiles) {
    const readIssues: IssueDetail[] = [];
    let reported = 0;
    let bytes = 0;
    for await (const batch of readValueBatches(folder.dir, file, readIssues)) {
      valueCount += batch.rows.length;
      const fresh = notReportedIn(readIssues.slice(reported));
      resolveValueRows(known.catalog, batch.rows, keys, issues, (i) => referenceOk(i) && fresh(i));
      reported = readIssues.length;
      bytes = batch.bytes;
      onProgress?.(bytesBefore + bytes, folder.valueBytes);
    }
    issues.push(...readIssues);
    if (!folder.files.includes(file)) folder.files.push(file);
    bytesBefore += bytes;
  }
  return { issues: sortIssues(issues), valueCount, targetCount: targets.length };
}

type Unknown = (file: string, row: number, column: string, code: string, kind: RefKind, what: string) => void;

function checkPlaces(folder: ProgramFolder, known: KnownCodes, issues: IssueDetail[], unknown: Unknown): void {
  const levels = new Map(folder.places.map((p) => [p.code, p.level]));
  for (const p of folder.places) {
    if (!p.parent) continue;
    const parent = known.catalog.places.get(p.parent);
    if (!parent) {
      unknown(p.file, p.line, 'parent', p.parent, 'place', 'place');
      continue;
    }
    const parentLevel = levels.has(p.parent) ? levels.get(p.parent) : parent.level;
    if (p.level !== null && parentLevel && parentLevel !== p.level - 1) {
      issues.push({
        file: p.file,
        row: p.line,
        column: 'parent',
        value: p.parent,
        reason: `${p.parent} is a level-${parentLevel} place; the parent of a level-${p.level} place must be of level ${p.level - 1}`,
      });
    }
  }
}

function checkIndicators(folder: ProgramFolder, known: KnownCodes, issues: IssueDetail[], unknown: Unknown): void {
  const file = FOLDER_FILES.indicators;
  const locate = folder.indicators?.locate;
  const formulas = new Map<string, { ast: FormulaAst; row: number }>();
  for (const { data, index } of folder.indicators?.items ?? []) {
    const at = (...path: Array<string | number>) => locate?.line([index, ...path]) ?? 1;
    const component = known.framework.get(data.component);
    if (component === undefined) unknown(file, at('component'), 'component', data.component, 'framework', 'framework component');
    else if (component === 'goal') {
      issues.push({
        file,
        row: at('component'),
        column: 'component',
        value: data.component,
        reason: `${data.component} is a goal; indicators belong to a component`,
      });
    }
    data.sources.forEach((s, i) => {
      if (!known.sources.has(s)) unknown(file, at('sources', i), `sources[${i}]`, s, 'source', 'source');
    });
    data.dimensions.forEach((d, i) => {
      if (!known.dimensions.has(d)) unknown(file, at('dimensions', i), `dimensions[${i}]`, d, 'dimension', 'dimension');
    });
    if (data.formula) {
      try {
        formulas.set(data.code, { ast: parseFormula(data.formula), row: at('formula') });
      } catch (e) {
        if (!isVigiaError(e)) throw e;
        issues.push({ file, row: at('formula'), column: 'formula', value: data.formula, reason: e.details[0]?.reason ?? e.message });
      }
    }
  }

  for (const [code, { ast, row }] of formulas) {
    for (const ref of formulaRefs(ast)) {
      const target = known.catalog.indicators.get(ref.indicator);
      if (!target) {
        if (!isUnusable(folder, 'indicator', ref.indicator)) {
          issues.push({ file, row, column: 'formula', value: ref.indicator, reason: `the formula of ${code} names an unknown indicator` });
        }
      } else if (ref.source !== undefined && !target.sources.includes(ref.source)) {
        issues.push({
          file,
          row,
          column: 'formula',
          value: `${ref.indicator}[${ref.source}]`,
          reason: `${ref.source} is not a source of ${ref.indicator}${target.sources.length ? ` (${target.sources.join(', ')})` : ''}`,
        });
      } else if (ref.source === undefined && target.sources.length > 1) {
        issues.push({
          file,
          row,
          column: 'formula',
          value: ref.indicator,
          reason: `${ref.indicator} has several sources (${target.sources.join(', ')}): pick one, e.g. ${ref.indicator}[${target.sources[0]}]`,
        });
      }
    }
  }
  // A formula may use another formula indicator, but never, through any chain, itself — the
  // chain may pass through formulas the database already holds (a design change over the API
  // declares one indicator at a time).
  const graph = new Map<string, FormulaAst>();
  for (const i of known.catalog.indicators.values()) {
    if (!i.formula || formulas.has(i.code)) continue;
    try {
      graph.set(i.code, parseFormula(i.formula));
    } catch (e) {
      if (!isVigiaError(e)) throw e;
    }
  }
  for (const [code, f] of formulas) graph.set(code, f.ast);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, chain: string[]): void => {
    const f = graph.get(code);
    if (!f || state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(code)), code];
      const first = formulas.get(cycle.find((c) => formulas.has(c)) ?? code);
      issues.push({ file, row: first?.row, column: 'formula', value: cycle.join(' → '), reason: 'formulas refer to each other in a circle' });
      return;
    }
    state.set(code, 'visiting');
    for (const ref of formulaRefs(f)) visit(ref.indicator, [...chain, code]);
    state.set(code, 'done');
  };
  for (const code of formulas.keys()) visit(code, []);

  // A formula indicator is as sensitive as what it reads: declaring it less would publish that.
  // Roll-ups are checked once the record types are written (assertDerivedSensitivity).
  const folderRows = new Map((folder.indicators?.items ?? []).map(({ data, index }) => [data.code, locate?.line([index, 'sensitivity']) ?? 1]));
  for (const c of sensitivityConflicts([...known.catalog.indicators.values()])) {
    const row = folderRows.get(c.indicator);
    // An indicator the folder does not declare is the database's, reported with the one that reads it.
    issues.push({ file, row: row ?? formulas.get(c.indicator)?.row, column: 'sensitivity', value: c.indicator, reason: c.reason });
  }
}

/** File order of the folder format, then line order, so a person can work down the list. */
function sortIssues(issues: IssueDetail[]): IssueDetail[] {
  const order: string[] = Object.values(FOLDER_FILES);
  const rank = (file: string | undefined) => {
    if (!file) return -1;
    const i = order.indexOf(file);
    return i >= 0 ? i : order.indexOf(FOLDER_FILES.valuesDir);
  };
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort(
      (a, b) =>
        rank(a.issue.file) - rank(b.issue.file) ||
        (a.issue.file ?? '').localeCompare(b.issue.file ?? '') ||
        (a.issue.row ?? 0) - (b.issue.row ?? 0) ||
        a.n - b.n,
    )
    .map(({ issue }) => issue);
}
