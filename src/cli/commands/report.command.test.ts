import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'vigia-report-cli-'));
const db = join(work, 'vigia.db');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real `vigia` binary against a SQLite file of its own. */
function vigia(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIA_DB: db };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/vigia.mjs', ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

describe('vigia report (child process)', () => {
  it('writes the demo fact sheet as PDF and Markdown, and refuses bad options with exit 2', () => {
    expect(vigia('demo').status).toBe(0);
    const file = join(work, 'factsheet.pdf');
    const pdf = vigia('report', 'factsheet', '--program', 'PE', '--period', '2012', '--lang', 'es', '-o', file, '--json');
    expect(pdf.status).toBe(0);
    expect(JSON.parse(pdf.stdout)).toMatchObject({ file, format: 'pdf', data_version: expect.any(Number) });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const md = vigia('report', 'factsheet', '--program', 'PE', '--period', '2012');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('- Eradication of illicit coca increased by 38 percent between 2011 and 2012, from 10,290 to 14,171 hectares.');

    const bad = vigia('report', 'factsheet', '--program', 'PE', '--period', '2012', '--lang', 'fr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('column lang: use en or es (value: "fr")');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes the PIRS book (no period needed) and one sheet, and refuses bad input with exit 2 naming the field', () => {
    const file = join(work, 'pirs.html');
    const book = vigia('report', 'pirs', '--program', 'PE', '--lang', 'es', '-o', file, '--json');
    expect(book.status).toBe(0);
    expect(JSON.parse(book.stdout)).toMatchObject({ file, format: 'html', data_version: expect.any(Number) });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h2>Contenido</h2>');
    expect(html).toContain('<h2>ERAD_HA — Coca erradicada</h2>');

    const sheet = vigia('report', 'pirs', '--program', 'PE', '--indicator', 'COCA_HA', '--format', 'md');
    expect(sheet.status).toBe(0);
    expect(sheet.stdout).toContain('# Performance Indicator Reference Sheet: COCA\\_HA');

    for (const [args, column] of [
      [['--indicator', 'NOPE'], 'column indicator'],
      [['--lang', 'fr'], 'column lang'],
      [['--format', 'docx'], 'column format'],
    ] as const) {
      const bad = vigia('report', 'pirs', '--program', 'PE', ...args);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(column);
    }
    const noProgram = vigia('report', 'pirs', '--program', 'NOPE');
    expect(noProgram.status).toBe(2);
    expect(noProgram.stderr).toContain('column program');
    // Every other report still needs its period.
    const noPeriod = vigia('report', 'factsheet', '--program', 'PE');
    expect(noPeriod.status).toBe(2);
    expect(noPeriod.stderr).toContain('column period');
  });
});
