/**
 * Reads framework.csv: the program's goals and their components, in display order. A goal has
 * no parent; a component needs the goal it belongs to. The first row of each code is kept.
 */
import type { FolderFiles } from './folder-files.reader.js';
import { firstOfEachCode } from './folder-row.reader.js';
import { CSV_COLUMNS, FOLDER_FILES, FRAMEWORK_KINDS } from './program-folder.schema.js';
import type { FrameworkRow } from './program-folder.types.js';

export async function readFrameworkFile(files: FolderFiles): Promise<FrameworkRow[]> {
  const { issues } = files;
  const framework = [];
  for (const [row, r] of await files.csv(FOLDER_FILES.framework, CSV_COLUMNS.framework, 'framework')) {
    const code = r.code('code');
    const kind = r.oneOf('kind', FRAMEWORK_KINDS);
    const parent = r.code('parent', false);
    const name_en = r.required('name_en') ?? '';
    const name_es = r.required('name_es') ?? '';
    if (kind === 'goal' && parent) {
      issues.push({ file: FOLDER_FILES.framework, row: row.line, column: 'parent', value: parent, reason: 'a goal has no parent' });
    }
    if (kind === 'component' && !parent && row.cells.parent === '') {
      issues.push({ file: FOLDER_FILES.framework, row: row.line, column: 'parent', value: '', reason: 'required: the goal this component belongs to' });
    }
    if (!code) continue;
    framework.push({
      file: FOLDER_FILES.framework,
      line: row.line,
      code,
      kind,
      parent,
      name_en,
      name_es,
      description_en: r.text('description_en'),
      description_es: r.text('description_es'),
      sort: framework.length,
    });
  }
  return firstOfEachCode(FOLDER_FILES.framework, framework, issues);
}
