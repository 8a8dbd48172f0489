/**
 * The header: the menu button (shown on narrow screens, where the navigation folds away), program,
 * the user's organisation and role, the language switch, sign in/out.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { storeLanguage, type Language } from '../i18n/language';
import { useLocalName } from '../i18n/local-name';
import { useProgram } from './program';
import { useMe, useOrganisations } from './queries';
import { NotificationBell } from './NotificationBell';
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
  const { program, programs, code, choose } = useProgram();
  const user = me?.user ?? null;
  const { data: organisations = [] } = useOrganisations(code, user !== null && user.organisation_id !== null);
  const organisation = organisations.find((o) => o.id === user?.organisation_id);
  const client = useQueryClient();
  const { navigate } = useRouter();

  async function signOut() {
    await ok(api.POST('/api/auth/sign-out'));
    client.clear();
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
      {programs.length > 1 ? (
        <label className="program">
          <span className="visually-hidden">{t('program')}</span>
          <select value={code} onChange={(e) => choose(e.target.value)}>
            {programs.map((p) => (
              <option key={p.code} value={p.code}>
                {name(p)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="program" data-testid="program-name">
          {name(program)}
        </span>
      )}
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
          <span className="role"> · {t(`roles.${user.role}`)}</span>
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
