/** Writes program.json of a dumped program (the reader: programFileSchema in program-folder.schema.ts). */
import { jsonText } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { FOLDER_FILES, type ProgramFile } from './program-folder.schema.js';

type ProgramRow = { code: string; name_en: string; name_es: string; country_code: string; fiscal_year_start_month: number; currency: string };

export async function writeProgramFile(out: FolderOut, p: ProgramRow): Promise<void> {
  const file: ProgramFile = {
    code: p.code,
    name: { en: p.name_en, es: p.name_es },
    country: p.country_code,
    fiscal_year_start_month: p.fiscal_year_start_month,
    currency: p.currency,
  };
  await out.write(FOLDER_FILES.program, jsonText(file));
}
