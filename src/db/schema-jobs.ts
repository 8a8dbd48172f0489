/** Table types of import jobs (migration 20261202110000_import_jobs). */
import type { Generated, Selectable } from 'kysely';

export type ImportJobStatus = 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';

export interface ImportJobTable {
  id: string;
  user_id: number | null;
  program: string;
  format: string;
  file: string;
  dry_run: number;
  status: ImportJobStatus;
  done: Generated<number>;
  total: number | null;
  /** JSON of the ImportReport. */
  report: string | null;
  /** JSON of `{error, message, details}`. */
  error: string | null;
  /** `host:pid` of the process running the job. */
  owner: string;
  started_at: string;
  ended_at: string | null;
}

export interface JobTables {
  import_job: ImportJobTable;
}

export type ImportJobRow = Selectable<ImportJobTable>;
