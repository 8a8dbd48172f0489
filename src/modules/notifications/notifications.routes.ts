/** The inbox (each user's own notifications) and, for administrators, the e-mail outbox. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { kickDelivery } from './mail-delivery.service.js';
import type { NotifyDeps } from './notify-deps.js';
import { markMineRead, myNotifications, outboxMessages, retryFailedMail } from './notifications.service.js';
import {
  MarkedSchema,
  MarkReadSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  OutboxMessageSchema,
  OutboxQuerySchema,
} from './notifications.schema.js';

const listRoute = guarded('own_account', {
  method: 'get',
  path: '/api/notifications',
  tags: ['notifications'],
  summary: 'My notifications, newest first, with how many are unread',
  request: { query: NotificationListQuerySchema },
  responses: { 200: jsonReply(NotificationListSchema, 'My notifications') },
});
const readRoute = guarded('own_account', {
  method: 'post',
  path: '/api/notifications/read',
  tags: ['notifications'],
  summary: 'Mark one of my notifications, or all of them, read',
  request: jsonBody(MarkReadSchema),
  responses: { 200: jsonReply(MarkedSchema, 'How many were marked, and how many stay unread') },
});
const outboxRoute = guarded('manage_users', {
  method: 'get',
  path: '/api/mail-outbox',
  tags: ['notifications'],
  summary: 'E-mails that failed or wait for another attempt (or of another status)',
  request: { query: OutboxQuerySchema },
  responses: { 200: jsonReply(z.object({ messages: z.array(OutboxMessageSchema) }), 'The messages, newest first') },
});
const retryRoute = guarded('manage_users', {
  method: 'post',
  path: '/api/mail-outbox/retry',
  tags: ['notifications'],
  summary: 'Put the failed e-mails back in line and try them again',
  responses: { 200: jsonReply(z.object({ requeued: z.number().int() }), 'How many were put back') },
});

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>, deps: NotifyDeps): void {
  app.openapi(listRoute, async (c) => c.json(await myNotifications(deps.db, c.get('actor'), c.req.valid('query')), 200));
  app.openapi(readRoute, async (c) => c.json(await markMineRead(deps.db, c.get('actor'), c.req.valid('json')), 200));
  app.openapi(outboxRoute, async (c) => c.json({ messages: await outboxMessages(deps.db, c.get('actor'), c.req.valid('query')) }, 200));
  app.openapi(retryRoute, async (c) => {
    const requeued = await retryFailedMail(deps.db, c.get('actor'));
    kickDelivery(deps.db, deps.mail);
    return c.json({ requeued }, 200);
  });
}
