/**
 * The language a signed-in reader asked to read Vigia in (their account's preference), for the
 * outputs that are made on the server: reports, the tracking table, e-mails. A request that names
 * its language (`lang=`) wins; the public and readers without a preference get English.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Language } from '../../core/languages.js';
import type { Actor } from '../access/actor.js';
import { findUserById } from './users.repo.js';

export async function readerLanguage(db: Kysely<Database>, actor: Actor, asked: Language | undefined): Promise<Language> {
  if (asked) return asked;
  if (actor.userId === null) return 'en';
  return (await findUserById(db, actor.userId))?.language ?? 'en';
}
