/**
 * Data exchange over HTTP. An upload (the raw file as the request body) becomes an import job:
 * a small file is checked and written before the answer (200 when accepted, 422 with the row
 * problems when rejected); a larger one answers 202 at once, runs in a worker thread and is
 * followed at `GET /api/jobs/{id}` (jobs are in the database: any server process answers). Imports are writes by the signed-in user, under the same rules as any
 * other write. Exports and templates are read within the caller's data scope.
 */
import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { notFound, validationError, VigiaError, type ErrorKind } from '../../core/errors.js';
import { parseDisagg } from '../../core/disagg.js';
import { dataScope } from '../access/policy.js';
import { assertReadableIndicators } from '../analytics/analytics-access.service.js';
import type { Actor } from '../access/actor.js';
import { findProgram } from '../catalog/catalog.repo.js';
import type { GroupBy } from '../analytics/analytics.service.js';
import { findFormat, formatNames } from './exchange-registry.js';
import type { ExchangeFormat, ExportOptions } from './exchange-format.js';
import { createJob, findJob, runJob, type ImportJob } from './import-jobs.js';
import { importInThread, threadDatabaseOptions } from './import-thread.js';
import { DatabaseBusyError } from '../../db/busy.js';
import type { ImportOptions } from './exchange-format.js';
import { readableOf } from './upload-spool.js';
import { refuseDeclaredBomb } from './zip-limits.js';
import { csvSink } from './spreadsheet/table-sink.js';
import { writeTemplate } from './spreadsheet/template.service.js';
import { systemClock } from '../../core/clock.js';
import {
  ExportQuerySchema,
  ImportJobSchema,
  ImportParamsSchema,
  ImportQuerySchema,
  JobParamsSchema,
  TemplateParamsSchema,
  TemplateQuerySchema,
} from './exchange.schema.js';

/** Uploads up to this size are imported before the answer; larger ones become background jobs. */
export const SYNC_IMPORT_BYTES = 1024 * 1024;
/** Most data rows one upload may hold. */
export const MAX_IMPORT_ROWS = 200_000;

const KINDS: readonly string[] = ['not_found', 'validation', 'forbidden', 'conflict', 'unauthorized', 'too_large'] satisfies ErrorKind[];
const binary = z.string().openapi({ format: 'binary' });
const jobReply = (description: string) => ({ content: { 'application/json': { schema: ImportJobSchema } }, description });
const file = (description: string) => ({ content: { 'application/octet-stream': { schema: binary } }, description });

const importRoute = guarded('write_data', {
  method: 'post',
  path: '/api/programs/{program}/imports/{format}',
  tags: ['exchange'],
  summary: 'Import a file (the raw request body), all-or-nothing',
  description: `Small files are imported before the answer; files over ${SYNC_IMPORT_BYTES} bytes answer 202 with a job to follow. At most ${MAX_IMPORT_ROWS} rows; the body is limited by VIGIA_MAX_BODY_BYTES. A partner's rows become drafts of its own organisation. csv/xlsx: send \`X-Expected-Rows: N\` (or end the file with a \`# rows: N\` row) and a file holding another number of data rows is refused, so that a truncated upload is not taken for a whole one. An XLSX/ZIP that expands past VIGIA_MAX_UNZIPPED_BYTES, holds more than VIGIA_MAX_ZIP_ENTRIES entries or compresses more than VIGIA_MAX_ZIP_RATIO times answers 413.`,
  request: {
    params: ImportParamsSchema,
    query: ImportQuerySchema,
    body: { content: { 'text/csv': { schema: z.string() }, 'application/octet-stream': { schema: binary } }, required: true },
  },
  responses: {
    200: jobReply('Imported (or, with dryRun, checked): the job with its report'),
    202: jobReply('A large file: the job, still running'),
    422: jobReply('Rejected: the job, whose report lists each problem (row, column, value, reason); nothing was written'),
  },
});

const jobRoute = guarded('write_data', {
  method: 'get',
  path: '/api/jobs/{id}',
  tags: ['exchange'],
  summary: 'An import job of yours: progress, then its report',
  request: { params: JobParamsSchema },
  responses: { 200: jobReply('The job') },
});

