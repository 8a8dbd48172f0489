/**
 * A program folder as read from disk: every file parsed and checked on its own, each row
 * remembering where it came from, plus the problems found so far. Cross-file checks come next
 * (program-folder.validator.ts).
 */
import type { IssueDetail } from '../../core/errors.js';
import type { ValueInput } from '../values/values.service.js';
import type { JsonArrayFile } from '../../files/json-file.reader.js';
import type { DimensionEntry, IndicatorEntry, ProgramFile } from './program-folder.schema.js';
import type { TargetKind } from '../../db/schema.js';

/** Where a row came from: a path relative to the folder and the line it starts on. */
export interface Located {
  file: string;
  line: number;
}

export interface PlaceRow extends Located {
  code: string;
  name: string;
  /** Null when the level cell was not a level (already reported). */
  level: number | null;
  parent: string | null;
  lat: number | null;
  lon: number | null;
  iso: string | null;
}

export interface ZoneRow extends Located {
  code: string;
  name_en: string;
  name_es: string;
}

export interface ZonePlaceRow extends Located {
  zone: string;
  place: string;
}

export interface OrganisationRow extends Located {
  code: string;
  name_en: string;
  name_es: string;
  kind: string;
  country_code: string | null;
  iati_ref: string | null;
}

export interface SourceRow extends Located {
  code: string;
  name_en: string;
  name_es: string;
  url: string | null;
}

export interface FrameworkRow extends Located {
  code: string;
  kind: 'goal' | 'component' | null;
  parent: string | null;
  name_en: string;
  name_es: string;
  description_en: string | null;
  description_es: string | null;
  /** Display order: the row's position in the file. */
  sort: number;
}

/** A value or target as the values service takes it, with its origin in the folder. */
export interface ValueRow extends Located {
  input: ValueInput;
}

export interface TargetRow extends ValueRow {
  kind: TargetKind | null;
}

/** Kinds of things that rows refer to by code. */
export type RefKind = 'place' | 'zone' | 'organisation' | 'source' | 'dimension' | 'framework' | 'indicator';

export interface ProgramFolder {
  dir: string;
  /** Files read, relative to the folder. */
  files: string[];
  program: ProgramFile | null;
  places: PlaceRow[];
  zones: ZoneRow[];
  zonePlaces: ZonePlaceRow[];
  organisations: OrganisationRow[];
  sources: SourceRow[];
  dimensions: JsonArrayFile<DimensionEntry> | null;
  framework: FrameworkRow[];
  indicators: JsonArrayFile<IndicatorEntry> | null;
  targets: TargetRow[];
  /** The files of values/, relative to the folder; streamed by readValueBatches when needed. */
  valueFiles: string[];
  /** Their total size, for progress. */
  valueBytes: number;
  /**
   * Codes whose definition was broken (already reported): references to them are not
   * reported again. 'all' when the whole file could not be read.
   */
  unusable: Map<RefKind, Set<string> | 'all'>;
  issues: IssueDetail[];
}

/** True when a reference to `code` of `kind` should not be reported: its definition already was. */
export function isUnusable(folder: ProgramFolder, kind: RefKind, code: string): boolean {
  const u = folder.unusable.get(kind);
  return u === 'all' || (u?.has(code) ?? false);
}

/** A folder with nothing read yet: the reader fills it file by file; a design change over the API (modules/design) puts its one thing in it. */
export function emptyProgramFolder(dir: string, issues: IssueDetail[]): ProgramFolder {
  return {
    dir,
    files: [],
    program: null,
    places: [],
    zones: [],
    zonePlaces: [],
    organisations: [],
    sources: [],
    dimensions: null,
    framework: [],
    indicators: null,
    targets: [],
    valueFiles: [],
    valueBytes: 0,
    unusable: new Map(),
    issues,
  };
}
