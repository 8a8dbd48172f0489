/**
 * The dependency rules of `npm run lint` (.dependency-cruiser.mjs) hold for the real tree, and
 * fail when they should: on a copy of src with a planted file cycle, a planted cycle between two
 * modules, and imports against the layering (core → db, a module → the server, the web app →
 * the server, db → a module).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.mjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs the check as `npm run lint` does, in `cwd`; returns its exit status and report. */
function check(cwd: string): { status: number | null; report: string } {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: r.status, report: `${r.stdout}${r.stderr}` };
}

const copies: string[] = [];

/** A copy of the real src in a temp folder, with `plants` (path → content) added. */
function copyWith(plants: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-deps-'));
  copies.push(dir);
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  for (const [path, text] of Object.entries(plants)) writeFileSync(join(dir, path), text);
  return dir;
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('the dependency rules', { timeout: 120_000 }, () => {
  it('pass on the real tree', () => {
    const r = check(ROOT);
    expect(r.report).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('fail on a planted file cycle', () => {
    const r = check(
      copyWith({
        'src/modules/values/planted-a.ts': "import { b } from './planted-b.js';\nexport const a = () => b;\n",
        'src/modules/values/planted-b.ts': "import { a } from './planted-a.js';\nexport const b = () => a;\n",
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.report).toMatch(/no-circular: src\/modules\/values\/planted-[ab]\.ts/);
  });

  it('fail on a planted cycle between two modules (records already imports values)', () => {
    const r = check(
      copyWith({
        'src/modules/values/planted.ts': "import { listRecords } from '../records/records.service.js';\nexport const planted = listRecords;\n",
      }),
    );
    expect(r.status).not.toBe(0);
    expect(r.report).toMatch(/no-folder-cycle: src\/modules\/(values|records)/);
    expect(r.report).not.toContain('no-circular:');
  });

  it('fail on imports against the layering', () => {
    const r = check(
      copyWith({
        'src/core/planted.ts': "import type { Db } from '../db/database.js';\nexport type Planted = Db;\n",
        'src/db/planted.ts': "import { loadCatalog } from '../modules/catalog/catalog.repo.js';\nexport const planted = loadCatalog;\n",
        'src/modules/values/planted.ts': "import { createApp } from '../../server/app.js';\nexport const planted = createApp;\n",
        'src/web/planted.ts': "import { createApp } from '../server/app';\nexport const planted = createApp;\n",
      }),
    );
    expect(r.status).not.toBe(0);
    for (const rule of ['core-is-pure', 'db-only-core', 'modules-not-server', 'web-not-server-code']) {
      expect(r.report).toContain(`${rule}:`);
    }
  });
});
