/**
 * The heat map of organisations × periods: each cell the status of the organisation's reports
 * for the period (in symbol, word and colour), with how many of them were submitted when it
 * expects more than one, and whether the period is closed to the partner or was reopened. The
 * table scrolls inside its own box on a narrow screen.
 */
import { useTranslation } from 'react-i18next';
import { usePeriodLabel } from '../../i18n/period-label';
import { StatusMark } from './StatusMark';
import type { QualityGrid } from './quality-grid';

interface Props {
  grid: QualityGrid;
  nameOf: (organisation: string) => string;
  /** Cells (`organisation|period`) closed to the partner today, and those reopened. */
  closed: ReadonlySet<string>;
  reopened: ReadonlySet<string>;
}

export function HeatMap({ grid, nameOf, closed, reopened }: Props) {
  const { t } = useTranslation('quality');
  const period = usePeriodLabel('short');
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="heat-map-caption">
      <table className="heat-map" data-testid="heat-map">
        <caption id="heat-map-caption">{t('heatMap')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organisation')}</th>
            {grid.periods.map((p) => (
              <th key={p} scope="col" data-period={p}>
                {period(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.organisations.map((o) => (
            <tr key={o} data-organisation={o}>
              <th scope="row">{nameOf(o)}</th>
              {grid.periods.map((p) => {
                const c = grid.cell(o, p);
                const key = `${o}|${p}`;
                if (!c)
                  return (
                    <td key={p} className="status-cell not-expected" data-testid={`cell-${o}-${p}`} data-status="">
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{t('notExpected')}</span>
                    </td>
                  );
                return (
                  <td key={p} className={`status-cell status-${c.status}`} data-testid={`cell-${o}-${p}`} data-status={c.status}>
                    <StatusMark status={c.status} />
                    {c.expected > 1 && (
                      <span className="cell-count">
                        {' '}
                        ({c.submitted}/{c.expected})
                      </span>
                    )}
                    {closed.has(key) && <span className="cell-flag"> · {t('closed')}</span>}
                    {reopened.has(key) && <span className="cell-flag"> · {t('reopened')}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
