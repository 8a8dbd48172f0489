/**
 * Coca cultivation by source, as grouped bars: the estimates are compared, never summed. Every
 * year between the first and the last is on the axis (a year without data is a gap); a partial
 * period is a hollow bar with its note.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../components/EChart';
import { useFormat } from '../../i18n/format';
import { useLocalName } from '../../i18n/local-name';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { isPartial, orderSources, series, yearAxis, type YearKind } from './dashboard-stats';
import { useCoverageNote } from '../../components/CoverageNote';
import { usePeriodLabel } from '../../i18n/period-label';
import { FigureMarks, rowMarks } from '../../components/FigureMarks';
import { SOURCE_COLOURS, axisStyle, barDatum } from './chart-style';
import { unitName } from '../../i18n/unit-label';

export function CocaChart({ indicator, rows, kind }: { indicator: Indicator; rows: readonly AnalyticsRow[]; kind: YearKind }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const name = useLocalName();
  const label = usePeriodLabel();
  const sources = orderSources(indicator.sources);
  const bySource = sources.map((source) => ({ source, points: new Map(series(rows, indicator.code, source).map((p) => [p.period, p])) }));
  const periods = yearAxis(
    bySource.flatMap((s) => [...s.points.values()].filter((p) => p.value !== null).map((p) => p.period)),
    kind,
  );
  const note = useCoverageNote();
  const partial = bySource.flatMap((s) => [...s.points.values()].filter((p) => p.value !== null && isPartial(p)).map((p) => ({ source: s.source, p })));
  const gaps = periods.some((p) => bySource.every((s) => (s.points.get(p)?.value ?? null) === null));

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
        data: periods.map((p) => {
          const point = s.points.get(p);
          return barDatum(point && { value: point.value, partial: isPartial(point) }, SOURCE_COLOURS[i % SOURCE_COLOURS.length]!);
        }),
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
      {partial.length > 0 && (
        <p className="chart-note coverage-note" data-testid="chart-partial">
          {t('partialChart', { notes: partial.map(({ source, p }) => `${source} ${label(p.period)} ${note(p.coverage)}`).join('; ') })}
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
                        {point && isPartial(point) && <span className="coverage-note"> ({note(point.coverage)})</span>}
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
