import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { IdParamSchema } from '../accounts/auth.schema.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { kickDelivery } from '../notifications/mail-delivery.service.js';
import { noticesOf, type NotifyDeps } from '../notifications/notify-deps.js';
import { decide, submissionValues, submit, visibleSubmission, visibleSubmissions, SUBMISSION_VALUES_LIMIT } from './approvals.service.js';
import {
  DecisionSchema,
  SubmissionListQuerySchema,
  SubmissionSchema,
  SubmissionSummarySchema,
  SubmissionValueSchema,
  SubmitSchema,
} from './approvals.schema.js';

const submitRoute = guarded('write_data', {
  method: 'post',
  path: '/api/programs/{program}/submissions',
  tags: ['approvals'],
  summary: "Submit an organisation's data of a period for review",
  request: { params: ProgramParamSchema, ...jsonBody(SubmitSchema) },
  responses: { 201: jsonReply(SubmissionSchema, 'Submitted') },
});
const listRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/submissions',
  tags: ['approvals'],
  summary: 'Submissions (a partner sees its own)',
  request: { params: ProgramParamSchema, query: SubmissionListQuerySchema },
  responses: { 200: jsonReply(z.object({ submissions: z.array(SubmissionSummarySchema) }), 'Submissions, newest first, with counts of what each covers') },
});
const valuesRoute = guarded('read_data', {
  method: 'get',
  path: '/api/submissions/{id}/values',
  tags: ['approvals'],
  summary: "The data values a submission covers (its organisation's, within its period)",
  description: `At most ${SUBMISSION_VALUES_LIMIT} values (then truncated is true); indicators above the reader's clearance are left out.`,
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(z.object({ values: z.array(SubmissionValueSchema), truncated: z.boolean() }), 'The values') },
});
const getRoute = guarded('read_data', {
  method: 'get',
  path: '/api/submissions/{id}',
  tags: ['approvals'],
  summary: 'One submission',
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(SubmissionSchema, 'The submission') },
});
const decisionRoute = (decision: 'approve' | 'return' | 'unlock', summary: string) =>
  guarded('approve', {
    method: 'post',
    path: `/api/submissions/{id}/${decision}`,
    tags: ['approvals'],
    summary,
    request: { params: IdParamSchema, ...jsonBody(DecisionSchema) },
    responses: { 200: jsonReply(SubmissionSchema, 'Decided'), 409: jsonReply(ErrorSchema, 'Not in a state for this decision, or a stale version') },
  });

export function registerApprovalRoutes(app: OpenAPIHono<AppEnv>, deps: NotifyDeps): void {
  app.openapi(submitRoute, async (c) => {
    const s = await submit(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json'), deps.clock, noticesOf(deps));
    kickDelivery(deps.db, deps.mail);
    return c.json(s, 201);
  });
  app.openapi(listRoute, async (c) => {
    const submissions = await visibleSubmissions(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('query'));
    return c.json({ submissions }, 200);
  });
  app.openapi(getRoute, async (c) => c.json(await visibleSubmission(deps.db, c.get('actor'), c.req.valid('param').id), 200));
  app.openapi(valuesRoute, async (c) => c.json(await submissionValues(deps.db, c.get('actor'), c.req.valid('param').id), 200));
  for (const [decision, summary] of [
    ['approve', 'Approve a submission: its data become approved and locked'],
    ['return', 'Return a submission to its organisation with a comment'],
    ['unlock', 'Unlock approved data (back to returned), with a comment'],
  ] as const) {
    app.openapi(decisionRoute(decision, summary), async (c) => {
      const s = await decide(deps.db, c.get('actor'), c.req.valid('param').id, decision, c.req.valid('json'), noticesOf(deps));
      kickDelivery(deps.db, deps.mail);
      return c.json(s, 200);
    });
  }
}
