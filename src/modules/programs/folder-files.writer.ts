/**
 * The files of one program folder being written (`vigia dump`): each writer hands it a path
 * relative to the folder and the text, and it makes the sub-folders (values/, records/, …) and
 * keeps the list of what was written, in order.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export class FolderOut {
  /** Files written, relative to the folder. */
  readonly files: string[] = [];

  constructor(readonly dir: string) {}

  async write(file: string, text: string): Promise<void> {
    const path = join(this.dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, 'utf8');
    this.files.push(file);
  }
}
