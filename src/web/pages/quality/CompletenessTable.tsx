/** Completeness and timeliness per organisation and for the whole program (the rows the page's filters leave), as counts and shares. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { QualityGrid, Totals } from './quality-grid';

export function CompletenessTable({ grid, nameOf }: { grid: QualityGrid; nameOf: (organisation: string) => string }) {
  const { t } = useTranslation('quality');
  const f = useFormat();
  const pct = (v: number | null) => (v === null ? '—' : `${f.number(v * 100, 1)} %`);
  const cells = (x: Totals) => (
    <>
      <td className="num">{x.expected}</td>
      <td className="num">{x.submitted}</td>
      <td className="num">{x.on_time}</td>
      <td className="num" data-field="completeness">
        {pct(x.completeness)}
      </td>
      <td className="num" data-field="timeliness">
        {pct(x.timeliness)}
      </td>
    </>
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="completeness-caption">
      <table className="completeness-table" data-testid="completeness-table">
        <caption id="completeness-caption">{t('figuresCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organisation')}</th>
            <th scope="col">{t('expected')}</th>
            <th scope="col">{t('submitted')}</th>
            <th scope="col">{t('onTime')}</th>
            <th scope="col">{t('completeness')}</th>
            <th scope="col">{t('timeliness')}</th>
          </tr>
        </thead>
        <tbody>
          {grid.organisations.map((o) => (
            <tr key={o} data-organisation={o}>
              <th scope="row">{nameOf(o)}</th>
              {cells(grid.byOrganisation.get(o) as Totals)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="program-totals">
            <th scope="row">{t('program')}</th>
            {cells(grid.program)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
