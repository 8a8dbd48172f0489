/**
 * `upsertValues` binds its parameters into SQL text it builds itself (for bulk-load speed); this
 * checks it against the query-builder upsert it replaced, on the engine under test: the same
 * batches, applied through each to a program of its own, leave the same values (versions
 * included), the same fact rows and the same counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database, NewDataValue, Provenance, ValueStatus } from '../../db/schema.js';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram, type MiniProgram } from '../../../test/helpers/mini-program.js';
import { replaceFactsFromValues } from '../analytics/facts.repo.js';
import { upsertValues, type UpsertResult } from './values.repo.js';

/** The upsert as it was written with Kysely's query builder before the bulk-load work. */
async function referenceUpsert(db: Kysely<Database>, rows: readonly NewDataValue[]): Promise<UpsertResult> {
  const result: UpsertResult = { changedIds: [], insertedIds: [], inserted: 0, updated: 0 };
  for (let i = 0; i < rows.length; i += 2_000) {
    const returned = await db
      .insertInto('data_value')
      .values(rows.slice(i, i + 2_000))
      .onConflict((oc) =>
        oc
          .columns(['indicator_id', 'place_id', 'period', 'disagg', 'source'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            status: eb.ref('excluded.status'),
            provenance: eb.ref('excluded.provenance'),
            note: eb.ref('excluded.note'),
            organisation_id: eb.ref('excluded.organisation_id'),
            updated_at: eb.ref('excluded.updated_at'),
            version: eb('data_value.version', '+', 1),
          }))
          .where((eb) =>
            eb.or([
              eb('data_value.value', 'is distinct from', eb.ref('excluded.value')),
              eb('data_value.status', 'is distinct from', eb.ref('excluded.status')),
              eb('data_value.provenance', 'is distinct from', eb.ref('excluded.provenance')),
              eb('data_value.note', 'is distinct from', eb.ref('excluded.note')),
              eb('data_value.organisation_id', 'is distinct from', eb.ref('excluded.organisation_id')),
            ]),
          ),
      )
      .returning(['id', 'version'])
      .execute();
    for (const r of returned) {
      result.changedIds.push(r.id);
      if (r.version === 1) {
        result.inserted++;
        result.insertedIds.push(r.id);
      } else result.updated++;
    }
  }
  return result;
}

const PLACES = ['XX', 'R1', 'R1D1', 'R2D2'];
const INDICATORS = ['SUM_IND', 'SPLIT_IND', 'LATEST_IND'];

interface Cell {
  indicator: string;
  place: string;
  period: string;
  disagg: string;
  source: string;
  value: number;
  status: ValueStatus;
  provenance: Provenance;
  note: string | null;
  org: boolean;
}

const cell: fc.Arbitrary<Cell> = fc.record({
  indicator: fc.constantFrom(...INDICATORS),
  place: fc.constantFrom(...PLACES),
  period: fc.constantFrom('2012', '201207', '2012Q3'),
  disagg: fc.constantFrom('', 'kind=x'),
  source: fc.constantFrom('', 'A'),
  value: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, 1e9 + 0.25, -0)),
  status: fc.constantFrom<ValueStatus>('draft', 'submitted', 'approved', 'returned'),
  provenance: fc.constantFrom<Provenance>('sourced', 'derived', 'illustrative'),
  note: fc.constantFrom(null, '', 'a note', 'it\'s "quoted"'),
  org: fc.boolean(),
});
const keyOf = (c: Cell) => `${c.indicator}|${c.place}|${c.period}|${c.disagg}|${c.source}`;
// A batch never names one key twice (resolveValues refuses that before any write).
const batch = fc.uniqueArray(cell, { selector: keyOf, maxLength: 30 });

