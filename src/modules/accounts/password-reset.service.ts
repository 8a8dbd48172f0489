/**
 * "Forgot password" by e-mail. A request answers the same whether or not the address belongs to
 * an account (no account enumeration): the e-mail is sent in the background, so the answer does
 * not wait on the mail server for known addresses only. The link holds a random token of which
 * only the hash is stored; it works once, expires, and using it ends every session and token.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import type { Language } from '../../core/languages.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { AuthSettings } from './auth.service.js';
import { endCredentials } from './end-credentials.js';
import type { MailSettings } from './mailer.js';
import { hashPassword, passwordProblem } from './password.js';
import { passwordResetMail } from './password-reset-mail.js';
import { findPasswordReset, insertPasswordReset, usePasswordReset, voidPasswordResetsOfUser } from './password-resets.repo.js';
import { hashSecret, newSecret } from './secret-token.js';
import { findUserByEmail, findUserById, updatePasswordHash } from './users.repo.js';

/** The path of the web app's page that takes the token (in the URL fragment, kept out of server logs). */
export const RESET_PAGE_PATH = '/reset-password';

/**
 * Handles a "forgot password" request for `email` (from `client`): for a known, active account, a
 * new link (any earlier unused one is void) is mailed in the user's language, else in
 * `fallbackLanguage`. Counted per e-mail and per address (`s.resetLimiter`); the refusal when
 * over the limit is the same for known and unknown addresses. Returns once the link is stored;
 * `sent` settles when the mail server took the message (or failed, logged).
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  s: AuthSettings,
  mail: MailSettings,
  email: string,
  client: string,
  fallbackLanguage: Language,
): Promise<{ sent: Promise<void> }> {
  const address = email.trim().toLowerCase();
  const reservation = await s.resetLimiter.reserve(db, address, client);
  await s.resetLimiter.failed(db, reservation); // every request counts against the limits
  const user = await findUserByEmail(db, address);
  if (!user || user.active !== 1) {
    await recordAudit(db, { userId: null, action: 'password_reset_requested', entity: 'user', after: { email: address, account: false } });
    return { sent: Promise.resolve() };
  }
  const token = newSecret('vgr');
  const now = s.now();
  const expiresAt = new Date(now.getTime() + s.resetMinutes * 60_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await voidPasswordResetsOfUser(trx, user.id, now.toISOString());
    await insertPasswordReset(trx, { userId: user.id, tokenHash: hashSecret(token), createdAt: now.toISOString(), expiresAt });
    await recordAudit(trx, { userId: null, action: 'password_reset_requested', entity: 'user', entityId: user.id, after: { expires_at: expiresAt } });
  });
  const link = `${mail.publicUrl}${RESET_PAGE_PATH}#token=${encodeURIComponent(token)}`;
  const message = passwordResetMail(user.email, user.name, user.language ?? fallbackLanguage, link, s.resetMinutes);
  const sent = mail.mailer.send(message).catch((e: unknown) => console.error(`the password reset e-mail to user ${user.id} was not sent:`, e));
  return { sent };
}

const refused = () =>
  validationError('this link is invalid, already used or expired: ask for a new one', [{ column: 'token', reason: 'invalid, used or expired' }]);

/**
 * Sets a new password with a "forgot password" link's token: once, before it expires, for an
 * active account. Every session, API token and other link of the user ends; the one-time mark
 * is cleared. The user signs in afterwards with the new password.
 */
export async function resetPasswordWithToken(db: Kysely<Database>, s: AuthSettings, token: string, next: string): Promise<void> {
  const problem = passwordProblem(next);
  if (problem) throw validationError('the password cannot be set', [{ column: 'new_password', reason: problem }]);
  const now = s.now().toISOString();
  const reset = await findPasswordReset(db, hashSecret(token));
  if (!reset || reset.used_at !== null || reset.expires_at <= now) throw refused();
  const user = await findUserById(db, reset.user_id);
  if (!user || user.active !== 1) throw refused();
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    // Marked used only if still unused and unexpired: of two requests with the same link, one wins.
    if (!(await usePasswordReset(trx, reset.id, now))) throw refused();
    await updatePasswordHash(trx, user.id, hash);
    const ended = await endCredentials(trx, user.id, s.now());
    await recordAudit(trx, { userId: user.id, action: 'reset_password_by_link', entity: 'user', entityId: user.id, after: { credentials_ended: ended } });
  });
}
