/** Writes reports/<code>.json of a dumped program: its report definitions as stored (the reader: reports/reports-folder.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { listReportDefinitionRows } from '../reports/report.repo.js';
import { REPORTS_DIR } from '../reports/reports-folder.js';
import type { FolderOut } from './folder-files.writer.js';

export async function writeReportsFolder(db: Kysely<Database>, out: FolderOut, programId: number): Promise<number> {
  const rows = [...(await listReportDefinitionRows(db, programId))].sort((a, b) => a.code.localeCompare(b.code));
  for (const r of rows) await out.write(`${REPORTS_DIR}/${r.code}.json`, jsonText(JSON.parse(r.definition)));
  return rows.length;
}