const jobErrorsRoute = guarded('write_data', {
  method: 'get',
  path: '/api/jobs/{id}/errors.csv',
  tags: ['exchange'],
  summary: 'The problems of a rejected import, as CSV (file, row, column, value, reason)',
  request: { params: JobParamsSchema },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The problems' } },
});

const exportRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/exports/{format}',
  tags: ['exchange'],
  summary: 'Export data values, the records of one type, or an analytics result',
  description:
    "Within the caller's scope: approved data only for analysts and partners (a partner also gets its own drafts of data values), never an indicator or field above the clearance.",
  request: { params: ImportParamsSchema, query: ExportQuerySchema },
  responses: { 200: file('The file') },
});

const templateRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/templates/{kind}',
  tags: ['exchange'],
  summary: 'A blank spreadsheet to fill in: data values of an indicator set, or records of one type',
  request: { params: TemplateParamsSchema, query: TemplateQuerySchema },
  responses: { 200: file('The template') },
});

/**
 * The format `name`, if it can do `needs` for `actor`. A format that does not apply per-user
 * rules itself (not `scoped`) is offered only to those the rules would not restrict.
 */
function requireFormat(name: string, needs: 'import' | 'export', actor: Actor): ExchangeFormat {
  const format = findFormat(name);
  if (!format?.[needs]) throw notFound(`no exchange format "${name}" that can ${needs} (known: ${formatNames().join(', ')})`);
  if (!format.scoped && !((actor.role === 'officer' || actor.role === 'admin') && actor.clearance === 'restricted')) {
    throw new VigiaError('forbidden', `over the API the ${name} format is for officers and administrators cleared for restricted data; use csv or xlsx`);
  }
  return format;
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function present(job: ImportJob) {
  const { userId: _user, ...rest } = job;
  return { ...rest, errorsUrl: job.report?.errors.length || job.error?.details.length ? `/api/jobs/${job.id}/errors.csv` : null };
}

/**
 * Streams what `write` produces. The answer starts only once the first bytes are there (or the
 * writer has finished), so that a bad request still gets its proper error status.
 */
async function streamed(write: (out: Writable) => Promise<void>): Promise<ReadableStream> {
  const out = new PassThrough();
  const done = write(out).then(
    () => {
      if (!out.writableEnded) out.end();
    },
    (e: unknown) => {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    },
  );
  await Promise.race([once(out, 'readable'), done]);
  // A failure after the first bytes can only cut the download short.
  done.catch(() => undefined);
  return Readable.toWeb(out) as ReadableStream;
}

const safeName = (s: string): string => s.replace(/[^\w.-]+/g, '_');

/** `X-Expected-Rows`: the data rows the upload must hold, so that a truncated file is refused. */
function expectedRowsHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d{1,9}\s*$/.test(value))
    throw validationError('X-Expected-Rows must be a whole number of rows', [{ column: 'X-Expected-Rows', value, reason: 'a whole number (0 to 999999999)' }]);
  return Number(value);
}

