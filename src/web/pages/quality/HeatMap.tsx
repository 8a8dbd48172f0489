/**
 * The heat map of organisations × periods: each cell the status of the organisation's reports
 * for the period (in symbol, word and colour), with how many of them were submitted when it
 * expects more than one, and whether the period is closed to the partner or was reopened; under
 * them the program's completeness and timeliness of each period. The table scrolls inside its own box on a narrow screen.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
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
  const f = useFormat();
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${f.number(v * 100, 1)} %`);
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
        <tfoot>
          {(['completeness', 'timeliness'] as const).map((k) => (
            <tr key={k}>
              <th scope="row">{t(k === 'completeness' ? 'programCompleteness' : 'programTimeliness')}</th>
              {grid.periods.map((p) => (
                <td key={p} className="num" data-testid={`program-${k}-${p}`}>
                  {pct(grid.byPeriod.get(p)?.[k])}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
