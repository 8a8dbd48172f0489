/**
 * Data of two partner organisations in every workflow status, planted into the access fixture
 * (access-fixture.ts) with markers that give away which of them an answer contains, for the
 * read-scope, existence-oracle and access-matrix tests:
 *
 * - each value is a distinct power of two times 2^16, so any number in an answer that is a
 *   multiple of 2^16 — one value or a sum of several — names exactly the planted values in it;
 * - each seizure record has a `ref` and a restricted `case_reference` that appear nowhere else,
 *   and a quantity that is a distinct power of two (kg) between 2^8 and 2^15, so roll-up totals
 *   of SEIZ_REC_COCAINE_KG name the records in them;
 * - submissions of both organisations, submitted, returned and approved.
 *
 * Who may see which is computed from `dataScope` (the policy), never restated here.
 */
import type { Db } from '../../src/db/database.js';
import type { Clearance } from '../../src/db/schema-accounts.js';
import type { ValueStatus } from '../../src/db/schema.js';
import { actorOf, PUBLIC_ACTOR, type Actor } from '../../src/modules/access/actor.js';
import { dataScope } from '../../src/modules/access/policy.js';
import { withinClearance } from '../../src/core/sensitivity.js';
import { seesRow } from '../../src/modules/access/visible-data.repo.js';
import { writeValues } from '../../src/modules/values/values.service.js';
import { createRecord } from '../../src/modules/records/records.service.js';
import { insertSubmission } from '../../src/modules/approvals/approvals.repo.js';
import { parsePeriod } from '../../src/core/periods.js';
import { USERS, type UserKey } from './access-fixture.js';

export const STATUSES: readonly ValueStatus[] = ['draft', 'submitted', 'returned', 'approved'];
export const ORGS = ['ORG_A', 'ORG_B'] as const;
export type Org = (typeof ORGS)[number];

/** Values are multiples of this; records' quantities are below it. */
export const VALUE_UNIT = 2 ** 16;
export const RECORD_UNIT = 2 ** 8;

export interface PlantedValue {
  bit: number;
  indicator: string;
  sensitivity: Clearance;
  place: string;
  period: string;
  org: Org;
  organisationId: number;
  status: ValueStatus;
  value: number;
  start: string;
  end: string;
}

export interface PlantedRecord {
  bit: number;
  id: number;
  ref: string;
  caseReference: string;
  org: Org;
  organisationId: number;
  status: ValueStatus;
  kg: number;
  date: string;
}

export interface PlantedSubmission {
  id: number;
  org: Org;
  organisationId: number;
  status: 'submitted' | 'returned' | 'approved';
  period: string;
  start: string;
  end: string;
}

export interface Planted {
  values: PlantedValue[];
  records: PlantedRecord[];
  submissions: PlantedSubmission[];
  /** Warnings on planted values (the second program's: one on its submitted value). */
  flags?: number[];
}

const CELLS = [
  ['R1D1', '2013Q1'],
  ['R1D2', '2013Q1'],
  ['R2D1', '2013Q1'],
  ['R2D2', '2013Q1'],
  ['R1D1', '2013Q2'],
  ['R1D2', '2013Q2'],
  ['R2D1', '2013Q2'],
  ['R2D2', '2013Q2'],
] as const;

