/**
 * One Spanish word for each thing: no Spanish text of the reports, the built-in record
 * types or the demo program uses a synonym the glossary rejects ("decomisada" for seized,
 * "Periodo" without its accent). The web app's labels are checked in src/web/i18n/resources.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECTED_SPANISH, rejectedWords } from '../src/core/glossary.js';
import { PROGRESS_WORDS } from '../src/modules/reports/progress-section.service.js';
import { REPORT_WORDS } from '../src/modules/reports/report-document.js';

const ROOT = join(import.meta.dirname, '..');

function filesUnder(dir: string, ends: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ends);
    return ends.some((e) => name.endsWith(e)) && !name.includes('.test.') ? [path] : [];
  });
}

/** Every [english, spanish] pair in a value: `{en, es}` objects, walked in parallel when nested. */
function pairs(en: unknown, es: unknown, at: string): [string, string | undefined, string][] {
  if (typeof es === 'string') return [[at, typeof en === 'string' ? en : undefined, es]];
  if (typeof es !== 'object' || es === null) return [];
  return Object.entries(es).flatMap(([k, v]) => pairs((en as Record<string, unknown> | undefined)?.[k], v, `${at}.${k}`));
}

/** The `{en, es}` pairs found anywhere in a parsed JSON document. */
function jsonPairs(value: unknown, at: string): [string, string | undefined, string][] {
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  const own = 'es' in o ? pairs(o.en, o.es, at) : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => (k === 'en' || k === 'es' ? [] : jsonPairs(v, `${at}.${k}`)))];
}

const problems = (list: [string, string | undefined, string][]) => list.flatMap(([at, en, es]) => rejectedWords(es, en).map((w) => `${at}: ${w}`));

describe('Spanish vocabulary', () => {
  it('the reports use the glossary words', () => {
    expect(problems([...pairs(PROGRESS_WORDS.en, PROGRESS_WORDS.es, 'progress'), ...pairs(REPORT_WORDS.en, REPORT_WORDS.es, 'report')])).toEqual([]);
  });

  it('built-in record types, report definitions and the demo program use the glossary words', () => {
    const files = [...filesUnder(join(ROOT, 'src/core/record-types/builtin'), ['.json']), ...filesUnder(join(ROOT, 'demo'), ['.json'])];
    expect(files.length).toBeGreaterThan(5);
    const list = files.flatMap((f) => jsonPairs(JSON.parse(readFileSync(f, 'utf8')), relative(ROOT, f)));
    expect(problems(list)).toEqual([]);
  });

  it('no source or demo text writes a rejected word where no English says otherwise', () => {
    const files = [...filesUnder(join(ROOT, 'src'), ['.ts', '.tsx']), ...filesUnder(join(ROOT, 'demo'), ['.csv', '.md'])].filter(
      (f) => !f.endsWith('glossary.ts') && !f.endsWith('schema.gen.ts'),
    );
    const found = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return REJECTED_SPANISH.filter((r) => r.word.test(text)).map((r) => `${relative(ROOT, f)}: ${text.match(r.word)?.[0]}`);
    });
    expect(found).toEqual([]);
  });
});
