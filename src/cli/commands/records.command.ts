/**
 * `vigia records list|add|import|export|types|rebuild`: the operational registers from the command line.
 * Every write goes through the records service, so indicator totals follow at once.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { readInputText } from '../input-file.js';
import { collect, resolveProgramCode } from '../analytics-options.js';
import { validationError } from '../../core/errors.js';
import { SENSITIVITIES, type Sensitivity } from '../../core/sensitivity.js';
import type { ValueStatus } from '../../db/schema.js';
import { isQuantity } from '../../core/record-types/validate.js';
import { createRecord, exportRecords, listRecords, rebuildRecordRollups } from '../../modules/records/records.service.js';
import type { RecordView } from '../../modules/records/record-view.js';
import { importRecords } from '../../modules/records/records-import.service.js';
import { parseRecordsCsv } from '../../modules/records/records-csv.js';
import { listRecordTypes, requireRecordType } from '../../modules/catalog/record-types.service.js';
import { openRecordScope } from '../../modules/records/record-scope.js';
import { RECORD_STATUSES } from '../../modules/records/record-prepare.js';

interface Common {
  program?: string;
  type: string;
  json?: boolean;
}

function clearanceOf(text: string | undefined): Sensitivity {
  const c = (text ?? 'restricted') as Sensitivity;
  if (!SENSITIVITIES.includes(c))
    throw validationError(`--clearance must be one of ${SENSITIVITIES.join(', ')}`, [{ column: 'clearance', value: text, reason: 'unknown clearance' }]);
  return c;
}

function statusOf(text: string | undefined): ValueStatus | undefined {
  if (text === undefined) return undefined;
  if (!RECORD_STATUSES.includes(text as ValueStatus))
    throw validationError(`--status must be one of ${RECORD_STATUSES.join(', ')}`, [{ column: 'status', value: text, reason: 'unknown status' }]);
  return text as ValueStatus;
}

/** `--field k=v` pairs (repeatable) merged over the `--data` JSON object. */
function fieldsOf(dataJson: string | undefined, pairs: readonly string[]): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  if (dataJson !== undefined) {
    try {
      const parsed: unknown = JSON.parse(dataJson);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      data = parsed as Record<string, unknown>;
    } catch (e) {
      throw validationError(`--data is not a JSON object: ${e instanceof Error ? e.message : String(e)}`, [
        { column: 'data', value: dataJson, reason: 'not a JSON object' },
      ]);
    }
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw validationError(`--field "${pair}" is not field=value`, [{ column: 'field', value: pair, reason: 'write field=value' }]);
    data[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return data;
}

function line(r: RecordView): string {
  const fields = Object.entries(r.data)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : isQuantity(v) ? `${v.amount} ${v.unit}` : String(v)}`)
    .join(' ');
  return `#${r.id} v${r.version} ${r.status.padEnd(9)} ${r.ref ?? '-'}  ${fields}`;
}

