/** Discussion threads over HTTP: under a submission, and under a warning on a value. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { IdParamSchema } from '../accounts/auth.schema.js';
import { kickDelivery } from '../notifications/mail-delivery.service.js';
import { noticesOf, type NotifyDeps } from '../notifications/notify-deps.js';
import { commentOnFlag, commentOnSubmission, flagThread, submissionThread } from './discussion.service.js';
import { CommentSchema, NewCommentSchema } from './discussion.schema.js';

/** The two routes of one kind of thread: list it, and add a comment to it. */
const threadRoutes = (path: '/api/submissions/{id}/comments' | '/api/value-flags/{id}/comments', tags: string[], of: string, who: string) => ({
  list: guarded('read_data', {
    method: 'get',
    path,
    tags,
    summary: `${of} discussion, oldest first`,
    request: { params: IdParamSchema },
    responses: { 200: jsonReply(z.object({ comments: z.array(CommentSchema) }), 'The thread') },
  }),
  post: guarded('read_data', {
    method: 'post',
    path,
    tags,
    summary: `Add a comment to ${of.toLowerCase()} discussion (${who})`,
    request: { params: IdParamSchema, ...jsonBody(NewCommentSchema) },
    responses: { 201: jsonReply(CommentSchema, 'Added') },
  }),
});

const submissionRoutes = threadRoutes('/api/submissions/{id}/comments', ['approvals'], "A submission's", "its organisation's partners and the officers");
const flagRoutes = threadRoutes(
  '/api/value-flags/{id}/comments',
  ['validation rules'],
  "A warning on a value's",
  "the value's organisation's partners and the officers",
);

export function registerDiscussionRoutes(app: OpenAPIHono<AppEnv>, deps: NotifyDeps): void {
  app.openapi(submissionRoutes.list, async (c) => c.json({ comments: await submissionThread(deps.db, c.get('actor'), c.req.valid('param').id) }, 200));
  app.openapi(submissionRoutes.post, async (c) => {
    const comment = await commentOnSubmission(deps.db, c.get('actor'), c.req.valid('param').id, c.req.valid('json').body, noticesOf(deps));
    kickDelivery(deps.db, deps.mail);
    return c.json(comment, 201);
  });
  app.openapi(flagRoutes.list, async (c) => c.json({ comments: await flagThread(deps.db, c.get('actor'), c.req.valid('param').id) }, 200));
  app.openapi(flagRoutes.post, async (c) => {
    const comment = await commentOnFlag(deps.db, c.get('actor'), c.req.valid('param').id, c.req.valid('json').body, noticesOf(deps));
    kickDelivery(deps.db, deps.mail);
    return c.json(comment, 201);
  });
}
