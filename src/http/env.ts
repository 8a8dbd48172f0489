/** What the HTTP layer keeps per request. */
import type { Actor } from '../modules/access/actor.js';

export interface AppEnv {
  Variables: {
    actor: Actor;
    /** How the actor was authenticated; cross-site checks apply to cookies only. */
    via: 'session' | 'token' | 'none';
    sessionSecret: string | undefined;
    /** Whether a program code exists (the guard asks only when it would refuse). */
    programExists: (code: string) => Promise<boolean>;
  };
}
