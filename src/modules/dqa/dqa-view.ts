/**
 * A DQA as it is read (API, CLI, PIRS): its head row, ratings and actions put together, with
 * the people named as written or by their user's name, and the one-word result.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DQA_STANDARDS, dqaResult, type DqaActionStatus, type DqaRating, type DqaStandard } from '../../core/dqa.js';
import type { Language } from '../../core/languages.js';
import { actionsOf, standardsOf, type DqaHead } from './dqa.repo.js';

/** Someone named on a DQA: a user of Vigia, or a name as written (a name given wins). */
export interface DqaPerson {
  user_id: number | null;
  name: string | null;
}

export interface DqaActionView {
  id: number;
  text: string;
  owner: DqaPerson;
  due_date: string;
  status: DqaActionStatus;
  status_date: string | null;
}

export interface DqaRatingView {
  standard: DqaStandard;
  rating: DqaRating;
  notes: string | null;
}

export interface DqaView {
  id: number;
  program: string;
  indicator: string;
  date: string;
  assessor: DqaPerson;
  language: Language | null;
  /** The five standards, in DQA_STANDARDS order. */
  standards: DqaRatingView[];
  result: DqaRating;
  limitations: string | null;
  actions: DqaActionView[];
  created_at: string;
  updated_at: string;
}

const person = (userId: number | null, name: string | null, userName: string | null): DqaPerson => ({ user_id: userId, name: name ?? userName });

/** Puts DQAs together from their head rows (in the heads' order). */
export async function assembleDqas(db: Kysely<Database>, programCode: string, heads: readonly DqaHead[]): Promise<DqaView[]> {
  const ids = heads.map((h) => h.id);
  const [standards, actions] = await Promise.all([standardsOf(db, ids), actionsOf(db, ids)]);
  return heads.map((h) => {
    const ratings = new Map(standards.filter((s) => s.dqa_id === h.id).map((s) => [s.standard, s]));
    const rated: DqaRatingView[] = DQA_STANDARDS.map((standard) => {
      const r = ratings.get(standard);
      // Every DQA is stored with its five ratings; a missing one would be a bug, shown as not met.
      return { standard, rating: r?.rating ?? 'not_met', notes: r?.notes ?? null };
    });
    return {
      id: h.id,
      program: programCode,
      indicator: h.indicator,
      date: h.date,
      assessor: person(h.assessor_user_id, h.assessor_name, h.assessor_user_name),
      language: h.language,
      standards: rated,
      result: dqaResult(Object.fromEntries(rated.map((r) => [r.standard, r.rating])) as Record<DqaStandard, DqaRating>),
      limitations: h.limitations,
      actions: actions
        .filter((a) => a.dqa_id === h.id)
        .map((a) => ({
          id: a.id,
          text: a.text,
          owner: person(a.owner_user_id, a.owner_name, a.owner_user_name),
          due_date: a.due_date,
          status: a.status,
          status_date: a.status_date,
        })),
      created_at: h.created_at,
      updated_at: h.updated_at,
    };
  });
}
