/**
 * Every CLI command that reads a file or folder, given a bad one (missing, a folder where a file
 * is expected, empty, unreadable by the user running it): one line naming the path, exit code
 * 2, no stack trace, and the database is not even opened. Run as child processes, as people
 * run the command.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { runVigiaAs } from '../../../test/helpers/cli.js';
import { findFormat, formatNames } from '../../modules/exchange/exchange-registry.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let db: string;

/** The bad inputs where a file is expected; `unreadable` is a file of mode 000. */
const FILE_CASES = ['missing', 'folder', 'empty', 'unreadable'] as const;
type Case = (typeof FILE_CASES)[number];
/** The bad inputs where a folder is expected. */
const FOLDER_CASES = ['missing', 'file', 'empty'] as const;

/** Run as root, the unreadable case runs the CLI without root's power to read any file. */
const asRoot = process.getuid?.() === 0;

const pathOf = (c: Case | (typeof FOLDER_CASES)[number]): string =>
  ({
    missing: join(dir, 'no-such-file.csv'),
    folder: join(dir, 'a-folder'),
    empty: join(dir, 'empty.csv'),
    unreadable: join(dir, 'secret.csv'),
    file: join(dir, 'a-file.csv'),
  })[c];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-bad-inputs-'));
  chmodSync(dir, 0o755);
  mkdirSync(pathOf('folder'));
  writeFileSync(pathOf('empty'), '');
  writeFileSync(pathOf('unreadable'), 'indicator,place,period,value,provenance\n');
  chmodSync(pathOf('unreadable'), 0o000);
  writeFileSync(pathOf('file'), 'x\n');
  mkdirSync(join(dir, 'empty-folder'));
  db = join(dir, 'never-opened.db');
  env = { ...process.env, VIGIA_DB: db };
  delete env.DATABASE_URL;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command and checks the one-line answer naming `path`, with exit code 2. */
async function expectRefused(expect: ExpectStatic, path: string, unprivileged: boolean, ...args: string[]): Promise<void> {
  const r = await runVigiaAs(unprivileged, env, ...args);
  const lines = r.stderr.trim().split('\n');
  expect({ code: r.code, lines: lines.length }, r.stderr).toEqual({ code: 2, lines: 1 });
  expect(lines[0]).toMatch(/^error \(validation\): /);
  expect(lines[0]).toContain(path);
  expect(r.stderr).not.toMatch(/\n\s+at |node:internal|Error:/);
  expect(existsSync(db)).toBe(false);
}

const importFormats = formatNames().filter((n) => findFormat(n)?.import);

/** Each command that takes a file, as arguments around the file's path. */
const FILE_COMMANDS: Array<[string, (path: string) => string[]]> = [
  ...importFormats.map((f): [string, (p: string) => string[]] => [`import ${f}`, (p) => ['import', f, p, '--dry-run']]),
  ['import --mapping', (p) => ['import', 'dhis2-json', join(import.meta.dirname, '../../../package.json'), '--mapping', p]],
  ['export --mapping', (p) => ['export', 'dhis2-json', '-o', join(dir, 'out.json'), '--mapping', p]],
  ['records import', (p) => ['records', 'import', p, '--type', 'seizure']],
  ['restore', (p) => ['restore', p]],
];

// Each case is a child process that mostly waits on Node's start-up: they run five at a time.
describe.concurrent('CLI commands given a bad file', () => {
  it('knows the import formats it walks', () => {
    expect(importFormats).toEqual(expect.arrayContaining(['csv', 'xlsx', 'dhis2-json', 'dhis2-csv', 'dhis2-xml', 'adx']));
  });

  for (const [name, args] of FILE_COMMANDS) {
    for (const c of FILE_CASES) {
      it(`${name}: ${c} file`, async ({ expect }) => {
        await expectRefused(expect, pathOf(c), c === 'unreadable' && asRoot, ...args(pathOf(c)));
      });
    }
  }

  for (const c of FOLDER_CASES) {
    it(`load: ${c} folder`, async ({ expect }) => {
      const path = c === 'empty' ? join(dir, 'empty-folder') : pathOf(c);
      await expectRefused(expect, path, false, 'load', path);
    });
  }
});
