/**
 * What the routes that notify need beyond the common route deps: the e-mail settings (absent
 * when e-mail is off), from which they make the `Notices` a service writes with and start
 * delivery once the change has committed.
 */
import type { AppDeps } from '../../http/app-deps.js';
import type { MailSettings } from '../accounts/mailer.js';
import type { Notices } from './notify.service.js';

export type NotifyDeps = AppDeps & { mail?: MailSettings | undefined };

/** How to notify with these e-mail settings: e-mail too when they are set, else the inbox only. */
export function noticesFor(mail: MailSettings | undefined): Notices {
  return mail ? { email: { publicUrl: mail.publicUrl } } : {};
}

export function noticesOf(deps: NotifyDeps): Notices {
  return noticesFor(deps.mail);
}