let t: TestDb;
let ours: MiniProgram;
let theirs: MiniProgram;
let orgId: number;
beforeAll(async () => {
  t = await createTestDb();
  ours = await createMiniProgram(t.db, 'OURS');
  theirs = await createMiniProgram(t.db, 'THEIRS');
  await t.db
    .insertInto('organisation')
    .values({ program_id: ours.programId, code: 'ORG', name_en: 'Org', name_es: 'Org', kind: 'government', country_code: null, iati_ref: null })
    .execute();
  orgId = (await t.db.selectFrom('organisation').select('id').where('code', '=', 'ORG').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.destroy());

function rowOf(p: MiniProgram, c: Cell, at: string): NewDataValue {
  return {
    indicator_id: p.indicatorIds[c.indicator]!,
    place_id: p.placeIds[c.place]!,
    period: c.period,
    start_date: `${c.period.slice(0, 4)}-01-01`,
    end_date: `${c.period.slice(0, 4)}-12-31`,
    disagg: c.disagg,
    source: c.source,
    value: c.value,
    organisation_id: c.org ? orgId : null,
    status: c.status,
    version: 1,
    provenance: c.provenance,
    note: c.note,
    updated_at: at,
  };
}

/** Values and facts of one program, by codes, without ids. */
async function contents(db: Kysely<Database>, programId: number) {
  const values = await db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .select([
      'i.code as indicator',
      'p.code as place',
      'v.period',
      'v.start_date',
      'v.end_date',
      'v.disagg',
      'v.source',
      'v.value',
      'v.organisation_id',
      'v.status',
      'v.version',
      'v.provenance',
      'v.note',
      'v.updated_at',
    ])
    .where('i.program_id', '=', programId)
    .orderBy('i.code')
    .orderBy('p.code')
    .orderBy('v.period')
    .orderBy('v.disagg')
    .orderBy('v.source')
    .execute();
  const facts = await db
    .selectFrom('fact as f')
    .innerJoin('indicator as i', 'i.id', 'f.indicator_id')
    .innerJoin('place as p', 'p.id', 'f.place_id')
    .select([
      'i.code as indicator',
      'p.code as place',
      'f.period',
      'f.disagg',
      'f.source',
      'f.start_date',
      'f.end_date',
      'f.value',
      'f.n',
      'f.value_approved',
      'f.n_approved',
      'f.n_derived',
      'f.n_illustrative',
    ])
    .where('i.program_id', '=', programId)
    .orderBy('i.code')
    .orderBy('p.code')
    .orderBy('f.period')
    .orderBy('f.disagg')
    .orderBy('f.source')
    .execute();
  // Ancestors are ids of each program's own places: compare them as codes.
  const ancestors = await db
    .selectFrom('fact as f')
    .innerJoin('indicator as i', 'i.id', 'f.indicator_id')
    .leftJoin('place as a1', 'a1.id', 'f.p1')
    .leftJoin('place as a2', 'a2.id', 'f.p2')
    .leftJoin('place as a3', 'a3.id', 'f.p3')
    .select(['a1.code as p1', 'a2.code as p2', 'a3.code as p3'])
    .where('i.program_id', '=', programId)
    .orderBy('i.code')
    .orderBy('f.place_id')
    .orderBy('f.period')
    .orderBy('f.disagg')
    .orderBy('f.source')
    .execute();
  return { values, facts, ancestors: ancestors.map((a) => [a.p1, a.p2, a.p3].join('>')).sort() };
}

describe('upsertValues (SQL text built once, parameters bound directly)', () => {
  it('leaves the same values, versions, facts and counts as the query-builder upsert', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        // Each run starts from empty programs.
        for (const p of [ours, theirs]) {
          const ids = Object.values(p.indicatorIds);
          await t.db.deleteFrom('fact').where('indicator_id', 'in', ids).execute();
          await t.db.deleteFrom('data_value').where('indicator_id', 'in', ids).execute();
        }
        for (const cells of batches) {
          const at = `2026-11-28T10:00:${String(round++ % 60).padStart(2, '0')}.000Z`;
          const [a, b] = await t.db.transaction().execute(async (trx) => {
            const a = await upsertValues(
              trx,
              cells.map((c) => rowOf(ours, c, at)),
            );
            await replaceFactsFromValues(trx, a.changedIds);
            const b = await referenceUpsert(
              trx,
              cells.map((c) => rowOf(theirs, c, at)),
            );
            await replaceFactsFromValues(trx, b.changedIds);
            return [a, b];
          });
          expect({ inserted: a.inserted, updated: a.updated, changed: a.changedIds.length }).toEqual({
            inserted: b.inserted,
            updated: b.updated,
            changed: b.changedIds.length,
          });
        }
        expect(await contents(t.db, ours.programId)).toEqual(await contents(t.db, theirs.programId));
      }),
      { numRuns: 40 },
    );
  });
});
