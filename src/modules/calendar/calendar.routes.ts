/**
 * The reporting calendar over HTTP: whoever reads program data reads the calendar; officers and
 * administrators replace it (audited); the expected reports with their status, and completeness
 * and timeliness, live on the server's clock (a partner sees its own organisation's); officers
 * reopen a closed period for one organisation with a comment (audited).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { ErrorSchema } from '../../http/errors.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { systemClock } from '../../core/clock.js';
import { ProgramParamSchema } from '../../http/program-param.js';
import { CalendarQuerySchema, CalendarSchema, CompletenessSchema, ExpectedReportsSchema, ReopeningInputSchema, ReopeningSchema } from './calendar.schema.js';
import { getCalendar, listReopenings, reopenPeriod, saveCalendar } from './calendar.service.js';
import { completeness, expectedReports } from './expected-reports.service.js';

const tags = ['calendar'];

const getRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/calendar',
  tags,
  summary: 'The reporting calendar: which organisation reports what, how often, when it is due and when the period closes',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(CalendarSchema, 'The calendar') },
});
const putRoute = guarded('manage_framework', {
  method: 'put',
  path: '/api/programs/{program}/calendar',
  tags,
  summary: 'Replace the reporting calendar (audited)',
  request: { params: ProgramParamSchema, ...jsonBody(CalendarSchema) },
  responses: { 200: jsonReply(CalendarSchema, 'The calendar saved') },
});
const reportsRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/calendar/reports',
  tags,
  summary: 'The expected reports and their status today: not due yet, on time, late, missing (a partner: its own)',
  request: { params: ProgramParamSchema, query: CalendarQuerySchema },
  responses: { 200: jsonReply(ExpectedReportsSchema, 'Expected reports') },
});
const completenessRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/calendar/completeness',
  tags,
  summary: 'Completeness and timeliness per organisation × period and per period of the program (a partner: its own)',
  request: { params: ProgramParamSchema, query: CalendarQuerySchema },
  responses: { 200: jsonReply(CompletenessSchema, 'Completeness and timeliness') },
});
const reopeningsRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/calendar/reopenings',
  tags,
  summary: 'Closed periods reopened for an organisation (a partner: its own)',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ reopenings: z.array(ReopeningSchema) }), 'Reopenings') },
});
const reopenRoute = guarded('approve', {
  method: 'post',
  path: '/api/programs/{program}/calendar/reopenings',
  tags,
  summary: 'Reopen a closed period for one organisation, saying why (audited)',
  request: { params: ProgramParamSchema, ...jsonBody(ReopeningInputSchema) },
  responses: { 201: jsonReply(ReopeningSchema, 'Reopened'), 409: jsonReply(ErrorSchema, 'Not closed, or already reopened') },
});

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const clock = deps.clock ?? systemClock;
  app.openapi(getRoute, async (c) => c.json(await getCalendar(deps.db, c.req.valid('param').program), 200));
  app.openapi(putRoute, async (c) => c.json(await saveCalendar(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json')), 200));
  app.openapi(reportsRoute, async (c) =>
    c.json(await expectedReports(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('query'), clock), 200),
  );
  app.openapi(completenessRoute, async (c) =>
    c.json(await completeness(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('query'), clock), 200),
  );
  app.openapi(reopeningsRoute, async (c) => c.json({ reopenings: await listReopenings(deps.db, c.get('actor'), c.req.valid('param').program) }, 200));
  app.openapi(reopenRoute, async (c) => c.json(await reopenPeriod(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json'), clock), 201));
}