export function registerRecords(program: Command): void {
  const records = program
    .command('records')
    .description('Operational records (seizures, eradication operations, training events, …) that roll up into indicators');
  const common = (cmd: Command, typeRequired = true) =>
    (typeRequired ? cmd.requiredOption('--type <code>', 'record type, e.g. seizure') : cmd)
      .option('--program <code>', 'program code (default: the only program in the database)')
      .option('--json', 'print JSON for scripts');

  common(records.command('types').description('The record types of the program and their roll-ups'), false).action(
    action(async (opts: Omit<Common, 'type'>) => {
      await withDatabase(async ({ db }) => {
        const types = await listRecordTypes(db, await resolveProgramCode(db, opts.program));
        if (opts.json) return console.log(JSON.stringify(types));
        for (const t of types) {
          const active = t.rollups.filter((r) => r.active).map((r) => r.indicator);
          console.log(`${t.code.padEnd(26)} ${t.builtin ? 'built-in' : 'program '}  ${t.name.en} / ${t.name.es}`);
          console.log(`${''.padEnd(26)} rolls up into: ${active.length ? active.join(', ') : '(no indicator of this program)'}`);
        }
      });
    }),
  );

  common(
    records
      .command('rebuild')
      .description("Sum the indicators fed by records again from every record (after the program's indicators or record types changed)"),
    false,
  ).action(
    action(async (opts: Omit<Common, 'type'>) => {
      await withDatabase(async ({ db }) => {
        const n = await rebuildRecordRollups(db, await resolveProgramCode(db, opts.program), { system: 'cli records rebuild' });
        console.log(opts.json ? JSON.stringify({ records: n }) : `rebuilt the roll-ups of ${n} record(s)`);
      });
    }),
  );

  common(records.command('list').description('List records, newest last'))
    .option('--place <code>', 'a place and everything below it')
    .option('--from <date>', 'first date (YYYY-MM-DD)')
    .option('--to <date>', 'last date (YYYY-MM-DD)')
    .option('--status <status>', 'draft, submitted, approved or returned')
    .option('--limit <n>', 'records per page', '100')
    .option('--offset <n>', 'records to skip', '0')
    .option('--clearance <level>', 'show fields up to public, official or restricted', 'restricted')
    .action(
      action(async (opts: Common & { place?: string; from?: string; to?: string; status?: string; limit: string; offset: string; clearance?: string }) => {
        await withDatabase(async ({ db }) => {
          const result = await listRecords(db, await resolveProgramCode(db, opts.program), {
            type: opts.type,
            place: opts.place,
            from: opts.from,
            to: opts.to,
            status: statusOf(opts.status),
            limit: Number(opts.limit),
            offset: Number(opts.offset),
            clearance: clearanceOf(opts.clearance),
          });
          if (opts.json) return console.log(JSON.stringify(result));
          for (const r of result.items) console.log(line(r));
          console.log(`${result.items.length} of ${result.total} record(s)`);
        });
      }),
    );

  common(records.command('add').description('Add one record: --data \'{"quantity":"1250 lb",…}\' and/or --field quantity="1250 lb"'))
    .option('--data <json>', 'the fields as a JSON object')
    .option('--field <field=value>', 'one field (repeatable; lists as JSON text)', collect, [])
    .option('--ref <ref>', 'your own key for the record, unique per type')
    .option('--status <status>', 'draft (default), submitted, approved or returned')
    .option('--provenance <kind>', 'sourced (default), derived or illustrative')
    .option('--note <text>', 'a note')
    .action(
      action(
        async (
          opts: Common & { data?: string; field: string[]; ref?: string; status?: string; provenance?: 'sourced' | 'derived' | 'illustrative'; note?: string },
        ) => {
          await withDatabase(async ({ db }) => {
            const r = await createRecord(
              db,
              await resolveProgramCode(db, opts.program),
              opts.type,
              {
                data: fieldsOf(opts.data, opts.field),
                ref: opts.ref,
                status: statusOf(opts.status),
                provenance: opts.provenance,
                note: opts.note,
              },
              { system: 'cli records add' },
            );
            console.log(opts.json ? JSON.stringify(r) : `added ${opts.type} record #${r.id}`);
          });
        },
      ),
    );

  common(
    records
      .command('import')
      .description('Import records from a CSV file (all-or-nothing; rows with a known ref update their record)')
      .argument('<file>', 'CSV file'),
  )
    .option('--dry-run', 'check everything and report what would change, writing nothing')
    .option('--status <status>', 'status of rows that do not give one (default draft)')
    .action(
      action(async (file: string, opts: Common & { dryRun?: boolean; status?: string }) => {
        const text = await readInputText(file, 'the records file');
        await withDatabase(async ({ db }) => {
          const programCode = await resolveProgramCode(db, opts.program);
          const type = requireRecordType((await openRecordScope(db, programCode)).types, opts.type);
          const name = basename(file);
          const parsed = await parseRecordsCsv(text, name, type.definition, { defaultStatus: statusOf(opts.status) });
          if (parsed.issues.length) throw validationError(`${name} cannot be read; nothing was imported`, parsed.issues);
          const r = await importRecords(db, programCode, opts.type, parsed.inputs, {
            dryRun: opts.dryRun,
            file: name,
            rows: parsed.rows,
            columns: parsed.columns,
            writer: { system: 'cli records import', file: name },
          });
          if (opts.json) return console.log(JSON.stringify(r));
          console.log(
            `${r.dryRun ? 'dry run: would import' : 'imported'} ${r.total} ${r.type} record(s): ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged`,
          );
        });
      }),
    );

  common(records.command('export').description('Export the records of one type as CSV (the import format)'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--clearance <level>', 'include fields up to public, official or restricted', 'restricted')
    .action(
      action(async (opts: Common & { out?: string; clearance?: string }) => {
        await withDatabase(async ({ db }) => {
          const csv = await exportRecords(db, await resolveProgramCode(db, opts.program), opts.type, clearanceOf(opts.clearance));
          if (opts.out) {
            await writeFile(opts.out, csv);
            if (opts.json) console.log(JSON.stringify({ file: opts.out, rows: Math.max(0, csv.split('\n').length - 2) }));
          } else process.stdout.write(csv);
        });
      }),
    );
}
