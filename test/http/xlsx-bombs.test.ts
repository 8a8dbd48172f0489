/**
 * Issue 12, problem 8: XLSX decompression bombs. A real `vigia serve` process is sent bombs
 * built in the test (a sheet that expands to 600 MB, one whose headers lie about its size, one
 * with 100,000 entries), four at a time, over the values and the records imports: each is
 * refused with 413 naming the limit, nothing is stored, and the server's peak memory (VmHWM)
 * barely moves. The CLI refuses the same files with exit 2 and no stack trace.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyEntries, xlsxBomb } from '../helpers/zip-bombs.js';
import { peakRss, startServeChild, type ServeChild } from '../helpers/serve-child.js';
import { runVigia } from '../helpers/cli.js';

let server: ServeChild;
const BOMBS: Record<string, Buffer> = {
  'declared 600 MB': xlsxBomb(),
  'headers lie': xlsxBomb({ declaredSize: 40_000 }),
  'headers lie, data descriptor': xlsxBomb({ declaredSize: 40_000, descriptor: true }),
  'shared strings 300 MB': xlsxBomb({ part: 'sharedStrings', expandTo: 300 * 1024 * 1024 }),
  'shared strings, headers lie': xlsxBomb({ part: 'sharedStrings', expandTo: 300 * 1024 * 1024, declaredSize: 40_000 }),
  '100,000 entries': manyEntries(100_000),
};
const LIMIT = /over the limit of .*(VIGIA_MAX_UNZIPPED_BYTES|VIGIA_MAX_ZIP_ENTRIES)/;

beforeAll(async () => {
  server = await startServeChild();
}, 120_000);
afterAll(async () => server?.stop());

const stored = async (): Promise<string> => {
  const values = await server.call('GET', '/api/programs/PE/values?limit=1');
  const seizures = await server.call('GET', '/api/programs/PE/records?type=seizure&limit=1');
  return `${values.text.length}:${seizures.text.length}`;
};

describe('XLSX bombs against a running server', () => {
  it('refuses each bomb with 413 naming the limit, four at once, with bounded peak memory', async () => {
    const before = stored();
    // Warm the import path once with a small refusal, so the baseline includes its code.
    expect((await server.call('POST', '/api/programs/PE/imports/xlsx', BOMBS['headers lie'])).status).toBe(413);
    const baseline = peakRss(server.pid);
    for (const [name, bomb] of Object.entries(BOMBS)) {
      const paths = [
        '/api/programs/PE/imports/xlsx',
        '/api/programs/PE/imports/xlsx?type=seizure',
        '/api/programs/PE/imports/xlsx?dryRun=true',
        '/api/programs/PE/imports/xlsx?type=seizure&file=bomb.xlsx',
      ];
      const replies = await Promise.all(paths.map((p) => server.call('POST', p, bomb, { 'content-type': 'application/octet-stream' })));
      for (const r of replies) {
        expect(r.status, `${name}: ${r.text}`).toBe(413);
        const body = JSON.parse(r.text) as { error: string; message: string };
        expect(body.error).toBe('too_large');
        expect(body.message, name).toMatch(LIMIT);
      }
    }
    const growth = peakRss(server.pid) - baseline;
    expect(growth, `peak memory grew by ${Math.round(growth / 1e6)} MB`).toBeLessThan(150 * 1024 * 1024);
    expect(server.alive()).toBe(true);
    expect(await stored()).toBe(await before);
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  }, 180_000);

  it('the CLI refuses them with exit 2 and a clear message, no stack trace', async () => {
    const cli = ['declared 600 MB', 'shared strings, headers lie', '100,000 entries'];
    for (const [i, [name, bomb]] of Object.entries(BOMBS)
      .filter(([n]) => cli.includes(n))
      .entries()) {
      const file = join(server.dir, `bomb${i}.xlsx`);
      writeFileSync(file, bomb);
      const r = await runVigia(
        { ...process.env, VIGIA_DB: server.dbFile, DATABASE_URL: '' },
        'import',
        'xlsx',
        file,
        '--program',
        'PE',
        ...(i % 2 ? ['--type', 'seizure'] : []),
      );
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error \\(too_large\\): bomb${i}\\.xlsx: `));
      expect(r.stderr).toMatch(LIMIT);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 180_000);
});
