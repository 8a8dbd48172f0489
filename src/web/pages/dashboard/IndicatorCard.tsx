/** One key indicator: its latest value and period, the change on the year before, and progress to target. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { latest, progress, series, targetsOf, type CardDef, type YearKind } from './dashboard-stats';
import type { AnalyticsRow } from '../../api/types';
import { usePeriodLabel } from '../../i18n/period-label';
import { FigureMarks, rowMarks } from '../../components/FigureMarks';
import { unitName } from '../../i18n/unit-label';
import { isCountUnit } from '../../../core/statements/quantity';

export function IndicatorCard({ def, rows, targetPlace, kind }: { def: CardDef; rows: readonly AnalyticsRow[]; targetPlace: string; kind: YearKind }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const name = useLocalName();
  const label = usePeriodLabel();
  const { indicator, source } = def;
  const last = latest(series(rows, indicator.code, source));
  const { baselines, targets } = targetPlace ? targetsOf(indicator, targetPlace, source, kind) : { baselines: [], targets: [] };
  const prog = last && last.point.value !== null ? progress(last.point.value, last.point.period, baselines, targets) : undefined;
  const headingId = `card-${def.id}-name`;
  const direction = last?.change == null ? '' : last.change > 0 ? 'up' : last.change < 0 ? 'down' : 'flat';
  const good = direction === '' || direction === 'flat' ? '' : (direction === 'up') === (indicator.direction !== 'down') ? 'good' : 'bad';

  return (
    <article className="card indicator-card" data-testid={`card-${def.id}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name(indicator)}
        {source && <span className="card-source"> · {source}</span>}
      </h3>
      {last ? (
        <>
          <p className="card-figure">
            <span className="visually-hidden">{t('latest')}: </span>
            <span data-testid="card-value" className="card-value">
              {f.number(last.point.value)}
            </span>{' '}
            <span className="card-unit">{isCountUnit(indicator.unit) ? '' : unitName(indicator.unit, f.language)}</span>
            <FigureMarks marks={rowMarks(last.point)} />
          </p>
          <p className="card-period">
            {t('period')}: <span data-testid="card-period">{label(last.point.period)}</span>
          </p>
          <p className={`card-change ${good}`} data-testid="card-change">
            {last.change === null ? (
              t('noPrevious')
            ) : (
              <>
                {t('change', { period: label(last.previous?.period ?? '') })}:{' '}
                <strong>
                  {last.change > 0 ? '+' : ''}
                  {f.number(last.change)}
                </strong>{' '}
                ({f.percent(last.changePct)})
              </>
            )}
          </p>
          {prog ? (
            <div className="card-progress" data-testid="card-progress">
              <div
                className="bar"
                role="progressbar"
                aria-label={t('progress')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(Math.max(0, Math.min(100, prog.percent)))}
                aria-valuetext={f.percent(prog.percent).replace(/^\+/, '')}
              >
                <span style={{ width: `${Math.max(0, Math.min(100, prog.percent))}%` }} />
              </div>
              <p className="muted">
                {t(prog.fromBaseline ? 'progressText' : 'progressPlain', {
                  percent: f.percent(prog.percent).replace(/^\+/, ''),
                  period: label(prog.target.period),
                  target: f.number(prog.target.value),
                })}
              </p>
              {prog.baseline && <p className="muted">{t('baseline', { period: label(prog.baseline.period), value: f.number(prog.baseline.value) })}</p>}
            </div>
          ) : (
            <>
              <p className="muted card-no-target">{t('noTarget')}</p>
              {baselines[0] && <p className="muted">{t('baseline', { period: label(baselines[0].period), value: f.number(baselines[0].value) })}</p>}
            </>
          )}
        </>
      ) : (
        <>
          <p className="card-figure">
            <span data-testid="card-value" className="card-value">
              —
            </span>
          </p>
          <p className="card-period">
            {t('period')}: <span data-testid="card-period">—</span>
          </p>
          <p className="muted" data-testid="card-empty">
            {t('noValue')}
          </p>
        </>
      )}
    </article>
  );
}
