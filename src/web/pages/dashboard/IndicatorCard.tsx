/**
 * One key indicator: its latest complete value and period, the change on the year before, and
 * progress to target. A partial period heads the card only when the reader asked for it, and
 * then its value, change and progress all carry the coverage note.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import { isPartial, latest, partialAfter, progress, series, targetsOf, type CardDef, type HeadlineChoice, type YearKind } from './dashboard-stats';
import { CoverageNote, useCoverageNote } from '../../components/CoverageNote';
import type { AnalyticsRow } from '../../api/types';
import { usePeriodLabel } from '../../i18n/period-label';
import { FigureMarks, rowMarks } from '../../components/FigureMarks';
import { unitName } from '../../i18n/unit-label';
import { isCountUnit } from '../../../core/statements/quantity';
import { Link } from '../../app/router';

export function IndicatorCard({
  def,
  rows,
  targetPlace,
  kind,
  choice,
}: {
  def: CardDef;
  rows: readonly AnalyticsRow[];
  targetPlace: string;
  kind: YearKind;
  choice: HeadlineChoice;
}) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const name = useLocalName();
  const label = usePeriodLabel();
  const { indicator, source } = def;
  const note = useCoverageNote();
  const points = series(rows, indicator.code, source);
  const last = latest(points, choice);
  // A period left out of the headline because it is partial: named, so the reader can ask for it.
  const leftOut = last ? last.laterPartial : partialAfter(points);
  // A change involving a partial period says which side is partial ("2017 partial: …").
  const changeNotes = last ? [last.point, last.previous].flatMap((p) => (p && isPartial(p) ? [`${label(p.period)} ${note(p.coverage)}`] : [])) : [];
  const { baselines, targets } = targetPlace ? targetsOf(indicator, targetPlace, source, kind) : { baselines: [], targets: [] };
  const prog = last && last.point.value !== null ? progress(last.point.value, last.point.period, baselines, targets) : undefined;
  const headingId = `card-${def.id}-name`;
  const direction = last?.change == null ? '' : last.change > 0 ? 'up' : last.change < 0 ? 'down' : 'flat';
  const good = direction === '' || direction === 'flat' ? '' : (direction === 'up') === (indicator.direction !== 'down') ? 'good' : 'bad';

  return (
    <article
      className={`card indicator-card${last?.partial ? ' partial' : ''}`}
      data-testid={`card-${def.id}`}
      data-partial={last?.partial ? 'true' : 'false'}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>
        <Link to={`/indicators/${encodeURIComponent(indicator.code)}`}>{name(indicator)}</Link>
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
          {last.partial && (
            <p className="card-partial">
              <CoverageNote coverage={last.point.coverage} testId="card-coverage" />
            </p>
          )}
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
                {changeNotes.length > 0 && (
                  <span className="coverage-note" data-testid="card-change-note">
                    {' '}
                    ({changeNotes.join('; ')})
                  </span>
                )}
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
                {last.partial && (
                  <span className="coverage-note" data-testid="card-progress-note">
                    {' '}
                    ({note(last.point.coverage)})
                  </span>
                )}
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
      {leftOut && (
        <p className="muted card-left-out" data-testid="card-left-out">
          {t('partialLeftOut', { period: label(leftOut.period), note: note(leftOut.coverage) })}
        </p>
      )}
    </article>
  );
}
