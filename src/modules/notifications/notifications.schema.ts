/** The shapes of the inbox and outbox API: a user's notifications, marking read, the e-mail outbox. */
import { z } from '@hono/zod-openapi';

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['submitted', 'approved', 'returned', 'unlocked', 'comment', 'flag_comment', 'warning', 'due_soon', 'overdue']),
    program_id: z.number().int().nullable(),
    submission_id: z.number().int().nullable(),
    title: z.string().openapi({ description: "The notification in one line, in the reader's language" }),
    params: z
      .object({
        program: z.string(),
        organisation: z.string(),
        period: z.string(),
        comment: z.string().nullable().optional(),
        by: z.string().nullable().optional(),
        due: z.string().nullable().optional(),
      })
      .openapi({ description: 'What the notification names, for the web app to word itself' }),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .openapi('Notification');

export const NotificationListQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only unread notifications' }),
  lang: z.enum(['en', 'es']).optional().openapi({ description: "The titles' language; by default the reader's own, else English" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const NotificationListSchema = z
  .object({ unread: z.number().int().openapi({ description: 'How many of your notifications are unread' }), notifications: z.array(NotificationSchema) })
  .openapi('NotificationList');

export const MarkReadSchema = z
  .object({
    id: z.number().int().positive().optional().openapi({ description: 'One of your notifications' }),
    all: z.literal(true).optional().openapi({ description: 'Every notification of yours' }),
  })
  .strict()
  .refine((b) => (b.id === undefined) !== (b.all === undefined), { message: 'give either id or all: true' })
  .openapi('MarkRead');

export const MarkedSchema = z.object({ marked: z.number().int(), unread: z.number().int() }).openapi('Marked');

export const MailStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed']);

export const OutboxQuerySchema = z.object({
  status: z
    .enum(['troubled', 'pending', 'sending', 'sent', 'failed'])
    .default('troubled')
    .openapi({ description: '`troubled` (the default): failed, or waiting for another attempt after a failed one' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OutboxMessageSchema = z
  .object({
    id: z.number().int(),
    notification_id: z.number().int().nullable(),
    to_address: z.string(),
    subject: z.string(),
    status: MailStatusSchema,
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string(),
    created_at: z.string(),
    sent_at: z.string().nullable(),
  })
  .openapi('OutboxMessage');
