/**
 * Reads framework.csv: the program's goals and their components, in display order. A goal has
 * no parent; a component needs the goal it belongs to. The first row of each code is kept.
 */
import type { FolderFiles } from './folder-files.reader.js';
import type { IssueDetail } from '../../core/errors.js';
import type { CsvRow } from '../../files/csv-table.reader.js';
import { firstOfEachCode, type RowReader } from './folder-row.reader.js';
import { CSV_COLUMNS, FOLDER_FILES, FRAMEWORK_KINDS } from './program-folder.schema.js';
import type { FrameworkRow } from './program-folder.types.js';

export async function readFrameworkFile(files: FolderFiles): Promise<FrameworkRow[]> {
  const framework: FrameworkRow[] = [];
  for (const [row, r] of await files.csv(FOLDER_FILES.framework, CSV_COLUMNS.framework, 'framework')) {
    const node = readFrameworkRow(row, r, files.issues, framework.length);
    if (node) framework.push(node);
  }
  return firstOfEachCode(FOLDER_FILES.framework, framework, files.issues);
}

/**
 * One row of framework.csv checked on its own, `sort` its display order; null when its code is
 * unusable. The design API (modules/design) checks a goal or component sent to it with this too.
 */
export function readFrameworkRow(row: CsvRow, r: RowReader, issues: IssueDetail[], sort: number): FrameworkRow | null {
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
  if (!code) return null;
  return {
    file: FOLDER_FILES.framework,
    line: row.line,
    code,
    kind,
    parent,
    name_en,
    name_es,
    description_en: r.text('description_en'),
    description_es: r.text('description_es'),
    sort,
  };
}
