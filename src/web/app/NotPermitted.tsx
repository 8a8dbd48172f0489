/**
 * What a signed-in reader sees on a page their role may not use: a page that exists but is not
 * theirs, told apart from a path that names no page at all, with a way back home.
 */
import { useTranslation } from 'react-i18next';
import { Link } from './router';

export function NotPermitted({ label, home }: { label: string; home: string }) {
  const { t } = useTranslation();
  return (
    <section role="alert" data-testid="not-permitted">
      <h1>{t('notPermitted.title', { page: t(label) })}</h1>
      <p>{t('notPermitted.why')}</p>
      <p>
        <Link to={home}>{t('notPermitted.home')}</Link>
      </p>
    </section>
  );
}
