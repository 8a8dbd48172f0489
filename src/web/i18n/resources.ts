/**
 * Every namespace of labels. Each page keeps its own `<page>.i18n.ts`; a test checks that the
 * English and Spanish sides of every namespace have the same keys.
 */
import { common } from './common.i18n';
import { dashboard } from '../pages/dashboard/dashboard.i18n';
import { map } from '../pages/map/map.i18n';
import { explorer } from '../pages/explorer/explorer.i18n';
import { entry } from '../pages/entry/entry.i18n';
import { records } from '../pages/records/records.i18n';
import { approvals } from '../pages/approvals/approvals.i18n';
import { imports } from '../pages/imports/imports.i18n';
import { reports } from '../pages/reports/reports.i18n';
import { admin } from '../pages/admin/admin.i18n';
import { publicDashboard } from '../pages/public/public.i18n';
import { account } from '../pages/account/account.i18n';
import { indicator } from '../pages/indicator/indicator.i18n';
import { tracking } from '../pages/tracking/tracking.i18n';
import { quality } from '../pages/quality/quality.i18n';
import { notifications } from '../pages/notifications/notifications.i18n';
import { rules } from '../pages/rules/rules.i18n';

export const NAMESPACES = {
  common,
  dashboard,
  map,
  explorer,
  entry,
  records,
  approvals,
  imports,
  reports,
  admin,
  account,
  public: publicDashboard,
  indicator,
  tracking,
  quality,
  notifications,
  rules,
} as const;

export type Namespace = keyof typeof NAMESPACES;

export function resources(language: 'en' | 'es'): Record<string, object> {
  return Object.fromEntries(Object.entries(NAMESPACES).map(([ns, labels]) => [ns, labels[language]]));
}