export function registerExchangeRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(importRoute, async (c) => {
    const { program, format: name } = c.req.valid('param');
    const q = c.req.valid('query');
    const format = requireFormat(name, 'import', c.get('actor'));
    await findProgram(deps.db, program);
    const actor = c.get('actor');
    const body = Buffer.from(await c.req.arrayBuffer());
    if (body.length === 0) throw validationError('the request body is empty: send the file itself', [{ reason: 'empty body' }]);
    const fileName = q.file ?? `upload.${format.extension}`;
    // A ZIP bomb is refused (413) on its central directory, before any job or parser.
    await refuseDeclaredBomb(body, fileName);
    const expectedRows = expectedRowsHeader(c.req.header('x-expected-rows'));
    const job = await createJob(deps.db, { userId: actor.userId, program, format: format.name, file: fileName, dryRun: q.dryRun === 'true' });
    const options: Omit<ImportOptions, 'onProgress'> = {
      program,
      dryRun: q.dryRun === 'true',
      recordType: q.type,
      actor,
      now: (deps.clock ?? systemClock)().toISOString(),
      file: fileName,
      maxRows: MAX_IMPORT_ROWS,
      expectedRows,
    };
    const large = body.length > SYNC_IMPORT_BYTES;
    // A large file is read, checked and written in a worker thread, off this event loop.
    const thread = large ? threadDatabaseOptions(deps.db) : undefined;
    const running = runJob(deps.db, job, (onProgress) =>
      thread ? importInThread(thread, format.name, body, options, onProgress) : format.import!(deps.db, readableOf(body), { ...options, onProgress }),
    );
    if (large) return c.json(present(job), 202);
    await running;
    if (job.status === 'failed' && job.error && job.error.error !== 'validation') {
      // Refusals that are not row problems (forbidden, locked, unknown record type) keep their
      // usual status; a busy database answers 503 like any other busy write.
      const kind = job.error.error as ErrorKind;
      if (job.error.error === 'busy') throw new DatabaseBusyError(job.error.message);
      throw KINDS.includes(kind) ? new VigiaError(kind, job.error.message, job.error.details) : new Error(job.error.message);
    }
    return c.json(present(job), job.status === 'done' ? 200 : 422);
  });

  app.openapi(jobRoute, async (c) => {
    const job = await findJob(deps.db, c.req.valid('param').id, c.get('actor').userId);
    if (!job) throw notFound('no such import job of yours');
    return c.json(present(job), 200);
  });

  app.openapi(jobErrorsRoute, async (c) => {
    const job = await findJob(deps.db, c.req.valid('param').id, c.get('actor').userId);
    if (!job) throw notFound('no such import job of yours');
    const issues = [...(job.report?.errors ?? []), ...(job.error?.details ?? [])];
    const stream = await streamed(async (out) => {
      const sink = csvSink(out);
      await sink.row(['file', 'row', 'column', 'value', 'reason']);
      for (const i of issues)
        await sink.row([i.file, i.row, i.column, i.value === undefined ? '' : typeof i.value === 'string' ? i.value : JSON.stringify(i.value), i.reason]);
      await sink.end();
    });
    return c.body(stream, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${safeName(job.file)}-errors.csv"` });
  });

  app.openapi(exportRoute, async (c) => {
    const { program, format: name } = c.req.valid('param');
    const q = c.req.valid('query');
    const format = requireFormat(name, 'export', c.get('actor'));
    await findProgram(deps.db, program);
    const scope = dataScope(c.get('actor'));
    const indicators = list(q.indicator);
    const options: ExportOptions = {
      program,
      recordType: q.type,
      lang: q.lang ?? 'en',
      approvedOnly: scope.approvedOnly || q.approved === 'true',
      ownOrganisationId: scope.ownOrganisationId,
      maxSensitivity: scope.maxSensitivity,
      ...(indicators.length
        ? {
            analytics: {
              indicators,
              by: list(q.by) as GroupBy[],
              source: q.source,
              place: q.place,
              zone: q.zone,
              from: q.from,
              to: q.to,
              ...(q.disagg ? { disagg: parseDisagg(q.disagg) } : {}),
            },
          }
        : {}),
    };
    // Decided before the first byte: an export that starts and then breaks would say the indicator exists.
    if (indicators.length) await assertReadableIndicators(deps.db, program, indicators, scope.maxSensitivity);
    const stream = await streamed((out) => format.export!(deps.db, out, options));
    const what = q.type ?? (indicators.length ? 'analytics' : 'values');
    return c.body(stream, 200, {
      'Content-Type': format.contentType,
      'Content-Disposition': `attachment; filename="${safeName(`${program}-${what}`)}.${format.extension}"`,
    });
  });

  app.openapi(templateRoute, async (c) => {
    const { program, kind } = c.req.valid('param');
    const q = c.req.valid('query');
    await findProgram(deps.db, program);
    const scope = dataScope(c.get('actor'));
    const stream = await streamed((out) =>
      writeTemplate(deps.db, out, kind, { program, recordType: q.type, indicators: list(q.indicators), maxSensitivity: scope.maxSensitivity }),
    );
    const type = kind === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return c.body(stream, 200, {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${safeName(`${program}-${q.type ?? 'values'}-template`)}.${kind}"`,
    });
  });
}
