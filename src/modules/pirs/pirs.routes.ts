/**
 * The PIRS over HTTP: the same bytes as `vigia report pirs`, for signed-in readers (the sheet
 * prints DQAs and who changed what, which the DQA routes keep from the public). Readers get the
 * indicators their clearance allows; the figures are approved data only, for everyone.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { dataScope } from '../access/policy.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { renderPirs } from './pirs-render.service.js';
import { PirsQuerySchema } from './pirs.schema.js';

const route = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/pirs',
  tags: ['reports'],
  summary: "The Performance Indicator Reference Sheets: the program's book, or one indicator's sheet",
  description:
    'Markdown, HTML or PDF, English or Spanish: every reference field (empty required ones named "not yet defined"), completeness, baseline, targets and latest actuals from the approved data with the query behind each, the last DQA with its open actions, and the changes to the indicator. `X-Vigia-Data-Version` says which data version it was made from.',
  request: { params: ProgramParamSchema, query: PirsQuerySchema },
  responses: {
    200: {
      content: {
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
      },
      description: 'The book or sheet, with a file name',
    },
  },
});

export function registerPirsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(route, async (c) => {
    const { program } = c.req.valid('param');
    const q = c.req.valid('query');
    const actor = c.get('actor');
    const { maxSensitivity } = dataScope(actor);
    const r = await renderPirs(deps.db, {
      program,
      indicator: q.indicator,
      lang: q.lang,
      format: q.format,
      maxSensitivity,
      namesAuthors: actor.userId !== null,
    });
    return c.body(new Uint8Array(r.body), 200, {
      'Content-Type': r.contentType,
      'Content-Disposition': `attachment; filename="${r.fileName}"`,
      'X-Vigia-Data-Version': String(r.dataVersion),
    });
  });
}
