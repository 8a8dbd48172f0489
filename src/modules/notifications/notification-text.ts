/**
 * What a notification says, in English and Spanish: one subject line (the inbox title and the
 * e-mail subject) and a body, from the notification's kind and what it names. The inbox and
 * the e-mail read the same words.
 */
import type { Language } from '../../core/languages.js';
import type { NotificationKind } from '../../db/schema-notifications.js';

/** What a message names; saved with the notification as JSON. */
export interface NoticeParams {
  program: string;
  organisation: string;
  period: string;
  /** The decision's comment, the discussion comment or the warning's message, when there is one. */
  comment?: string | null;
  /** Who wrote the comment or made the decision. */
  by?: string | null;
  /** The due date (YYYY-MM-DD) of a reminder. */
  due?: string | null;
}

type Subject = (p: NoticeParams) => string;

const SUBJECTS: Record<Language, Record<NotificationKind, Subject>> = {
  en: {
    submitted: (p) => `Vigia: ${p.organisation} submitted ${p.period} for review`,
    approved: (p) => `Vigia: your data for ${p.period} were approved`,
    returned: (p) => `Vigia: your data for ${p.period} were returned`,
    unlocked: (p) => `Vigia: your approved data for ${p.period} were unlocked`,
    comment: (p) => `Vigia: new comment on the ${p.period} submission of ${p.organisation}`,
    flag_comment: (p) => `Vigia: new comment on a warning on the ${p.period} data of ${p.organisation}`,
    warning: (p) => `Vigia: a validation warning on the ${p.period} data of ${p.organisation}`,
    due_soon: (p) => `Vigia: the ${p.program} report for ${p.period} is due on ${p.due ?? ''}`,
    overdue: (p) => `Vigia: the ${p.program} report of ${p.organisation} for ${p.period} is overdue (due ${p.due ?? ''})`,
  },
  es: {
    submitted: (p) => `Vigia: ${p.organisation} envió ${p.period} para revisión`,
    approved: (p) => `Vigia: se aprobaron sus datos de ${p.period}`,
    returned: (p) => `Vigia: se devolvieron sus datos de ${p.period}`,
    unlocked: (p) => `Vigia: se desbloquearon sus datos aprobados de ${p.period}`,
    comment: (p) => `Vigia: nuevo comentario sobre el envío de ${p.organisation} de ${p.period}`,
    flag_comment: (p) => `Vigia: nuevo comentario sobre una advertencia en los datos de ${p.organisation} de ${p.period}`,
    warning: (p) => `Vigia: una advertencia de validación en los datos de ${p.organisation} de ${p.period}`,
    due_soon: (p) => `Vigia: el informe de ${p.program} de ${p.period} vence el ${p.due ?? ''}`,
    overdue: (p) => `Vigia: el informe de ${p.program} de ${p.organisation} de ${p.period} está atrasado (vencía el ${p.due ?? ''})`,
  },
};

const WORDS: Record<Language, { hello: (name: string) => string; program: string; comment: (by: string) => string; open: string; why: string }> = {
  en: {
    hello: (name) => `Hello ${name},`,
    program: 'Program',
    comment: (by) => `${by} wrote:`,
    open: 'Open Vigia to read it:',
    why: 'You receive this because of your role in Vigia. Your notifications are also in the inbox of the web app.',
  },
  es: {
    hello: (name) => `Hola, ${name}:`,
    program: 'Programa',
    comment: (by) => `${by} escribió:`,
    open: 'Abra Vigia para leerlo:',
    why: 'Recibe este mensaje por su función en Vigia. Sus notificaciones también están en la bandeja de la aplicación web.',
  },
};

/** The one-line title of a notification, in `language`. */
export function noticeSubject(kind: NotificationKind, params: NoticeParams, language: Language): string {
  return SUBJECTS[language][kind](params);
}

/** The e-mail of a notification to `name`, in `language`, with a link to the approvals page. */
export function noticeMail(
  kind: NotificationKind,
  params: NoticeParams,
  language: Language,
  name: string,
  publicUrl: string,
): { subject: string; text: string } {
  const w = WORDS[language];
  const subject = noticeSubject(kind, params, language);
  const lines = [w.hello(name), '', subject.replace(/^Vigia: /, ''), `${w.program}: ${params.program}`];
  if (params.comment) lines.push('', ...(params.by ? [w.comment(params.by), ''] : []), params.comment);
  lines.push('', w.open, `${publicUrl}/approvals`, '', w.why);
  return { subject, text: lines.join('\n') };
}
