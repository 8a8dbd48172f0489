/** A submission's discussion thread over HTTP, under the submission. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { IdParamSchema } from '../accounts/auth.schema.js';
import { kickDelivery } from '../notifications/mail-delivery.service.js';
import { noticesOf, type NotifyDeps } from '../notifications/notify-deps.js';
import { commentOnSubmission, submissionThread } from './discussion.service.js';
import { CommentSchema, NewCommentSchema } from './discussion.schema.js';

const listRoute = guarded('read_data', {
  method: 'get',
  path: '/api/submissions/{id}/comments',
  tags: ['approvals'],
  summary: "A submission's discussion, oldest first",
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(z.object({ comments: z.array(CommentSchema) }), 'The thread') },
});
const postRoute = guarded('read_data', {
  method: 'post',
  path: '/api/submissions/{id}/comments',
  tags: ['approvals'],
  summary: "Add a comment to a submission's discussion (its organisation's partners and the officers)",
  request: { params: IdParamSchema, ...jsonBody(NewCommentSchema) },
  responses: { 201: jsonReply(CommentSchema, 'Added') },
});

export function registerDiscussionRoutes(app: OpenAPIHono<AppEnv>, deps: NotifyDeps): void {
  app.openapi(listRoute, async (c) => c.json({ comments: await submissionThread(deps.db, c.get('actor'), c.req.valid('param').id) }, 200));
  app.openapi(postRoute, async (c) => {
    const comment = await commentOnSubmission(deps.db, c.get('actor'), c.req.valid('param').id, c.req.valid('json').body, noticesOf(deps));
    kickDelivery(deps.db, deps.mail);
    return c.json(comment, 201);
  });
}
