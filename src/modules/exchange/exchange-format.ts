/**
 * The contract every exchange format implements (csv, xlsx, dhis2-json, dhis2-csv, dhis2-xml,
 * adx, iati). `vigia import|export FORMAT` and the API routes find formats in the registry
 * (`exchange-registry.ts`) and know nothing else about them.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { IssueDetail } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import type { Clearance } from '../../db/schema-accounts.js';
import type { AnalyticsQuery } from '../analytics/analytics.service.js';

export interface ImportOptions {
  /** Program code. */
  program: string;
  /** Check everything, write nothing. */
  dryRun: boolean;
  /** Parsed mapping file (DHIS2/ADX: data element ↔ indicator, org unit ↔ place, …). */
  mapping?: unknown;
  /** Record type code, for record imports (csv/xlsx). */
  recordType?: string;
  /** Progress for long files: rows (or bytes) done, and the total when known. */
  onProgress?: (done: number, total?: number) => void;
  /**
   * The signed-in writer (API imports): the policy's rules apply row by row (a partner writes
   * only its own organisation's drafts) and changes are audited. Absent: the system (CLI).
   */
  actor?: Actor;
  /** When the import was sent (ISO timestamp): the day period locks are judged on; now when absent. */
  now?: string | undefined;
  /** Name of the uploaded file, used in error reports. */
  file?: string;
  /** Refuse files with more data rows than this. */
  maxRows?: number;
  /**
   * csv/xlsx: the number of data rows the file must hold (`X-Expected-Rows`, `--expected-rows`);
   * another number refuses the import, as a `# rows: N` footer row does (core/row-count.ts).
   */
  expectedRows?: number | undefined;
}

export interface ImportReport {
  format: string;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Empty when the file was accepted; otherwise nothing was written. */
  errors: IssueDetail[];
  /** How many problems there were in all; `errors` holds at most the first 1,000. */
  errorsTotal?: number;
}

export interface ExportOptions {
  program: string;
  /** Record type code, for record exports. */
  recordType?: string;
  mapping?: unknown;
  /** Export only approved data (the default for anything published). */
  approvedOnly?: boolean;
  lang?: 'en' | 'es';
  /** With approvedOnly: this organisation's unapproved data is exported too (a partner's own). */
  ownOrganisationId?: number | null;
  /** Most sensitive indicators and record fields to export (default: restricted, i.e. all). */
  maxSensitivity?: Clearance;
  /** csv/xlsx: export this analytics result instead of the data values. */
  analytics?: Omit<AnalyticsQuery, 'program' | 'approvedOnly'>;
}

export interface ExchangeFormat {
  /** The FORMAT word of the CLI and the API. */
  name: string;
  description: string;
  /** File extension of its files, without the dot. */
  extension: string;
  contentType: string;
  /**
   * True when `import` applies `ImportOptions.actor` (the policy's write rules, audit) and
   * `export` applies `approvedOnly`, `ownOrganisationId` and `maxSensitivity`. The API offers a
   * format without it only to officers and administrators cleared for restricted data.
   */
  scoped?: boolean;
  import?(db: Db, input: Readable, options: ImportOptions): Promise<ImportReport>;
  export?(db: Db, out: Writable, options: ExportOptions): Promise<void>;
}
