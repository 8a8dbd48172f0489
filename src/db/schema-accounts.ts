/** Tables of accounts, sessions, API tokens and the audit trail (see the accounts migration). */
import type { Generated, Selectable } from 'kysely';

import type { Language } from '../core/languages.js';
import type { Role } from '../core/roles.js';
import type { Sensitivity } from '../core/sensitivity.js';

export type { Role };
/** A user's clearance: the most sensitive level they may read. */
export type Clearance = Sensitivity;

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** scrypt hash with its parameters and salt; the password itself is never stored. */
  password_hash: string;
  role: Role;
  organisation_id: number | null;
  /** The most sensitive data the user may read. */
  clearance: Clearance;
  active: number;
  created_at: string;
  /** 1 while the user holds a one-time password: only sign-out, "me" and the password change are allowed. */
  must_change_password: Generated<number>;
  /** The user's language (`en`, `es`), null until chosen. */
  language: Generated<Language | null>;
}

/** A "forgot password" link: single use, expiring; only the token's hash is stored. */
export interface PasswordResetTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token in the link. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 of the token; the token is shown once, when created. */
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** One failed sign-in against a key (`email:…` or `client:…`), for the lockout. */
export interface SignInFailureTable {
  id: Generated<number>;
  key: string;
  /** Milliseconds since the epoch. */
  at_ms: number;
  /** 1 while the attempt's password is being checked (it counts already); 0 once it failed. */
  pending: Generated<number>;
}

export type ClearanceGrantStatus = 'pending' | 'approved' | 'rejected';

/** A request to raise a user's clearance that a second administrator must approve. */
export interface ClearanceGrantTable {
  id: Generated<number>;
  user_id: number;
  clearance: Clearance;
  status: ClearanceGrantStatus;
  /** The administrator who asked; null when asked on the server itself (the CLI). */
  requested_by: number | null;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  program_id: number | null;
  /** JSON text of the entity before and after; null where there is none. */
  before: string | null;
  after: string | null;
}

export type SubmissionStatus = 'submitted' | 'approved' | 'returned';

export interface SubmissionTable {
  id: Generated<number>;
  program_id: number;
  organisation_id: number;
  period: string;
  start_date: string;
  end_date: string;
  status: SubmissionStatus;
  comment: string | null;
  version: Generated<number>;
  submitted_by: number | null;
  decided_by: number | null;
  submitted_at: string;
  decided_at: string | null;
}

export interface AccountTables {
  submission: SubmissionTable;
  app_user: UserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  sign_in_failure: SignInFailureTable;
  clearance_grant: ClearanceGrantTable;
  password_reset: PasswordResetTable;
}

export type User = Selectable<UserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Submission = Selectable<SubmissionTable>;
export type ClearanceGrant = Selectable<ClearanceGrantTable>;
export type PasswordReset = Selectable<PasswordResetTable>;
