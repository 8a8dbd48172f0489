/**
 * Writes dqa.json of a dumped program, when it has assessments (the reader: dqa/dqa-folder.ts).
 * The file names people as written; an assessor or owner who is a user of this server is written
 * by the user's name, since the folder may be loaded where that user does not exist.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { DQA_FILE } from '../dqa/dqa-folder.js';
import { listDqas, type DqaPerson } from '../dqa/dqa-read.service.js';
import type { DqaFile } from '../dqa/dqa.schema.js';
import type { FolderOut } from './folder-files.writer.js';

const nameOf = (p: DqaPerson): string => p.name ?? `user ${p.user_id ?? '?'}`;

export async function writeDqaFile(db: Kysely<Database>, out: FolderOut, programCode: string): Promise<number> {
  const dqas = await listDqas(db, programCode, 'restricted');
  if (!dqas.length) return 0;
  const assessments: DqaFile['assessments'] = dqas.map((d) => ({
    indicator: d.indicator,
    date: d.date,
    assessor_name: nameOf(d.assessor),
    ...(d.language ? { language: d.language } : {}),
    standards: Object.fromEntries(
      d.standards.map((s) => [s.standard, { rating: s.rating, ...(s.notes !== null ? { notes: s.notes } : {}) }]),
    ) as DqaFile['assessments'][number]['standards'],
    ...(d.limitations !== null ? { limitations: d.limitations } : {}),
    actions: d.actions.map((a) => ({
      text: a.text,
      owner_name: nameOf(a.owner),
      due_date: a.due_date,
      status: a.status,
      ...(a.status_date !== null ? { status_date: a.status_date } : {}),
    })),
  }));
  await out.write(DQA_FILE, jsonText({ assessments }));
  return assessments.length;
}
