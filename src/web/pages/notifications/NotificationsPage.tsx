/**
 * The user's notifications, newest first, worded by the API in the language the app shows: each
 * links to its submission (opening it marks it read), each unread one can be marked read, and
 * all at once.
 */
import { useTranslation } from 'react-i18next';
import { useMarkRead, useNotifications, type Notification } from '../../app/notifications';
import { Link } from '../../app/router';
import { PageHelp } from '../../components/PageHelp';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n/format';
import './notifications.css';

export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const list = useNotifications();
  const mark = useMarkRead();
  const items = list.data?.notifications ?? [];
  const unread = list.data?.unread ?? 0;

  return (
    <div className="notifications-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="notifications" />
      <QueryState pending={list.isPending} error={list.error}>
        <div className="notifications-head">
          <p role="status" data-testid="notifications-summary">
            {unread === 0 && items.length > 0 ? t('allRead') : t('summary', { count: unread, total: items.length })}
          </p>
          <button type="button" onClick={() => mark.mutate({ all: true })} disabled={unread === 0 || mark.isPending} data-testid="mark-all-read">
            {t('markAll')}
          </button>
        </div>
        {mark.error && (
          <p role="alert" className="error">
            {t('common:error', { message: mark.error.message })}
          </p>
        )}
        {items.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <ul className="notification-list" aria-label={t('listLabel')} data-testid="notification-list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onRead={() => mark.mutate({ id: n.id })} busy={mark.isPending} />
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

function NotificationItem({ notification: n, onRead, busy }: { notification: Notification; onRead: () => void; busy: boolean }) {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const unread = n.read_at === null;
  return (
    <li className={unread ? 'notification unread' : 'notification'} data-testid={`notification-${n.id}`} data-kind={n.kind} data-unread={unread}>
      <p className="notification-title">
        {unread && <span className="unread-mark">{t('unread')}</span>} {n.title}
      </p>
      {n.params.comment && <blockquote className="notification-comment">{n.params.comment}</blockquote>}
      <p className="notification-meta">
        <time dateTime={n.created_at}>{fmt.dateTime(n.created_at)}</time>
        {n.submission_id !== null && (
          <Link to={`/approvals?submission=${n.submission_id}`} aria-label={t('openLabel', { title: n.title })} onClick={() => unread && onRead()}>
            {t('open')}
          </Link>
        )}
        {unread && (
          <button type="button" className="link" onClick={onRead} disabled={busy} aria-label={t('markReadLabel', { title: n.title })}>
            {t('markRead')}
          </button>
        )}
      </p>
    </li>
  );
}
