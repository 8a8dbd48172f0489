/**
 * A report status as people read it: a symbol and the word, never colour alone (the colour is
 * the cell's, from quality.css); and the legend that explains the four.
 */
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES, type ReportStatus } from '../../../core/reporting-calendar';

/** The symbol beside each status's word. */
export const STATUS_SYMBOL: Record<ReportStatus, string> = { on_time: '✓', late: '!', missing: '✗', not_due: '…' };

export function StatusMark({ status }: { status: ReportStatus }) {
  const { t } = useTranslation('quality');
  return (
    <span className={`status-mark status-${status}`}>
      <span aria-hidden="true" className="status-symbol">
        {STATUS_SYMBOL[status]}
      </span>{' '}
      {t(`statuses.${status}`)}
    </span>
  );
}

export function StatusLegend() {
  const { t } = useTranslation('quality');
  return (
    <figure className="status-legend" aria-labelledby="quality-legend">
      <figcaption id="quality-legend">{t('legend')}</figcaption>
      <ul data-testid="status-legend">
        {REPORT_STATUSES.map((s) => (
          <li key={s} className={`status-cell status-${s}`}>
            <StatusMark status={s} />
          </li>
        ))}
      </ul>
    </figure>
  );
}
