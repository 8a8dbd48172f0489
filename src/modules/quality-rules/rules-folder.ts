/**
 * The optional `validation-rules.json` of a program folder (docs/program-format.md): the
 * program's validation rules, loaded inside the folder loader's transaction once the indicators
 * are written and before the values, so the folder's own values are checked against them.
 * When the file is there, its rules replace the program's; every problem (file, line, field)
 * stops the whole load.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from '@hono/zod-openapi';
import type { Database } from '../../db/schema.js';
import { validationError, type IssueDetail } from '../../core/errors.js';
import { qualityRuleSchema, ruleProblems } from '../../core/quality-rules.js';
import { readJsonFile } from '../../files/json-file.reader.js';
import { auditSystemEvent, type SystemWriter } from '../audit/data-writer.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { replaceProgramRules } from './quality-rules.service.js';

export const RULES_FILE = 'validation-rules.json';

const rulesFileSchema = z.strictObject({ rules: z.array(qualityRuleSchema).max(10_000) });

/** Loads the rules file of the folder at `dir`, if any; returns how many rules it holds, or null without one. */
export async function loadRulesFile(trx: Kysely<Database>, catalog: Catalog, dir: string, writer: SystemWriter): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(join(dir, RULES_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const file = RULES_FILE;
  const issues: IssueDetail[] = [];
  const parsed = readJsonFile(file, text, rulesFileSchema, issues);
  if (!parsed) throw validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  const seen = new Map<string, number>();
  for (const [i, rule] of parsed.data.rules.entries()) {
    const row = parsed.locate.line(['rules', i]);
    const earlier = seen.get(rule.code);
    if (earlier !== undefined) issues.push({ file, row, column: `rules[${i}].code`, value: rule.code, reason: `rules[${earlier}] has the same code` });
    seen.set(rule.code, i);
    for (const p of ruleProblems(rule, catalog.indicators)) issues.push({ ...p, file, row, column: `rules[${i}].${p.column ?? 'code'}` });
  }
  if (issues.length) throw validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  await replaceProgramRules(trx, catalog.program.id, parsed.data.rules);
  await auditSystemEvent(trx, writer, catalog.program.id, 'load', 'quality_rule', { file, rules: parsed.data.rules.map((r) => r.code) });
  return parsed.data.rules.length;
}
