/**
 * Options shared by the analytics commands (analytics, compare, progress): the program that
 * defaults to the only one in the database, repeatable --disagg pairs, and how values print.
 */
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { notFound, validationError } from '../core/errors.js';
import { parseDisagg } from '../core/disagg.js';
import { listProgramCodes } from '../modules/analytics/analytics.repo.js';

/** The filters every analytics command accepts, as commander hands them over. */
export interface ScopeOptions {
  program?: string;
  source?: string;
  place?: string;
  zone?: string;
  disagg?: string[];
  approvedOnly?: boolean;
  json?: boolean;
}

/** Commander reducer for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds --program, --source, --place, --zone, --disagg (repeatable), --approved-only and --json. */
export function addScopeOptions(cmd: Command, { zone = true, disagg = true } = {}): Command {
  cmd
    .option('--program <code>', 'program code (default: the only program in the database)')
    .option('--source <code>', 'one source of the indicator (required for compare when it has several)')
    .option('--place <code>', 'a place and everything below it');
  if (zone) cmd.option('--zone <code>', 'a zone: its member places and everything below them');
  if (disagg) cmd.option('--disagg <dim=option>', 'filter by a disaggregation (repeatable)', collect);
  return cmd.option('--approved-only', 'use approved data only').option('--json', 'print JSON for scripts');
}

/** The program code given, or the only program in the database; lists the codes when several. */
export async function resolveProgramCode(db: Kysely<Database>, given: string | undefined): Promise<string> {
  if (given) return given;
  const codes = await listProgramCodes(db);
  if (codes.length === 1) return codes[0]!;
  if (codes.length === 0) throw notFound('the database has no program yet: load one first (vigia load FOLDER, or vigia demo)');
  const reason = `the database has ${codes.length} programs (${codes.join(', ')}): choose one with --program`;
  throw validationError(reason, [{ column: 'program', value: codes.join(', '), reason }]);
}

/** Merges repeated `--disagg dim=option` values into one filter; undefined when none. */
export function disaggOption(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const text of values) {
    for (const [dim, opt] of Object.entries(parseDisagg(text))) {
      if (dim in out && out[dim] !== opt) throw validationError(`--disagg names dimension "${dim}" twice (${out[dim]}, ${opt})`);
      out[dim] = opt;
    }
  }
  return out;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A value for people: grouped thousands, at most two decimals, '–' for none. */
export function formatValue(v: number | null): string {
  return v === null ? '–' : numberFormat.format(v);
}