/** Plants the values, records and submissions (writes as the system: no actor, every status allowed). */
export async function plantData(db: Db, orgIds: Record<string, number>): Promise<Planted> {
  const values: PlantedValue[] = [];
  let bit = 0;
  const add = (indicator: string, sensitivity: Clearance, org: Org, status: ValueStatus, cell: readonly [string, string]) => {
    const period = parsePeriod(cell[1]);
    values.push({
      bit,
      indicator,
      sensitivity,
      place: cell[0],
      period: cell[1],
      org,
      organisationId: orgIds[org]!,
      status,
      value: 2 ** bit * VALUE_UNIT,
      start: period.start,
      end: period.end,
    });
    bit += 1;
  };
  for (const [indicator, sensitivity] of [
    ['SUM_IND', 'public'],
    ['LATEST_IND', 'official'],
  ] as const) {
    let cell = 0;
    for (const org of ORGS) for (const status of STATUSES) add(indicator, sensitivity, org, status, CELLS[cell++]!);
  }
  add('SECRET_IND', 'restricted', 'ORG_A', 'approved', CELLS[0]);
  add('SECRET_IND', 'restricted', 'ORG_A', 'draft', CELLS[1]);
  await writeValues(
    db,
    'XX',
    values.map((v) => ({
      indicator: v.indicator,
      place: v.place,
      period: v.period,
      value: v.value,
      status: v.status,
      organisation: v.org,
      ...(v.indicator === 'SUM_IND' ? { source: 'A' } : {}),
    })),
  );

  const records: PlantedRecord[] = [];
  let rbit = 0;
  for (const org of ORGS) {
    for (const status of STATUSES) {
      const tag = `${org}-${status}`.replace('_', '');
      const kg = 2 ** rbit * RECORD_UNIT;
      const ref = `RSREF-${tag}`;
      const caseReference = `RSCASE-${tag}`;
      const created = await createRecord(db, 'XX', 'seizure', {
        ref,
        status,
        data: {
          date: '2013-02-10',
          place: 'R1D1',
          substance: 'cocaine_base',
          quantity: { amount: kg, unit: 'kg' },
          agency: org,
          latitude: -9.1,
          longitude: -75.2,
          case_reference: caseReference,
        },
      });
      records.push({ bit: rbit, id: created.id, ref, caseReference, org, organisationId: orgIds[org]!, status, kg, date: '2013-02-10' });
      rbit += 1;
    }
  }

  const submissions: PlantedSubmission[] = [];
  const { id: programId } = await db.selectFrom('program').select('id').where('code', '=', 'XX').executeTakeFirstOrThrow();
  for (const org of ORGS) {
    for (const [status, periodId] of [
      ['submitted', '2013'],
      ['returned', '2013Q2'],
      ['approved', '2013Q1'],
    ] as const) {
      const period = parsePeriod(periodId);
      const s = await insertSubmission(db, {
        programId,
        organisationId: orgIds[org]!,
        period: period.id,
        start: period.start,
        end: period.end,
        userId: null,
        at: new Date().toISOString(),
      });
      await db.updateTable('submission').set({ status }).where('id', '=', s.id).execute();
      submissions.push({ id: s.id, org, organisationId: orgIds[org]!, status, period: period.id, start: period.start, end: period.end });
    }
  }
  return { values, records, submissions };
}

/** The readers of the matrix: signed out, and one fixture user per role and clearance. */
export type Reader = 'public' | UserKey;
export const READERS: readonly Reader[] = ['public', 'analyst', 'cleared', 'partnerA', 'partnerB', 'officer', 'admin'];

/** Each reader as the policy knows it (read from the database, as the app does). */
export async function readerActors(db: Db): Promise<Record<Reader, Actor>> {
  const out = { public: PUBLIC_ACTOR } as Record<Reader, Actor>;
  for (const who of READERS) {
    if (who === 'public') continue;
    const u = await db.selectFrom('app_user').select(['id', 'role', 'organisation_id', 'clearance']).where('email', '=', USERS[who]).executeTakeFirstOrThrow();
    out[who] = actorOf({ id: u.id, role: u.role, organisation_id: u.organisation_id, clearance: u.clearance } as Parameters<typeof actorOf>[0]);
  }
  return out;
}

/** May `actor` see this planted value, by the policy (`dataScope`)? */
export function seesValue(actor: Actor, v: PlantedValue): boolean {
  const scope = dataScope(actor);
  return withinClearance(v.sensitivity, scope.maxSensitivity) && seesRow(scope, { status: v.status, organisation_id: v.organisationId });
}

/** May `actor` see this planted record (its row; fields are stripped by clearance)? */
export function seesRecord(actor: Actor, r: PlantedRecord): boolean {
  return seesRow(dataScope(actor), { status: r.status, organisation_id: r.organisationId });
}

/** May `actor` see this planted submission? */
export function seesSubmission(actor: Actor, s: PlantedSubmission): boolean {
  return seesRow(dataScope(actor), { status: s.status, organisation_id: s.organisationId });
}

/** Every number in a text (JSON, CSV, Markdown), thousands separators removed. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/gi)].map((m) => Number(m[0].replace(/,/g, ''))).filter(Number.isFinite);
}

/** The planted values a number is made of (a multiple of VALUE_UNIT whose bits are planted ones), or []. */
export function valueBitsOf(n: number, planted: readonly PlantedValue[]): number[] {
  if (n < VALUE_UNIT || n % VALUE_UNIT !== 0 || n >= 2 ** planted.length * VALUE_UNIT) return [];
  const q = n / VALUE_UNIT;
  return planted.filter((v) => Math.floor(q / 2 ** v.bit) % 2 === 1).map((v) => v.bit);
}

