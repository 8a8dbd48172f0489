/**
 * The header's bell: a link to the notifications page that says, to eyes and to screen readers,
 * how many of the user's notifications are unread. It refetches on the app's live interval.
 */
import { useTranslation } from 'react-i18next';
import { useNotifications } from './notifications';
import { Link, useRouter } from './router';

export function NotificationBell() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const unread = useNotifications().data?.unread ?? 0;
  return (
    <Link
      to="/notifications"
      className="bell"
      aria-label={t('bell', { count: unread })}
      aria-current={path === '/notifications' ? 'page' : undefined}
      data-testid="bell"
      data-unread={unread}
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
        <path
          d="M10 2a5 5 0 0 0-5 5v3.5L3 14h14l-2-3.5V7a5 5 0 0 0-5-5zM8 16a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread}
        </span>
      )}
    </Link>
  );
}
