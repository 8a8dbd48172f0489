/**
 * The figures of one tracking-table row as table cells — baseline, target, the four fiscal
 * quarters, the fiscal-year actual, % of target, life of program — shared by the tracking page
 * (one row per indicator) and the indicator page (one row per fiscal year). A quarter with no
 * data is empty ("—"), never 0.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { usePeriodLabel } from '../../i18n/period-label';
import type { TrackingRow } from './use-tracking';

export function TrackingCells({ row }: { row: TrackingRow }) {
  const { t } = useTranslation('tracking');
  const f = useFormat();
  const period = usePeriodLabel('short');
  const n = (v: number | null) => f.number(v, row.decimals);
  return (
    <>
      <td className="num">{row.baseline ? t('baselineOf', { value: n(row.baseline.value), period: period(row.baseline.period) }) : '—'}</td>
      <td className="num">{n(row.target)}</td>
      {row.quarters.map((q) => (
        <td key={q.period} className="num">
          {n(q.actual)}
        </td>
      ))}
      <td className="num">{n(row.actual)}</td>
      <td className={row.explanation_required ? 'num deviates' : 'num'}>{row.achieved_pct === null ? '—' : `${f.number(row.achieved_pct, 1)} %`}</td>
      <td className="num">{row.lop_target === null && row.lop_actual === null ? '—' : `${n(row.lop_actual)} / ${n(row.lop_target)}`}</td>
    </>
  );
}

/** The header cells matching TrackingCells; `quarters` names the four quarter columns. */
export function TrackingHeads({ quarters }: { quarters: readonly string[] }) {
  const { t } = useTranslation('tracking');
  return (
    <>
      <th scope="col">{t('baseline')}</th>
      <th scope="col">{t('target')}</th>
      {quarters.map((q) => (
        <th key={q} scope="col">
          {q}
        </th>
      ))}
      <th scope="col">{t('fyActual')}</th>
      <th scope="col">{t('achieved')}</th>
      <th scope="col">{t('lop')}</th>
    </>
  );
}
