/**
 * Reads dimensions.json: the program's disaggregation dimensions and their options. An option
 * listed twice and a dimension code used twice are reported; a dimension that failed its schema
 * leaves references to its code unusable, an unreadable file every reference to a dimension.
 */
import type { FolderFiles } from './folder-files.reader.js';
import { readJsonArray } from '../../files/json-file.reader.js';
import { dimensionSchema, FOLDER_FILES } from './program-folder.schema.js';
import type { ProgramFolder } from './program-folder.types.js';

export async function readDimensionsFile(files: FolderFiles): Promise<ProgramFolder['dimensions']> {
  const { issues } = files;
  const text = await files.load(FOLDER_FILES.dimensions);
  if (text === null) return null;
  const dimensions = readJsonArray(FOLDER_FILES.dimensions, text, dimensionSchema, issues);
  if (!dimensions) {
    files.broken('dimension');
    return null;
  }
  for (const code of dimensions.failedCodes) files.unusableCode('dimension', code);
  const seen = new Map<string, number>();
  dimensions.items = dimensions.items.filter(({ data, line, index }) => {
    const options = new Set<string>();
    data.options.forEach((o, i) => {
      if (options.has(o.code)) {
        issues.push({
          file: FOLDER_FILES.dimensions,
          row: dimensions.locate.line([index, 'options', i, 'code']),
          column: `options[${i}].code`,
          value: o.code,
          reason: `duplicate option of ${data.code}`,
        });
      }
      options.add(o.code);
    });
    const first = seen.get(data.code);
    if (first === undefined) seen.set(data.code, line);
    else issues.push({ file: FOLDER_FILES.dimensions, row: line, column: 'code', value: data.code, reason: `duplicate code (first on row ${first})` });
    return first === undefined;
  });
  return dimensions;
}
