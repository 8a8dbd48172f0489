/**
 * Who is asking: the signed-in user reduced to what authorization needs, or the public.
 */
import type { Clearance, Role } from '../../db/schema-accounts.js';
import type { PublicUser } from '../accounts/users.repo.js';

export interface Actor {
  userId: number | null;
  role: Role | 'public';
  organisationId: number | null;
  clearance: Clearance;
}

export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, role: 'public', organisationId: null, clearance: 'public' });

export function actorOf(user: PublicUser | null | undefined): Actor {
  if (!user) return PUBLIC_ACTOR;
  return { userId: user.id, role: user.role, organisationId: user.organisation_id, clearance: user.clearance };
}
