/** Random bearer secrets (session cookies, API tokens) and the hashes they are stored as. */
import { createHash, randomBytes } from 'node:crypto';

/** A new secret: a recognisable prefix and 32 random bytes, URL-safe. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** The form a secret is stored in: a fast hash is right here, since the secret is random. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
