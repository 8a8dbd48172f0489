/**
 * Sending e-mail: one small interface over nodemailer's SMTP transport, so the services that
 * mail (the "forgot password" link) need only `send`, and e-mail is absent (undefined) when
 * the server is not configured for it.
 */
import nodemailer from 'nodemailer';

/** One plain-text message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** What e-mailing needs: the transport, the sender address and the public URL links point to. */
export interface MailSettings {
  mailer: Mailer;
  /** The From address, e.g. `Vigia <vigia@example.org>`. */
  from: string;
  /** The web app's public base URL (no trailing slash), for links in e-mails. */
  publicUrl: string;
}

/** A mailer over SMTP at `url` (`smtp://user:pass@host:587`, or `smtps://` for TLS from the start). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** The mail settings from the configuration; undefined when e-mail is not configured. */
export function mailSettingsOf(c: {
  VIGIA_SMTP_URL?: string | undefined;
  VIGIA_MAIL_FROM?: string | undefined;
  VIGIA_PUBLIC_URL?: string | undefined;
}): MailSettings | undefined {
  if (!c.VIGIA_SMTP_URL || !c.VIGIA_MAIL_FROM || !c.VIGIA_PUBLIC_URL) return undefined;
  return { mailer: smtpMailer(c.VIGIA_SMTP_URL, c.VIGIA_MAIL_FROM), from: c.VIGIA_MAIL_FROM, publicUrl: c.VIGIA_PUBLIC_URL.replace(/\/+$/, '') };
}
