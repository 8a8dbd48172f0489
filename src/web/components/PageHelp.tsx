/** The one or two sentences under a page's heading saying what the page is for and how to use it (its namespace's `help` label). */
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../i18n/resources';

export function PageHelp({ ns }: { ns: Namespace }) {
  const { t } = useTranslation(ns);
  return (
    <p className="page-help muted" data-testid="page-help">
      {t('help')}
    </p>
  );
}
