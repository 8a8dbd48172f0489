import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../../test/helpers/record-indicators.js';
import { queryAnalytics } from '../../analytics/analytics.service.js';
import type { Actor } from '../../access/actor.js';
import { findFormat } from '../exchange-registry.js';
import type { ExportOptions, ImportOptions } from '../exchange-format.js';
import { readableOf } from '../upload-spool.js';

let t: TestDb;
let orgs: Map<string, number>;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
  orgs = new Map((await t.db.selectFrom('organisation').select(['code', 'id']).execute()).map((o) => [o.code, o.id]));
});
afterAll(() => t.destroy());

const CSV = [
  'ref,status,date,place,substance,quantity,quantity_unit,agency,case_reference,note',
  'S-1,approved,2012-01-10,R1D1,cocaine_base,1.5,t,DIRANDRO,EXP-1,',
  'S-2,approved,2012-02-11,R1D2,cocaine_hcl,800,kg,,,"=HYPERLINK(""x"")"',
].join('\n');

const run = (format: 'csv' | 'xlsx', data: string | Buffer, opts: Partial<ImportOptions> = {}) =>
  findFormat(format)!.import!(t.db, readableOf(data), { program: 'XX', dryRun: false, recordType: 'seizure', file: `seizure.${format}`, ...opts });

async function exported(format: 'csv' | 'xlsx', opts: Partial<ExportOptions> = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await findFormat(format)!.export!(t.db, out, { program: 'XX', recordType: 'seizure', ...opts });
  return Buffer.concat(chunks);
}

const total = async (indicator: string) =>
  (await queryAnalytics(t.db, { program: 'XX', indicators: [indicator] })).rows.reduce((s, r) => s + (r.value ?? 0), 0);

describe('record imports from spreadsheets', () => {
  it('imports seizures from CSV, rolls them up, and a second import changes nothing', async () => {
    expect(await run('csv', CSV, { dryRun: true })).toMatchObject({ rows: 2, inserted: 2, errors: [] });
    expect(await total('SEIZ_REC_N')).toBe(0);
    expect(await run('csv', CSV)).toMatchObject({ rows: 2, inserted: 2, updated: 0, errors: [] });
    expect(await total('SEIZ_REC_COCAINE_KG')).toBe(2300);
    expect(await run('csv', CSV)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('reports bad rows by row and field and writes nothing', async () => {
    const bad = `${CSV}\nS-3,approved,2012-03-01,NOWHERE,cocaine_base,lots,kg,,,`;
    const r = await run('csv', bad);
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'seizure.csv', row: 4, column: 'place' })]));
    expect(r.errors.some((e) => e.row === 4 && e.column === 'quantity')).toBe(true);
    expect(await total('SEIZ_REC_N')).toBe(2);
  });

  it('reports an unknown column', async () => {
    const r = await run('csv', CSV.replace('substance', 'sustancia'));
    expect(r.errors).toContainEqual(expect.objectContaining({ row: 1, column: 'sustancia' }));
  });

  it('exports to XLSX and CSV with formulas neutralised, and the XLSX imports back unchanged', async () => {
    const csv = (await exported('csv')).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await exported('xlsx');
    expect(await run('xlsx', xlsx)).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2, errors: [] });
  });

  it('holds a partner to its own drafts: approved records are locked', async () => {
    const partner: Actor = { userId: null, role: 'partner', organisationId: orgs.get('DIRANDRO') ?? null, clearance: 'official' };
    const r = await run('csv', CSV.replace('1.5,t', '2,t'), { actor: partner });
    expect(r.errors).toContainEqual(expect.objectContaining({ row: 2, column: 'ref', reason: expect.stringMatching(/approved and locked/) }));
    const fresh = 'ref,status,date,place,substance,quantity,quantity_unit\nP-1,approved,2012-05-01,R1D1,cocaine_base,10,kg';
    expect(await run('csv', fresh, { actor: partner })).toMatchObject({ inserted: 1, errors: [] });
    const stored = await t.db.selectFrom('record').select(['status', 'organisation_id']).where('ref', '=', 'P-1').executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'draft', organisation_id: orgs.get('DIRANDRO') });
  });

  it('exports approved records only, and no field above the clearance', async () => {
    const csv = (await exported('csv', { approvedOnly: true, maxSensitivity: 'public' })).toString('utf8');
    expect(csv).not.toContain('P-1');
    expect(csv).toContain('S-1');
    expect(csv.split('\n')[0]).not.toContain('case_reference');
  });
});
