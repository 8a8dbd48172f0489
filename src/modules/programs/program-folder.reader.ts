/**
 * Reads a program folder (docs/program-format.md) from disk. Each file is parsed and each row
 * checked on its own (required cells, codes, enums, numbers, duplicates within the file);
 * every problem is collected with its file, line and column instead of stopping at the first.
 * One reader per file (places-file.reader.ts, …), called here in the order of the format.
 */
import { stat } from 'node:fs/promises';
import type { IssueDetail } from '../../core/errors.js';
import { readDimensionsFile } from './dimensions-file.reader.js';
import { FolderFiles } from './folder-files.reader.js';
import { readFrameworkFile } from './framework-file.reader.js';
import { readIndicatorsFile } from './indicators-file.reader.js';
import { readJsonFile } from '../../files/json-file.reader.js';
import { readOrganisationsFile, readSourcesFile, readZonesFile } from './named-files.reader.js';
import { readPlacesFile } from './places-file.reader.js';
import { FOLDER_FILES, programFileSchema } from './program-folder.schema.js';
import { emptyProgramFolder, type ProgramFolder } from './program-folder.types.js';
import { listValueFiles, readTargetsFile } from './value-rows.reader.js';
import { readZonePlacesFile } from './zone-places-file.reader.js';

/** Reads every file of the folder at `dir`; never throws for bad content, only for I/O failures. */
export async function readProgramFolder(dir: string): Promise<ProgramFolder> {
  const issues: IssueDetail[] = [];
  const folder = emptyProgramFolder(dir, issues);
  const isFolder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    issues.push({ file: dir, reason: 'not a folder: give the folder that holds program.json, places.csv, …' });
    return folder;
  }
  const files = new FolderFiles(folder);

  const programText = await files.load(FOLDER_FILES.program);
  if (programText !== null) folder.program = readJsonFile(FOLDER_FILES.program, programText, programFileSchema, issues)?.data ?? null;
  folder.places = await readPlacesFile(files);
  folder.zones = await readZonesFile(files);
  folder.zonePlaces = await readZonePlacesFile(files);
  folder.organisations = await readOrganisationsFile(files);
  folder.sources = await readSourcesFile(files);
  folder.dimensions = await readDimensionsFile(files);
  folder.framework = await readFrameworkFile(files);
  folder.indicators = await readIndicatorsFile(files);
  folder.targets = await readTargetsFile(files);
  const values = await listValueFiles(dir);
  folder.valueFiles = values.files;
  folder.valueBytes = values.bytes;
  return folder;
}
