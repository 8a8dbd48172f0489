/**
 * Who is asking: the signed-in user reduced to what authorization needs, or the public.
 */
import type { Clearance, Role, User } from '../../db/schema-accounts.js';

export interface Actor {
  userId: number | null;
  role: Role | 'public';
  organisationId: number | null;
  clearance: Clearance;
}

export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, role: 'public', organisationId: null, clearance: 'public' });

/** The columns of a user (a stored row, or the accounts module's `PublicUser`) an actor is made of. */
export type ActorSource = Pick<User, 'id' | 'role' | 'organisation_id' | 'clearance'>;

export function actorOf(user: ActorSource | null | undefined): Actor {
  if (!user) return PUBLIC_ACTOR;
  return { userId: user.id, role: user.role, organisationId: user.organisation_id, clearance: user.clearance };
}
