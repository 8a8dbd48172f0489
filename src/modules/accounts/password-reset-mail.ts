/** The "forgot password" e-mail, in English and Spanish: the link, how long it lasts, what to do if unasked. */
import type { Language } from '../../core/languages.js';
import type { MailMessage } from './mailer.js';

const TEXT: Record<Language, { subject: string; body: (name: string, link: string, minutes: number) => string }> = {
  en: {
    subject: 'Vigia: set a new password',
    body: (name, link, minutes) =>
      [
        `Hello ${name},`,
        '',
        'Someone (we hope you) asked to set a new password for your Vigia account. Open this link to choose one:',
        '',
        link,
        '',
        `The link works once and for ${minutes} minutes. Using it signs you out everywhere.`,
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ].join('\n'),
  },
  es: {
    subject: 'Vigia: establezca una nueva contraseña',
    body: (name, link, minutes) =>
      [
        `Hola, ${name}:`,
        '',
        'Alguien (esperamos que usted) pidió establecer una nueva contraseña para su cuenta de Vigia. Abra este enlace para elegirla:',
        '',
        link,
        '',
        `El enlace sirve una sola vez y durante ${minutes} minutos. Al usarlo se cerrarán todas sus sesiones.`,
        'Si usted no lo pidió, ignore este mensaje: su contraseña no cambia.',
      ].join('\n'),
  },
};

/** The message for `to`, in `language`, with the link to the web app's reset page. */
export function passwordResetMail(to: string, name: string, language: Language, link: string, minutes: number): MailMessage {
  const t = TEXT[language];
  return { to, subject: t.subject, text: t.body(name, link, minutes) };
}
