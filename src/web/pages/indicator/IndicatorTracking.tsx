/**
 * The indicator's row of the tracking table in each fiscal year of the program's data: the same
 * cells as the tracking page, one row per fiscal year, newest first. Years where it has neither
 * a target nor an actual are left out.
 */
import { useTranslation } from 'react-i18next';
import { useProgram } from '../../app/program';
import { Link } from '../../app/router';
import { QueryState } from '../../components/QueryState';
import { usePeriodLabel } from '../../i18n/period-label';
import { TrackingCells, TrackingHeads } from '../tracking/TrackingCells';
import { useFiscalYears, useTrackingTables, type TrackingRow } from '../tracking/use-tracking';

export function IndicatorTracking({ indicator }: { indicator: string }) {
  const { t } = useTranslation('indicator');
  const { t: tt } = useTranslation('tracking');
  const fyLabel = usePeriodLabel('short');
  const { code: program } = useProgram();
  const years = useFiscalYears();
  const tables = useTrackingTables(program, years.ids);
  const pending = years.pending || tables.some((q) => q.isPending);
  const error = years.error ?? tables.find((q) => q.error)?.error;
  const rows = tables.flatMap((q, i) => {
    const fy = years.ids[i] as string;
    return (q.data?.rows ?? [])
      .filter((r) => r.indicator === indicator && (r.target !== null || r.actual !== null))
      .map((r) => ({ fy, row: r as TrackingRow }));
  });
  return (
    <QueryState pending={pending} error={error}>
      {rows.length === 0 ? (
        <p>{t('tracking.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="indicator-tracking-caption">
          <table className="tracking-table" data-testid="indicator-tracking">
            <caption id="indicator-tracking-caption">{t('tracking.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tt('fiscalYear')}</th>
                <TrackingHeads quarters={[1, 2, 3, 4].map((n) => tt('fiscalQuarter', { n }))} />
                <th scope="col">{tt('explanation')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ fy, row }) => (
                <tr key={`${fy}-${row.source ?? ''}`}>
                  <th scope="row">
                    <Link to={`/tracking?fy=${encodeURIComponent(fy)}`}>{fyLabel(fy)}</Link>
                    {row.source && <span className="muted"> · {row.source}</span>}
                  </th>
                  <TrackingCells row={row} />
                  <td className={row.explanation_required && !row.deviation_explanation ? 'explanation missing' : 'explanation'}>
                    {row.deviation_explanation ?? (row.explanation_required ? <strong className="missing-mark">{tt('missing')}</strong> : '—')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
