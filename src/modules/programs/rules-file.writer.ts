/** Writes validation-rules.json of a dumped program, when it has rules (the reader: quality-rules/rules-folder.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { ruleOf } from '../quality-rules/program-rules.js';
import { listRuleRows } from '../quality-rules/quality-rules.repo.js';
import { RULES_FILE } from '../quality-rules/rules-folder.js';
import type { FolderOut } from './folder-files.writer.js';

export async function writeRulesFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<number> {
  const rules = (await listRuleRows(db, programId)).map(ruleOf);
  if (rules.length) await out.write(RULES_FILE, jsonText({ rules }));
  return rules.length;
}
