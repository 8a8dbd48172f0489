/**
 * Administration: users (the system administrator), organisations, places and zones (a program's
 * administrators), indicators and their baselines and targets (its officers too), by the user's
 * role in the current program. The tab is kept in the URL (?tab=users); the server
 * still authorizes every request, the tabs only hide what the user cannot do.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { useMe } from '../../app/queries';
import { useQueryParams } from '../../app/router';
import { UsersTab } from './UsersTab';
import { OrganisationsTab } from './OrganisationsTab';
import { PlacesTab } from './PlacesTab';
import { IndicatorsTab } from './IndicatorsTab';
import './admin.css';
import { PageHelp } from '../../components/PageHelp';

type Tab = 'users' | 'organisations' | 'places' | 'indicators';

const ADMIN_TABS: readonly Tab[] = ['users', 'organisations', 'places', 'indicators'];
const PROGRAM_ADMIN_TABS: readonly Tab[] = ['organisations', 'places', 'indicators'];
const OFFICER_TABS: readonly Tab[] = ['indicators'];

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const systemAdmin = useMe().data?.user?.role === 'admin';
  const { role } = useProgram();
  const [query, setQuery] = useQueryParams();
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const tabs = systemAdmin ? ADMIN_TABS : role === 'admin' ? PROGRAM_ADMIN_TABS : role === 'officer' ? OFFICER_TABS : [];
  const asked = query.get('tab') as Tab | null;
  const active: Tab | undefined = asked && tabs.includes(asked) ? asked : tabs[0];

  const choose = (tab: Tab, focus = false) => {
    setQuery({ tab });
    if (focus) buttons.current[tab]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!active) return;
    const i = tabs.indexOf(active);
    const next =
      e.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : e.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === 'Home'
            ? tabs[0]
            : e.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (next) {
      e.preventDefault();
      choose(next, true);
    }
  };

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      <PageHelp ns="admin" />
      {tabs.length > 1 && (
        <div role="tablist" aria-label={t('sections')} className="admin-tabs" onKeyDown={onKey}>
          {tabs.map((tab) => (
            <button
              key={tab}
              ref={(el) => {
                buttons.current[tab] = el;
              }}
              type="button"
              role="tab"
              id={`admin-tab-${tab}`}
              aria-selected={tab === active}
              aria-controls={`admin-panel-${tab}`}
              tabIndex={tab === active ? 0 : -1}
              data-testid={`admin-tab-${tab}`}
              onClick={() => choose(tab)}
            >
              {t(`tabs.${tab}`)}
            </button>
          ))}
        </div>
      )}
      {active && (
        <div
          role={tabs.length > 1 ? 'tabpanel' : undefined}
          id={`admin-panel-${active}`}
          aria-labelledby={tabs.length > 1 ? `admin-tab-${active}` : undefined}
          className="admin-panel"
          data-testid={`admin-panel-${active}`}
        >
          {active === 'users' && <UsersTab />}
          {active === 'organisations' && <OrganisationsTab />}
          {active === 'places' && <PlacesTab />}
          {active === 'indicators' && <IndicatorsTab />}
        </div>
      )}
    </div>
  );
}
