/**
 * The demo's PIRS book, end to end on a real database: every indicator has a sheet in English
 * and Spanish, HTML and PDF; empty required fields are named; each baseline, target and actual
 * equals what the progress service (`vigia progress`) gives; every figure carries its query;
 * the last DQA's open actions are printed; and script in a reference field stays text.
 */
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { pdfText, squash } from '../../../test/helpers/pdf-text.js';
import { isVigiaError } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { progressAgainstTarget } from '../analytics/analytics.service.js';
import { lastDqas } from '../dqa/dqa-read.service.js';
import { createUser } from '../accounts/users.service.js';
import { actorOf } from '../access/actor.js';
import { changeReference } from '../indicators/indicator-reference.service.js';
import { escapeXml } from '../../core/xml-escape.js';
import { pirsBook } from './pirs-book.service.js';
import { parsePirsOptions, renderPirs } from './pirs-render.service.js';
import { PIRS_WORDS } from './pirs-words.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
}, 120_000);
afterAll(() => t.destroy());

const LANGS = ['en', 'es'] as const;
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the PIRS book of the Peru demo', () => {
  it('has a sheet per indicator, in framework order, with a table of contents, in both languages and formats', async () => {
    const catalog = await loadCatalog(t.db, 'PE', []);
    const book = await pirsBook(t.db, { program: 'PE' });
    const sheets = book.sections.flatMap((s) => s.sheets);
    expect(sheets.map((s) => s.sheet.indicator).sort()).toEqual([...catalog.indicators.keys()].sort());
    const missing = sheets.reduce((n, s) => n + s.sheet.completeness.missing.length, 0);
    expect(missing).toBeGreaterThan(0);
    for (const lang of LANGS) {
      const w = PIRS_WORDS[lang];
      const html = (await renderPirs(t.db, { program: 'PE', lang, format: 'html' })).body.toString('utf8');
      const pdf = await pdfText((await renderPirs(t.db, { program: 'PE', lang, format: 'pdf' })).body);
      expect(html).toContain(`<h2>${w.contents}</h2>`);
      const valid = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
      expect(valid.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
      for (const s of sheets) {
        const heading = `${s.sheet.indicator} — ${s.sheet.name[lang]}`;
        // Once in the contents, once as the sheet's heading.
        expect(html).toContain(`<h2>${escapeXml(heading)}</h2>`);
        expect(count(pdf, squash(heading))).toBeGreaterThanOrEqual(2);
      }
      // Every required field left empty is named as such, in HTML and in PDF.
      expect(count(html, `<em>${w.notYetDefined}</em>`)).toBe(missing);
      expect(count(pdf, w.notYetDefined)).toBe(missing);
      expect(pdf).toContain(w.changes);
    }
  }, 120_000);

  it('fills baseline, targets and latest actuals with what the progress service gives', async () => {
    const book = await pirsBook(t.db, { program: 'PE' });
    let checked = 0;
    for (const sheet of book.sections.flatMap((s) => s.sheets)) {
      for (const series of sheet.series) {
        for (const f of series.figures) {
          const p = await progressAgainstTarget(t.db, {
            program: 'PE',
            indicator: sheet.sheet.indicator,
            source: series.source || undefined,
            period: f.period,
            approvedOnly: true,
          });
          expect({ indicator: p.indicator, period: p.period, target: p.target }).toEqual({
            indicator: sheet.sheet.indicator,
            period: f.period,
            target: f.target,
          });
          // The book reads a year from one query grouped by year, progress from one over the year:
          // PostgreSQL may add the same values in another order, which can change the last bit.
          if (p.actual === null) expect(f.actual).toBeNull();
          else expect(f.actual).toBeCloseTo(p.actual, 6);
          if (f.baseline !== null) expect(p.baseline).toEqual({ period: f.period, value: f.baseline });
          checked++;
        }
        const last = series.figures.at(-1);
        if (last) {
          const p = await progressAgainstTarget(t.db, {
            program: 'PE',
            indicator: sheet.sheet.indicator,
            source: series.source || undefined,
            period: last.period,
            approvedOnly: true,
          });
          expect(series.baseline).toEqual(p.baseline);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    const erad = book.sections.flatMap((s) => s.sheets).find((s) => s.sheet.indicator === 'ERAD_HA')!;
    expect(erad.series[0]!.figures.map((f) => [f.period, f.kinds])).toEqual(
      expect.arrayContaining([
        ['2011', ['baseline']],
        ['2016', expect.arrayContaining(['target'])],
      ]),
    );
  }, 120_000);

  it('gives every figure its query: a data-query on each HTML cell, a footnote on each Markdown and PDF row', async () => {
    const book = await pirsBook(t.db, { program: 'PE' });
    const rows = book.sections.flatMap((s) => s.sheets.flatMap((sh) => sh.series.flatMap((x) => x.figures)));
    for (const lang of LANGS) {
      const html = (await renderPirs(t.db, { program: 'PE', lang, format: 'html' })).body.toString('utf8');
      const cells = html.match(/<td class="num"[^>]*>/g) ?? [];
      expect(cells.length).toBe(rows.length * 4);
      for (const c of cells) expect(c).toMatch(/data-query-indicator="[A-Z0-9_]+".*data-query-periods="\w+"/);
      const md = (await renderPirs(t.db, { program: 'PE', lang, format: 'md' })).body.toString('utf8');
      const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith(`| ${PIRS_WORDS[lang].period} |`));
      expect(tableRows.length).toBe(rows.length);
      for (const l of tableRows) expect(l).toMatch(/^\| [^|]+\[\^\d+\] \|/);
      const pdf = await pdfText((await renderPirs(t.db, { program: 'PE', lang, format: 'pdf' })).body);
      expect(pdf).toContain(`[${rows.length}] PE: indicator=`);
      expect(pdf).not.toContain(`[${rows.length + 1}] PE: indicator=`);
    }
  }, 120_000);

  it('prints the last DQA with its open actions', async () => {
    const catalog = await loadCatalog(t.db, 'PE', []);
    const dqas = await lastDqas(
      t.db,
      [...catalog.indicators.values()].map((i) => i.id),
    );
    const open = [...dqas.values()].flatMap((d) => d.open_actions);
    expect(open.length).toBeGreaterThan(0);
    for (const lang of LANGS) {
      const html = (await renderPirs(t.db, { program: 'PE', lang, format: 'html' })).body.toString('utf8');
      const pdf = await pdfText((await renderPirs(t.db, { program: 'PE', lang, format: 'pdf' })).body);
      for (const a of open) {
        expect(html).toContain(escapeXml(a.text));
        expect(pdf).toContain(squash(a.text));
      }
      for (const d of dqas.values()) expect(pdf).toContain(squash(PIRS_WORDS[lang].lastDqa(d.dqa.date, '')).replace(/\.$/, ''));
    }
  }, 120_000);

  it('makes one sheet, and refuses an unknown indicator or program, a bad language or format, naming the field', async () => {
    const one = (await renderPirs(t.db, { program: 'PE', indicator: 'ERAD_HA', lang: 'es', format: 'md' })).body.toString('utf8');
    expect(one).toContain('# Ficha de referencia del indicador de desempeño: ERAD\\_HA');
    expect(one).not.toContain('COCA\\_HA —');
    const columnOf = async (f: () => unknown) => {
      try {
        await f();
      } catch (e) {
        if (isVigiaError(e) && e.kind === 'validation') return e.details.map((d) => d.column);
        throw e;
      }
      return null;
    };
    expect(await columnOf(() => pirsBook(t.db, { program: 'PE', indicator: 'NOPE' }))).toEqual(['indicator']);
    expect(await columnOf(() => pirsBook(t.db, { program: 'XX' }))).toEqual(['program']);
    expect(await columnOf(() => parsePirsOptions('fr', 'pdf'))).toEqual(['lang']);
    expect(await columnOf(() => parsePirsOptions('en', 'docx'))).toEqual(['format']);
  });

  it('prints script in a reference field as inert text in HTML and PDF, and lists the change', async () => {
    const { user } = await createUser(t.db, { email: 'pirs-officer@example.org', name: 'PIRS Officer', role: 'officer' }, null);
    const hostile = '<script>alert("pirs")</script><img src=x onerror=alert(1)>';
    await changeReference(t.db, actorOf({ id: user.id, role: 'officer', organisation_id: null, clearance: 'official' }), 'PE', 'ERAD_HA', {
      reference: { notes: { en: hostile, es: hostile } },
      definition: {},
      reason: 'check <b>escaping</b>',
    });
    for (const lang of LANGS) {
      const html = (await renderPirs(t.db, { program: 'PE', indicator: 'ERAD_HA', lang, format: 'html', namesAuthors: true })).body.toString('utf8');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(&quot;pirs&quot;)&lt;/script&gt;');
      expect(html).toContain('check &lt;b&gt;escaping&lt;/b&gt;');
      const pdf = await pdfText((await renderPirs(t.db, { program: 'PE', indicator: 'ERAD_HA', lang, format: 'pdf', namesAuthors: true })).body);
      expect(pdf).toContain(squash(hostile));
      expect(pdf).toContain('PIRS Officer');
    }
  });
});
