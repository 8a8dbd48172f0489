/** Every migration, by its timestamped name, in the order they run. Append; never edit one that shipped. */
import type { Migration } from 'kysely';
import * as initial from './20261128000000_initial.js';

export const migrations: Record<string, Migration> = {
  '20261128000000_initial': initial,
};
