import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type VigiaError } from '../../core/errors.js';
import { MAX_REFERENCE_TEXT, referenceCompleteness, type ReferenceSheet } from '../../core/reference-sheet.js';
import { PUBLIC_ACTOR } from '../access/actor.js';
import { indicatorHistory } from '../indicators/indicator-history.service.js';
import { readReferenceSheet } from '../indicators/indicator-reference.service.js';
import { loadProgramFolder } from './program-load.service.js';

const FIXTURE = 'test/fixtures/programs/mini';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'vigia-reference-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.destroy();
});

type Entry = Record<string, unknown> & { code: string };
const indicatorsFile = () => join(dir, 'indicators.json');
/** Rewrites the copy's indicators.json with `change` applied to the entry `code`. */
function editIndicator(code: string, change: (i: Entry) => void): void {
  const list = JSON.parse(readFileSync(indicatorsFile(), 'utf8')) as Entry[];
  change(list.find((i) => i.code === code)!);
  writeFileSync(indicatorsFile(), JSON.stringify(list, null, 2));
}
async function refused(p: Promise<unknown>): Promise<VigiaError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isVigiaError(e)) throw new Error(`expected a validation error, got ${String(e)}`);
  return e;
}
const indicatorId = async (code: string) => (await t.db.selectFrom('indicator').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe(`reference sheets from a program folder (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('stores the reference objects of indicators.json; a new indicator starts with no history', async () => {
    editIndicator('ERAD_HA', (i) => {
      i.reference = { definition: { en: 'Hectares eradicated', es: 'Hectáreas erradicadas' }, responsible_person: { name: 'CORAH' } };
    });
    await loadProgramFolder(t.db, dir);
    const s = await readReferenceSheet(t.db, PUBLIC_ACTOR, 'TP', 'ERAD_HA');
    expect(s.reference).toEqual({ definition: { en: 'Hectares eradicated', es: 'Hectáreas erradicadas' }, responsible_person: { name: 'CORAH' } });
    expect(s.history).toEqual([]);
    expect(s.last_updated).not.toBeNull();
    expect(s.completeness.missing).not.toContain('definition');
    expect(s.completeness.missing).toContain('sources');
  });

  it('refuses a reference text over 10,000 characters, an unknown field or a bad person, naming the file and field; nothing is stored', async () => {
    const before = await readReferenceSheet(t.db, PUBLIC_ACTOR, 'TP', 'ERAD_HA');
    const cases: [Record<string, unknown>, string][] = [
      [{ rationale: { en: 'x'.repeat(MAX_REFERENCE_TEXT + 1) } }, 'reference.rationale.en'],
      [{ definiton: { en: 'typo' } }, 'reference'],
      [{ notes: { fr: 'non' } }, 'reference.notes'],
      [{ responsible_person: { name: '' } }, 'reference.responsible_person'],
      [{ responsible_person: { user_id: 999_999 } }, 'reference.responsible_person.user_id'],
    ];
    for (const [reference, column] of cases) {
      editIndicator('ERAD_HA', (i) => {
        i.reference = reference;
      });
      const e = await refused(loadProgramFolder(t.db, dir));
      expect(e.kind).toBe('validation');
      expect(e.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'indicators.json', column: expect.stringContaining(column) })]));
    }
    expect(await readReferenceSheet(t.db, PUBLIC_ACTOR, 'TP', 'ERAD_HA')).toEqual(before);
  });

  it('a reload that changes a definition or a reference field records it with the reason "program folder loaded" and audits it', async () => {
    editIndicator('ERAD_HA', (i) => {
      i.reference = { definition: { en: 'Hectares of coca eradicated' } };
      i.unit = 'hectares';
      i.agg_time = 'latest';
    });
    const r = await loadProgramFolder(t.db, dir);
    expect(r.counts.indicators.updated).toBe(1);
    const history = await indicatorHistory(t.db, await indicatorId('ERAD_HA'));
    expect(history.map((h) => [h.field, h.before, h.after])).toEqual([
      ['definition', { en: 'Hectares eradicated', es: 'Hectáreas erradicadas' }, { en: 'Hectares of coca eradicated', es: 'Hectáreas erradicadas' }],
      ['unit', 'ha', 'hectares'],
      ['agg_time', 'sum', 'latest'],
    ]);
    expect(history.every((h) => h.reason === 'program folder loaded' && h.user_id === null && h.by.startsWith('folder load'))).toBe(true);
    // What the folder leaves out stays as it was.
    const s = await readReferenceSheet(t.db, PUBLIC_ACTOR, 'TP', 'ERAD_HA');
    expect(s.reference.responsible_person).toEqual({ name: 'CORAH' });
    expect(s.last_updated).toBe(history[0]!.at);
    const events = await t.db.selectFrom('audit_event').selectAll().where('entity', '=', 'indicator').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ code: 'ERAD_HA', unit: 'hectares', reason: 'program folder loaded' });
    // Loading the same folder again changes nothing and records nothing.
    await loadProgramFolder(t.db, dir);
    expect(await indicatorHistory(t.db, await indicatorId('ERAD_HA'))).toHaveLength(3);
    expect(await indicatorHistory(t.db, await indicatorId('COCA_HA'))).toEqual([]);
  });

  it('a source added to an indicator by a reload is in its history', async () => {
    editIndicator('ERAD_HA', (i) => {
      i.sources = ['GOV'];
    });
    await loadProgramFolder(t.db, dir);
    const last = (await indicatorHistory(t.db, await indicatorId('ERAD_HA'))).at(-1);
    expect(last).toMatchObject({ field: 'sources', before: [], after: ['GOV'], reason: 'program folder loaded' });
  });

  it('the Peru demo gives its key indicators a sheet in English and Spanish', async () => {
    const list = JSON.parse(readFileSync('demo/peru/indicators.json', 'utf8')) as {
      code: string;
      unit: string;
      sources: string[];
      origin: 'reported' | 'records' | 'formula';
      reference?: ReferenceSheet;
    }[];
    for (const code of ['COCA_HA', 'ERAD_HA', 'SEIZ_COCAINE_KG', 'SEIZ_PRECURSOR_T', 'COALITIONS_N']) {
      const i = list.find((x) => x.code === code)!;
      expect(i.reference, code).toBeDefined();
      const c = referenceCompleteness(i.reference!, i);
      expect(c.untranslated, code).toEqual([]);
      expect(c.missing, code).not.toContain('definition');
      expect(c.missing, code).not.toContain('sources');
      expect(c.filled, code).toBeGreaterThanOrEqual(8);
    }
  });
});
