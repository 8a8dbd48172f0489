/** Coca cultivation by source, as grouped bars: the estimates are compared, never summed. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../components/EChart';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { orderSources, series } from './dashboard-stats';
import { usePeriodLabel } from '../../i18n/period-label';
import { FigureMarks, rowMarks } from '../../components/FigureMarks';
import { SOURCE_COLOURS, axisStyle } from './chart-style';
import { unitName } from '../../i18n/unit-label';

export function CocaChart({ indicator, rows }: { indicator: Indicator; rows: readonly AnalyticsRow[] }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const name = useLocalName();
  const label = usePeriodLabel();
  const sources = orderSources(indicator.sources);
  const bySource = sources.map((source) => ({ source, points: new Map(series(rows, indicator.code, source).map((p) => [p.period, p])) }));
  const periods = [...new Set(bySource.flatMap((s) => [...s.points.keys()]))].sort();

  const chartLabel = t('cocaLabel', { sources: sources.join(', ') });
  const option = useMemo<ChartOption>(
    () => ({
      // ECharts' aria module writes its own description into the container's aria-label: give it ours.
      aria: { enabled: true, label: { description: chartLabel } },
      grid: { left: 64, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, textStyle: axisStyle },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? f.number(v) : '—') },
      xAxis: { type: 'category', data: periods.map(label), axisLabel: axisStyle },
      yAxis: { type: 'value', axisLabel: { ...axisStyle, formatter: (v: number) => f.number(v, 0) } },
      series: bySource.map((s, i) => ({
        name: s.source,
        type: 'bar',
        data: periods.map((p) => s.points.get(p)?.value ?? null),
        itemStyle: { color: SOURCE_COLOURS[i % SOURCE_COLOURS.length] },
      })),
    }),
    [JSON.stringify(periods), JSON.stringify(bySource.map((s) => [...s.points.values()])), f.language, chartLabel],
  );

  return (
    <figure className="panel chart" data-testid="chart-coca" data-sources={sources.join(' ')}>
      <figcaption>
        <h3>
          {t('cocaTitle')} ({unitName(indicator.unit, f.language)})
        </h3>
        <p className="muted">{t('cocaNote')}</p>
      </figcaption>
      {periods.length === 0 ? <p className="muted">{t('common:noData')}</p> : <EChart option={option} label={chartLabel} height={260} />}
      <details>
        <summary>{t('dataTable')}</summary>
        <div className="table-wrap">
          <table data-testid="coca-table">
            <caption className="visually-hidden">{name(indicator)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('period')}</th>
                {sources.map((s) => (
                  <th scope="col" key={s}>
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p}>
                  <th scope="row">{label(p)}</th>
                  {bySource.map((s) => {
                    const point = s.points.get(p);
                    return (
                      <td className="num" key={s.source}>
                        {f.number(point?.value)}
                        {point && <FigureMarks marks={rowMarks(point)} />}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