/** The planted records a roll-up total is made of, or [] when the number is not such a total. */
export function recordBitsOf(n: number, planted: readonly PlantedRecord[]): number[] {
  if (n < RECORD_UNIT || n % RECORD_UNIT !== 0 || n >= 2 ** planted.length * RECORD_UNIT) return [];
  const q = n / RECORD_UNIT;
  return planted.filter((r) => r.bit >= 0 && Math.floor(q / 2 ** r.bit) % 2 === 1).map((r) => r.bit);
}

/**
 * A second program (YY, a mini program) with data of its own organisation in every status: an
 * approved public value anyone may read, and unapproved values and records only its members
 * may; a submitted submission of its organisation and an open warning on its submitted value.
 * Users created before it are not its members (they read it as the public does). Value bits
 * continue after `planted`'s; the records carry refs (their quantities are not markers).
 */
export async function plantSecondProgram(db: Db, planted: Planted): Promise<Planted> {
  const { createMiniProgram } = await import('./mini-program.js');
  const { addRecordIndicators, indicatorsFor } = await import('./record-indicators.js');
  const { BUILTIN_RECORD_TYPES } = await import('../../src/core/record-types/builtin/index.js');
  const mini = await createMiniProgram(db, 'YY');
  await addRecordIndicators(db, mini.programId, indicatorsFor([BUILTIN_RECORD_TYPES.get('seizure')!]), ['YORG']);
  const { id: orgId } = await db
    .selectFrom('organisation')
    .select('id')
    .where('program_id', '=', mini.programId)
    .where('code', '=', 'YORG')
    .executeTakeFirstOrThrow();
  let bit = Math.max(...planted.values.map((v) => v.bit)) + 1;
  const values: PlantedValue[] = [];
  for (const [i, status] of STATUSES.entries()) {
    const cell = CELLS[i]!;
    const period = parsePeriod(cell[1]);
    values.push({
      bit,
      indicator: 'SUM_IND',
      sensitivity: 'public',
      place: cell[0],
      period: cell[1],
      org: 'YORG' as Org,
      organisationId: orgId,
      status,
      value: 2 ** bit * VALUE_UNIT,
      start: period.start,
      end: period.end,
    });
    bit += 1;
  }
  await writeValues(
    db,
    'YY',
    values.map((v) => ({ indicator: v.indicator, place: v.place, period: v.period, value: v.value, status: v.status, organisation: 'YORG', source: 'A' })),
  );
  const records: PlantedRecord[] = [];
  for (const status of STATUSES) {
    const ref = `RSREF-YORG-${status}`;
    const caseReference = `RSCASE-YORG-${status}`;
    const created = await createRecord(db, 'YY', 'seizure', {
      ref,
      status,
      data: {
        date: '2013-02-10',
        place: 'R1D1',
        substance: 'marijuana',
        quantity: { amount: 1, unit: 'kg' },
        agency: 'YORG',
        latitude: -9.1,
        longitude: -75.2,
        case_reference: caseReference,
      },
    });
    records.push({ bit: -1, id: created.id, ref, caseReference, org: 'YORG' as Org, organisationId: orgId, status, kg: 1, date: '2013-02-10' });
  }
  const period = parsePeriod('2013');
  const s = await insertSubmission(db, {
    programId: mini.programId,
    organisationId: orgId,
    period: period.id,
    start: period.start,
    end: period.end,
    userId: null,
    at: new Date().toISOString(),
  });
  const submissions: PlantedSubmission[] = [
    { id: s.id, org: 'YORG' as Org, organisationId: orgId, status: 'submitted', period: period.id, start: period.start, end: period.end },
  ];
  const submitted = values.find((v) => v.status === 'submitted')!;
  const { id: valueId } = await db
    .selectFrom('data_value')
    .select('id')
    .where('indicator_id', '=', mini.indicatorIds.SUM_IND!)
    .where('period', '=', submitted.period)
    .where('value', '=', submitted.value)
    .executeTakeFirstOrThrow();
  const flag = await db
    .insertInto('value_flag')
    .values({
      value_id: valueId,
      rule_code: 'PLANTED',
      kind: 'range',
      value: submitted.value,
      expected: '{}',
      message: 'planted',
      created_at: new Date().toISOString(),
      acknowledged_by: null,
      acknowledged_at: null,
      comment: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { values, records, submissions, flags: [flag.id] };
}
