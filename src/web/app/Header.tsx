/**
 * The header: the menu button (shown on narrow screens, where the navigation folds away), program,
 * the user's organisation and role in that program, the language switch, sign in/out.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { storeLanguage, type Language } from '../i18n/language';
import { useLocalName } from '../i18n/local-name';
import { useProgram } from './program';
import { forgetReader, useMe, useOrganisations } from './queries';
import { NotificationBell } from './NotificationBell';
import { ProgramSwitcher } from './ProgramSwitcher';
import { Link, useRouter } from './router';

interface MenuProps {
  /** Whether the folded navigation is open, and the id of the navigation the button controls. */
  menuOpen: boolean;
  menuId: string;
  onToggleMenu(): void;
}

export function Header({ menuOpen, menuId, onToggleMenu }: MenuProps) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const { data: me } = useMe();
  const { code, role, organisationId } = useProgram();
  const user = me?.user ?? null;
  const { data: organisations = [] } = useOrganisations(code, organisationId !== null);
  const organisation = organisations.find((o) => o.id === organisationId);
  const client = useQueryClient();
  const { navigate } = useRouter();

  async function signOut() {
    await ok(api.POST('/api/auth/sign-out'));
    await forgetReader(client);
    navigate('/public');
  }

  function switchLanguage(language: Language) {
    storeLanguage(language);
    void i18n.changeLanguage(language);
  }

  return (
    <header className="app-header">
      <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls={menuId} onClick={onToggleMenu}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
          <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {t('nav.menu')}
      </button>
      <Link to="/" className="brand">
        {t('appName')}
      </Link>
      <ProgramSwitcher />
      <span className="spacer" />
      {user && user.must_change_password !== 1 && <NotificationBell />}
      {user && (
        <span className="who" data-testid="who">
          <span>{user.name}</span>
          {organisation && (
            <span className="org" title={name(organisation)}>
              {' '}
              · {organisation.code}
            </span>
          )}
          <span className="role"> · {t(`roles.${role}`)}</span>
        </span>
      )}
      <div className="language" role="group" aria-label={t('language')}>
        {(['en', 'es'] as const).map((l) => (
          <button key={l} type="button" className="link" aria-pressed={i18n.language === l} lang={l} onClick={() => switchLanguage(l)}>
            {l === 'en' ? t('english') : t('spanish')}
          </button>
        ))}
      </div>
      {user ? (
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      ) : (
        <Link to="/sign-in" className="button">
          {t('signIn')}
        </Link>
      )}
    </header>
  );
}
