/**
 * The mark of a partial period on the dashboard and the map: the words of the reports'
 * coverageNote ("partial: 1 of 8 departments reported" / "parcial: informaron 1 de 8
 * departamentos", "period not over"), so the web app and the reports say it alike.
 */
import { coverageNote } from '../../core/statements/coverage-note';
import { useFormat } from '../i18n/format';
import type { AnalyticsRow } from '../api/types';

type Coverage = AnalyticsRow['coverage'];

/** The note of a coverage in the reader's language; null for a complete or unknown one. */
export function useCoverageNote(): (coverage: Coverage) => string | null {
  const { language } = useFormat();
  return (coverage) => coverageNote(coverage ?? null, language);
}

/** The note as a visible mark; nothing for a complete period. */
export function CoverageNote({ coverage, testId = 'coverage-note', prefix = '' }: { coverage: Coverage; testId?: string; prefix?: string }) {
  const note = useCoverageNote()(coverage);
  if (!note) return null;
  return (
    <span className="coverage-note" data-testid={testId}>
      {prefix}
      {note}
    </span>
  );
}
