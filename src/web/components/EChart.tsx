/**
 * One ECharts chart. Only the chart kinds and components Vigia uses are registered (echarts/core),
 * with the SVG renderer: a far smaller bundle than the full library, and crisp text in screenshots.
 * The chart gets an accessible name, and a data table equivalent is the caller's to give.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;

export function EChart({ option, label, height = 280, testId }: { option: ChartOption; label: string; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // ECharts' aria module would replace the container's label with generated text; give it ours.
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, { notMerge: true });
  }, [option, label]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
