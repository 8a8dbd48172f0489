/**
 * The "approved data only" choice of the internal views (dashboard, explorer, map), kept in the
 * address as `approved=true` — the analytics API's own word — so a view can be shared as it is.
 * Only officers and administrators see unapproved data; for everyone else the server answers
 * approved data whatever is asked, so the switch is offered to those two roles only.
 */
import { useProgram } from './program';
import { useQueryParams } from './router';

/** The query parameter, as both the address and the API take it. */
export const APPROVED_PARAM = 'approved';

/** Whether `query` asks for approved data only. */
export const approvedOnlyIn = (query: URLSearchParams): boolean => query.get(APPROVED_PARAM) === 'true';

/** What to add to an analytics query for the choice. */
export const approvedQuery = (on: boolean): { approved?: 'true' } => (on ? { approved: 'true' } : {});

/** Whether the signed-in user sees unapproved data (and so may want to hide it). */
export function useSeesDrafts(): boolean {
  const { role } = useProgram();
  return role === 'officer' || role === 'admin';
}

/** The choice in the address, and a setter that keeps the other parameters. */
export function useApprovedOnly(): [boolean, (on: boolean) => void] {
  const [query, set] = useQueryParams();
  return [approvedOnlyIn(query), (on) => set({ [APPROVED_PARAM]: on ? 'true' : undefined })];
}
