/**
 * Backup and restore on PostgreSQL with the server's own tools: `pg_dump` in custom format
 * (one consistent snapshot, taken while the server keeps writing) of the schema Vigia works
 * in, and `pg_restore` back into it, in one transaction. The tools come with the PostgreSQL
 * packages; they are looked for on PATH, then under /usr/lib/postgresql/<version>/bin.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { VigiaError, validationError } from '../core/errors.js';

/** Progress of a dump or restore, in tables. */
export interface TableProgress {
  done: number;
  total: number;
}

/** The newest `name` (pg_dump, pg_restore) on PATH or in a PostgreSQL installation. */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a)) : [];
  for (const v of versions) {
    if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  }
  throw new VigiaError(
    'not_found',
    `${name} was not found on PATH nor under ${root}/*/bin: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or put ${name} on PATH`,
  );
}

/** The URL without its password (given to the tools in PGPASSWORD, not on their command line). */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** The schema Vigia works in on this connection: the first of its search_path. */
async function targetSchema(client: pg.Client): Promise<string> {
  const current = (await client.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s;
  if (current) return current;
  // The schema named first in search_path does not exist yet (a restore will create it).
  const path = (await client.query<{ search_path: string }>('show search_path')).rows[0]?.search_path ?? '';
  const first = path
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .find((s) => s && s !== '$user');
  if (!first) throw new VigiaError('validation', 'the PostgreSQL connection has no schema to work in (search_path is empty)');
  return first;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function tablesIn(client: pg.Client, schema: string): Promise<number> {
  const r = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", [
    schema,
  ]);
  return Number(r.rows[0]?.n ?? 0);
}

/** Runs a tool; `onLine` sees each line of its stderr (where --verbose reports). */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    let buffer = '';
    child.stderr.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        if (/error|fatal/i.test(l)) errors.push(l);
        onLine(l);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) ok();
      else fail(new Error(`${tool} failed (exit ${code}): ${errors.slice(0, 5).join(' | ') || buffer}`));
    });
  });
}

/**
 * Dumps the schema Vigia works in (DATABASE_URL's search_path, `public` by default) to `target`
 * in pg_dump's custom format, through `target.partial`.
 */
export async function backupPostgres(databaseUrl: string, target: string, onProgress: (p: TableProgress) => void): Promise<{ schema: string; tables: number }> {
  const tool = findPgTool('pg_dump');
  const { schema, tables } = await withClient(databaseUrl, async (c) => {
    const s = await targetSchema(c);
    return { schema: s, tables: await tablesIn(c, s) };
  });
  if (tables === 0)
    throw validationError(`the database has no tables in schema ${schema}: nothing to back up`, [{ column: 'DATABASE_URL', reason: 'empty database' }]);
  const { url, env } = splitPassword(databaseUrl);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  let done = 0;
  try {
    await run(tool, ['--format=custom', '--verbose', `--schema=${schema}`, `--file=${partial}`, `--dbname=${url}`], env, (line) => {
      if (/dumping contents of table/.test(line)) onProgress({ done: ++done, total: tables });
    });
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  onProgress({ done: tables, total: tables });
  return { schema, tables };
}

/** The schema and tables a custom-format dump holds, from its table of contents. */
async function dumpContents(tool: string, file: string): Promise<{ schema: string; tables: string[]; list: string[] }> {
  const list = await new Promise<string>((ok, fail) => {
    const child = spawn(tool, ['--list', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? ok(out)
        : fail(
            validationError(`${file} is not a pg_dump custom-format file: ${err.trim()}`, [{ column: 'file', value: file, reason: 'not a PostgreSQL backup' }]),
          ),
    );
  });
  const lines = list.split('\n');
  const tables = lines.map((l) => l.match(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) /)).filter((m): m is RegExpMatchArray => m !== null);
  const schema = tables[0]?.[1];
  if (!schema || !tables.some((m) => m[2] === 'kysely_migration')) {
    throw validationError(`${file} is a PostgreSQL dump but not of a Vigia database (no kysely_migration table)`, [
      { column: 'file', value: file, reason: 'not a Vigia database' },
    ]);
  }
  return { schema, tables: tables.map((m) => m[2] ?? ''), list: lines };
}

/**
 * Restores a custom-format dump into the schema DATABASE_URL works in (the same schema name as
 * the dump's). A schema that holds any table is replaced only with `force` (its tables are
 * dropped first). pg_restore runs in a single transaction: a failed restore leaves no half.
 */
export async function restorePostgres(
  databaseUrl: string,
  file: string,
  force: boolean,
  onProgress: (p: TableProgress) => void,
): Promise<{ schema: string; tables: number }> {
  if (!existsSync(file)) throw validationError(`the backup ${file} does not exist`, [{ column: 'file', value: file, reason: 'no such file' }]);
  const tool = findPgTool('pg_restore');
  const dump = await dumpContents(tool, file);
  const schemaExists = await withClient(databaseUrl, async (c) => {
    const schema = await targetSchema(c);
    if (schema !== dump.schema) {
      throw validationError(
        `the backup holds schema ${dump.schema} but DATABASE_URL works in schema ${schema}: restore into a connection whose search_path is ${dump.schema}`,
        [{ column: 'DATABASE_URL', value: schema, reason: `the backup's schema is ${dump.schema}` }],
      );
    }
    const tables = await tablesIn(c, schema);
    if (tables > 0 && !force) {
      throw validationError(`the database is not empty (${tables} tables in schema ${schema}): restore replaces it only with --force`, [
        { column: 'force', reason: 'the database is not empty' },
      ]);
    }
    if (tables > 0) {
      const names = await c.query<{ t: string }>(
        "select quote_ident(table_name) as t from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
        [schema],
      );
      const ident = (await c.query<{ s: string }>('select quote_ident($1) as s', [schema])).rows[0]?.s ?? schema;
      await c.query(`drop table ${names.rows.map((r) => `${ident}.${r.t}`).join(', ')} cascade`);
    }
    const r = await c.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
    return (r.rowCount ?? 0) > 0;
  });
  // An existing schema (public, or an emptied one) is not created again.
  const listDir = mkdtempSync(join(tmpdir(), 'vigia-restore-'));
  const listFile = join(listDir, 'list');
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--verbose'];
  if (schemaExists) {
    writeFileSync(listFile, dump.list.filter((l) => !/^\d+; \d+ \d+ SCHEMA - /.test(l)).join('\n'));
    args.push(`--use-list=${listFile}`);
  }
  const { url, env } = splitPassword(databaseUrl);
  let done = 0;
  try {
    await run(tool, [...args, `--dbname=${url}`, file], env, (line) => {
      if (/processing data for table/.test(line)) onProgress({ done: ++done, total: dump.tables.length });
    });
  } finally {
    rmSync(listDir, { recursive: true, force: true });
  }
  onProgress({ done: dump.tables.length, total: dump.tables.length });
  return { schema: dump.schema, tables: dump.tables.length };
}
