import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of Vigia's package.json, so shipped files (demo/) are found from any cwd. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}
