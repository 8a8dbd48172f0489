/** Table types of data quality assessments (migration 20261203120000_dqa). */
import type { Generated, Selectable } from 'kysely';
import type { DqaActionStatus, DqaRating, DqaStandard } from '../core/dqa.js';
import type { Language } from '../core/languages.js';

export interface DqaTable {
  id: Generated<number>;
  program_id: number;
  indicator_id: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The assessor as a user of Vigia, when they are one. */
  assessor_user_id: number | null;
  /** The assessor as written (a person without an account, or a team). */
  assessor_name: string | null;
  /** The language the texts were written in, when said. */
  language: Language | null;
  limitations: string | null;
  created_at: string;
  updated_at: string;
}

export interface DqaStandardTable {
  dqa_id: number;
  standard: DqaStandard;
  rating: DqaRating;
  notes: string | null;
}

export interface DqaActionTable {
  id: Generated<number>;
  dqa_id: number;
  sort: number;
  text: string;
  owner_user_id: number | null;
  owner_name: string | null;
  /** `YYYY-MM-DD`. */
  due_date: string;
  status: DqaActionStatus;
  /** When the status was last set (`YYYY-MM-DD`). */
  status_date: string | null;
}

export interface DqaTables {
  dqa: DqaTable;
  dqa_standard: DqaStandardTable;
  dqa_action: DqaActionTable;
}

export type DqaRow = Selectable<DqaTable>;
export type DqaStandardRow = Selectable<DqaStandardTable>;
export type DqaActionRow = Selectable<DqaActionTable>;
