/**
 * Actual values of one indicator per year, against its baseline and target, with a data table.
 * Every year between the first and the last is on the axis (a year without data is a gap), and a
 * partial period is a hollow bar with its coverage note below the chart.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../components/EChart';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { isPartial, series, targetsOf, yearAxis, type YearKind } from './dashboard-stats';
import { useCoverageNote } from '../../components/CoverageNote';
import { usePeriodLabel } from '../../i18n/period-label';
import { FigureMarks, rowMarks } from '../../components/FigureMarks';
import { ACTUAL_COLOUR, TARGET_COLOUR, axisStyle, barDatum } from './chart-style';
import { unitName } from '../../i18n/unit-label';

export function TrendChart({
  indicator,
  rows,
  targetPlace,
  kind,
}: {
  indicator: Indicator;
  rows: readonly AnalyticsRow[];
  targetPlace: string;
  kind: YearKind;
}) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const name = useLocalName();
  const label = usePeriodLabel();
  const points = series(rows, indicator.code, '');
  const { baselines, targets } = targetPlace ? targetsOf(indicator, targetPlace, '', kind) : { baselines: [], targets: [] };
  const plan = [...baselines, ...targets];
  const periods = yearAxis([...points.filter((p) => p.value !== null).map((p) => p.period), ...plan.map((p) => p.period)], kind);
  const actual = new Map(points.map((p) => [p.period, p]));
  const note = useCoverageNote();
  const partial = points.filter((p) => p.value !== null && isPartial(p));
  const gaps = periods.some((p) => !actual.has(p) || actual.get(p)?.value === null);
  // Named for what it draws: "Baseline → target" only when there is a target.
  const planName = t(targets.length ? 'baselineTarget' : 'baselineOnly');
  const planned = new Map(plan.map((p) => [p.period, p.value]));
  const title = name(indicator);

  const chartLabel = t('trendLabel', { name: title, unit: unitName(indicator.unit, f.language) });
  const option = useMemo<ChartOption>(
    () => ({
      // ECharts' aria module writes its own description into the container's aria-label: give it ours.
      aria: { enabled: true, label: { description: chartLabel } },
      grid: { left: 64, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, textStyle: axisStyle },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? f.number(v) : '—') },
      xAxis: { type: 'category', data: periods.map(label), axisLabel: axisStyle },
      yAxis: { type: 'value', axisLabel: { ...axisStyle, formatter: (v: number) => f.number(v, 0) } },
      series: [
        {
          name: t('actual'),
          type: 'bar',
          data: periods.map((p) => {
            const a = actual.get(p);
            return barDatum(a && { value: a.value, partial: isPartial(a) }, ACTUAL_COLOUR);
          }),
          itemStyle: { color: ACTUAL_COLOUR },
        },
        ...(plan.length
          ? [
              {
                name: planName,
                type: 'line',
                connectNulls: true,
                symbolSize: 9,
                data: periods.map((p) => planned.get(p) ?? null),
                lineStyle: { type: 'dashed', color: TARGET_COLOUR },
                itemStyle: { color: TARGET_COLOUR },
              },
            ]
          : []),
      ],
    }),
    [JSON.stringify(periods), JSON.stringify(points), JSON.stringify(plan), f.language, chartLabel, planName],
  );

  return (
    <figure className="panel chart" data-testid={`chart-${indicator.code}`}>
      <figcaption>
        <h3>
          {title} ({unitName(indicator.unit, f.language)})
        </h3>
      </figcaption>
      {periods.length === 0 ? <p className="muted">{t('common:noData')}</p> : <EChart option={option} label={chartLabel} height={260} />}
      {partial.length > 0 && (
        <p className="chart-note coverage-note" data-testid="chart-partial">
          {t('partialChart', { notes: partial.map((p) => `${label(p.period)} ${note(p.coverage)}`).join('; ') })}
        </p>
      )}
      {gaps && (
        <p className="chart-note muted" data-testid="chart-gaps">
          {t('gapsChart')}
        </p>
      )}
      <details>
        <summary>{t('dataTable')}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('actual')}</th>
                {plan.length > 0 && <th scope="col">{planName}</th>}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => {
                const a = actual.get(p);
                return (
                  <tr key={p}>
                    <th scope="row">{label(p)}</th>
                    <td className="num">
                      {f.number(a?.value)}
                      {a && <FigureMarks marks={rowMarks(a)} />}
                      {a && isPartial(a) && <span className="coverage-note"> ({note(a.coverage)})</span>}
                    </td>
                    {plan.length > 0 && <td className="num">{f.number(planned.get(p))}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
