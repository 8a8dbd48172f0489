/**
 * The optional `dqa.json` of a program folder: the data quality assessments already done, with
 * their actions, so that a program arrives with its DQA history. Loaded inside the folder
 * loader's transaction after the indicators: every problem (file, line, field) stops the whole
 * load. An assessment is matched by indicator × date: a new one is inserted, one whose content
 * differs from the file is replaced by the file's, an equal one is left unchanged — so loading
 * the same folder twice changes nothing. Assessments not in the file are kept.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError, type IssueDetail } from '../../core/errors.js';
import { readJsonFile } from '../../files/json-file.reader.js';
import { recordAudit } from '../audit/audit.repo.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { insertWholeDqa, replaceWholeDqa, type DqaContent } from './dqa-store.js';
import { assembleDqas, type DqaView } from './dqa-view.js';
import { findDqaHead, findDqaIdOn } from './dqa.repo.js';
import { DqaFileSchema } from './dqa.schema.js';
import { contentIssues } from './dqa-checks.js';

/** The optional file of a program folder. */
export const DQA_FILE = 'dqa.json';

export interface DqaFileCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a stored DQA and a file's assessment are compared on. */
function comparable(c: DqaContent) {
  return JSON.stringify({
    assessor_name: c.assessor_name ?? null,
    language: c.language ?? null,
    standards: Object.fromEntries(Object.entries(c.standards).map(([s, r]) => [s, { rating: r.rating, notes: r.notes || null }])),
    limitations: c.limitations || null,
    actions: (c.actions ?? []).map((a) => ({
      text: a.text,
      owner_name: a.owner_name ?? null,
      due_date: a.due_date,
      status: a.status ?? 'open',
      status_date: a.status_date ?? null,
    })),
  });
}

function contentOf(v: DqaView): DqaContent {
  return {
    date: v.date,
    assessor_name: v.assessor.name,
    language: v.language,
    standards: Object.fromEntries(v.standards.map((s) => [s.standard, { rating: s.rating, notes: s.notes }])) as DqaContent['standards'],
    limitations: v.limitations,
    actions: v.actions.map((a) => ({ text: a.text, owner_name: a.owner.name, due_date: a.due_date, status: a.status, status_date: a.status_date })),
  };
}

/**
 * Loads `dqa.json` of the folder at `dir`, if there is one, into the program (already written in
 * this transaction). Throws a validation error listing every problem; returns what was
 * inserted, updated and unchanged, or null when the folder has no such file.
 */
export async function loadDqaFile(trx: Kysely<Database>, programCode: string, dir: string): Promise<DqaFileCounts | null> {
  let text: string;
  try {
    text = await readFile(join(dir, DQA_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const file = DQA_FILE;
  const issues: IssueDetail[] = [];
  const parsed = readJsonFile(file, text, DqaFileSchema, issues);
  if (!parsed) throw validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  const catalog = await loadCatalog(trx, programCode, []);
  const seen = new Map<string, number>();
  const rows: Array<{ indicatorId: number; content: DqaContent }> = [];
  for (const [i, a] of parsed.data.assessments.entries()) {
    const row = parsed.locate.line(['assessments', i]);
    const at = `assessments[${i}].`;
    const indicator = catalog.indicators.get(a.indicator);
    if (!indicator) issues.push({ file, row, column: `${at}indicator`, value: a.indicator, reason: `program ${programCode} has no such indicator` });
    const key = `${a.indicator}\u0000${a.date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      issues.push({ file, row, column: `${at}date`, value: a.date, reason: `assessments[${earlier}] is of the same indicator on the same date` });
    seen.set(key, i);
    const { indicator: _, ...content } = a;
    (content.actions ?? []).forEach((action, j) => {
      // A file states when a status was set: a date made up at load time would change at every load.
      if ((action.status ?? 'open') !== 'open' && !action.status_date)
        issues.push({
          file,
          row: parsed.locate.line(['assessments', i, 'actions', j]),
          column: `${at}actions[${j}].status_date`,
          reason: `required when the status is ${action.status}`,
        });
    });
    for (const issue of await contentIssues(trx, content, at)) issues.push({ file, row, ...issue });
    if (indicator) rows.push({ indicatorId: indicator.id, content });
  }
  if (issues.length) throw validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  const counts: DqaFileCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed: number[] = [];
  for (const { indicatorId, content } of rows) {
    const id = await findDqaIdOn(trx, indicatorId, content.date);
    if (id === undefined) {
      changed.push(await insertWholeDqa(trx, catalog.program.id, indicatorId, content));
      counts.inserted++;
      continue;
    }
    const head = await findDqaHead(trx, catalog.program.id, id);
    const [stored] = head ? await assembleDqas(trx, programCode, [head]) : [];
    if (stored && comparable(contentOf(stored)) === comparable(content)) {
      counts.unchanged++;
      continue;
    }
    await replaceWholeDqa(trx, id, content);
    changed.push(id);
    counts.updated++;
  }
  if (changed.length)
    await recordAudit(trx, { userId: null, action: 'load', entity: 'dqa', programId: catalog.program.id, after: { file, ids: changed, ...counts } });
  return counts;
}
