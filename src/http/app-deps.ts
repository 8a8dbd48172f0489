/**
 * What route handlers may use, handed to every module's `register…Routes` by the assembly
 * (src/server/app.ts). Declared here, beside the other HTTP helpers, so that modules never
 * import the server that imports them. A module that needs more (the accounts module's
 * sign-in settings) extends it in its own routes file.
 */
import type { Db } from '../db/database.js';
import type { Engine } from '../db/dialect.js';
import type { Clock } from '../core/clock.js';

export interface AppDeps {
  db: Db;
  engine: Engine;
  /** Mark cookies Secure even when the request looks like plain http (behind a TLS proxy). */
  secureCookies: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** The built web app's folder (dist/web), served at `/` when given and built. */
  webRoot?: string | undefined;
  /** The time source of due dates and period locks; the real clock when absent (tests pass one they move). */
  clock?: Clock | undefined;
}
