/**
 * Reads indicators.json: the program's indicators. A source or dimension listed twice by one
 * indicator and an indicator code used twice are reported; an indicator that failed its schema
 * leaves references to its code unusable, a missing or unreadable file every reference.
 */
import type { FolderFiles } from './folder-files.reader.js';
import { readJsonArray } from '../../files/json-file.reader.js';
import { FOLDER_FILES, indicatorSchema } from './program-folder.schema.js';
import type { ProgramFolder } from './program-folder.types.js';

export async function readIndicatorsFile(files: FolderFiles): Promise<ProgramFolder['indicators']> {
  const { issues } = files;
  const text = await files.load(FOLDER_FILES.indicators);
  const indicators = text === null ? null : readJsonArray(FOLDER_FILES.indicators, text, indicatorSchema, issues);
  if (!indicators) {
    files.broken('indicator');
    return null;
  }
  for (const code of indicators.failedCodes) files.unusableCode('indicator', code);
  const seen = new Map<string, number>();
  const locate = indicators.locate;
  indicators.items = indicators.items.filter(({ data, line, index }) => {
    for (const list of ['sources', 'dimensions'] as const) {
      data[list].forEach((c, i) => {
        if (data[list].indexOf(c) !== i) {
          issues.push({ file: FOLDER_FILES.indicators, row: locate.line([index, list, i]), column: `${list}[${i}]`, value: c, reason: 'listed twice' });
        }
      });
    }
    const first = seen.get(data.code);
    if (first === undefined) seen.set(data.code, line);
    else issues.push({ file: FOLDER_FILES.indicators, row: line, column: 'code', value: data.code, reason: `duplicate code (first on row ${first})` });
    return first === undefined;
  });
  return indicators;
}
