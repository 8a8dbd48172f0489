/**
 * The app shell: header, navigation by role, and the page of the current path. On narrow screens
 * the navigation folds behind the header's menu button (styles.css); choosing a page or Escape
 * folds it again.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './Header';
import { PAGES, pageOf } from './pages';
import type { Role } from '../api/vocabularies';
import { useMe } from './queries';
import { Link, useRouter } from './router';
import { SignInPage } from './SignInPage';
import { NotPermitted } from './NotPermitted';
import { ErrorBoundary } from '../components/ErrorBoundary';

// Pages outside the navigation: the forced change of a one-time password, and "forgot password".
const ForcedPasswordChangePage = lazy(() => import('../pages/account/ForcedPasswordChangePage'));
const ForgotPasswordPage = lazy(() => import('../pages/account/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../pages/account/ResetPasswordPage'));

const NAV_ID = 'app-nav';

export function App() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const { data: me, isPending } = useMe();
  const role: Role = (me?.user?.role ?? 'public') as Role;
  // A one-time password: the server refuses everything else until the user chooses their own.
  const mustChangePassword = me?.user?.must_change_password === 1;
  const visible = mustChangePassword ? [] : PAGES.filter((p) => !p.prefix && !p.unlisted && p.roles.includes(role));
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      document.querySelector<HTMLElement>(`[aria-controls="${NAV_ID}"]`)?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  let content;
  if (isPending) content = <p>{t('loading')}</p>;
  else if (mustChangePassword) content = <ForcedPasswordChangePage />;
  else if (path === '/sign-in') content = <SignInPage />;
  else if (path === '/forgot-password') content = <ForgotPasswordPage />;
  else if (path === '/reset-password') content = <ResetPasswordPage />;
  else {
    const home = role === 'public' ? '/public' : '/dashboard';
    const page = pageOf(path === '/' ? home : path);
    if (!page) content = <p>{t('notFound')}</p>;
    else if (!page.roles.includes(role)) content = role === 'public' ? <SignInPage /> : <NotPermitted label={page.label} home={home} />;
    else {
      const Page = page.component;
      content = <Page />;
    }
  }

  const active = path === '/' ? (role === 'public' ? '/public' : '/dashboard') : path;
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <Header menuOpen={menuOpen} menuId={NAV_ID} onToggleMenu={() => setMenuOpen((open) => !open)} />
      <div className="layout">
        <nav id={NAV_ID} aria-label={t('nav.main')} className={menuOpen ? 'app-nav open' : 'app-nav'} onClick={() => setMenuOpen(false)}>
          <ul>
            {visible.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={active === p.path ? 'page' : undefined}>
                  {t(p.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <ErrorBoundary key={path}>
            <Suspense fallback={<p>{t('loading')}</p>}>{content}</Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </>
  );
}
