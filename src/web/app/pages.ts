/**
 * The app's pages: path, label key, who sees the link, and the component (loaded on first
 * visit so the first page stays small). The server still authorizes every request: hiding a
 * link is a courtesy, not the protection.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/vocabularies';

export interface PageDef {
  path: string;
  label: string;
  roles: readonly Role[];
  component: LazyExoticComponent<ComponentType>;
  /** The page also answers every path under its own (`/indicators/ERAD_HA`), and has no navigation link. */
  prefix?: true;
  /** Reached from elsewhere (the header's bell), with no navigation link. */
  unlisted?: true;
}

/** The page of a path: its own, or the one whose paths it lies under. */
export function pageOf(path: string): PageDef | undefined {
  return PAGES.find((p) => (p.prefix ? path.startsWith(`${p.path}/`) : p.path === path));
}

const SIGNED_IN: readonly Role[] = ['analyst', 'partner', 'officer', 'admin'];

export const PAGES: readonly PageDef[] = [
  { path: '/dashboard', label: 'nav.dashboard', roles: SIGNED_IN, component: lazy(() => import('../pages/dashboard/DashboardPage')) },
  { path: '/map', label: 'nav.map', roles: SIGNED_IN, component: lazy(() => import('../pages/map/MapPage')) },
  { path: '/explorer', label: 'nav.explorer', roles: SIGNED_IN, component: lazy(() => import('../pages/explorer/ExplorerPage')) },
  { path: '/entry', label: 'nav.entry', roles: ['partner', 'officer', 'admin'], component: lazy(() => import('../pages/entry/EntryPage')) },
  { path: '/records', label: 'nav.records', roles: SIGNED_IN, component: lazy(() => import('../pages/records/RecordsPage')) },
  { path: '/approvals', label: 'nav.approvals', roles: ['partner', 'officer', 'admin'], component: lazy(() => import('../pages/approvals/ApprovalsPage')) },
  { path: '/imports', label: 'nav.imports', roles: ['partner', 'officer', 'admin'], component: lazy(() => import('../pages/imports/ImportsPage')) },
  { path: '/reports', label: 'nav.reports', roles: SIGNED_IN, component: lazy(() => import('../pages/reports/ReportsPage')) },
  { path: '/tracking', label: 'nav.tracking', roles: SIGNED_IN, component: lazy(() => import('../pages/tracking/TrackingPage')) },
  { path: '/quality', label: 'nav.quality', roles: ['partner', 'officer', 'admin'], component: lazy(() => import('../pages/quality/QualityPage')) },
  {
    path: '/validation-rules',
    label: 'nav.rules',
    roles: ['officer', 'admin'],
    component: lazy(() => import('../pages/rules/RulesPage')),
  },
  { path: '/indicators', label: 'nav.indicator', roles: SIGNED_IN, prefix: true, component: lazy(() => import('../pages/indicator/IndicatorPage')) },
  { path: '/admin', label: 'nav.admin', roles: ['officer', 'admin'], component: lazy(() => import('../pages/admin/AdminPage')) },
  { path: '/account', label: 'nav.account', roles: SIGNED_IN, component: lazy(() => import('../pages/account/AccountPage')) },
  {
    path: '/notifications',
    label: 'nav.notifications',
    roles: SIGNED_IN,
    unlisted: true,
    component: lazy(() => import('../pages/notifications/NotificationsPage')),
  },
  { path: '/public', label: 'nav.public', roles: ['public', ...SIGNED_IN], component: lazy(() => import('../pages/public/PublicPage')) },
];
