/**
 * Charts as data and their layout: one model (categories × series) laid out once into plain
 * shapes in a fixed box, which the SVG writer and the PDF painter both draw. So the chart in
 * the HTML page and the one in the PDF are the same chart.
 */
import { formatNumber } from '../../core/number-format.js';
import type { Lang } from '../../core/statements/language.js';

export interface ChartSeries {
  name: string;
  /** Bars (actual values, one per source) or a line with markers (targets). */
  style: 'bar' | 'line';
  /** One value per category; null where there are no data. */
  values: (number | null)[];
}

export interface ChartModel {
  title: string;
  /** The axis unit as words ("hectares"); '' for counts. */
  unitLabel: string;
  /** Period labels along the x axis. */
  categories: string[];
  series: ChartSeries[];
  lang: Lang;
  /** Height in points (default CHART_HEIGHT); small multiples are lower. */
  height?: number;
}

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string };

export interface ChartLayout {
  width: number;
  height: number;
  shapes: Shape[];
}

export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 240;
const BAR_COLOURS = ['#1f5f8b', '#7fa7c9', '#4d7c3a', '#a4c290'];
const LINE_COLOURS = ['#c0392b', '#d98c1f'];
const INK = '#333333';
/** Height of one more row of legend. */
const LEGEND_ROW = 14;
const GRID = '#dddddd';

/** Rounds a coordinate so the same chart always writes the same text. */
const r2 = (n: number): number => Math.round(n * 100) / 100;

/** A "nice" step (1, 2 or 5 × 10^k) giving about `ticks` intervals up to `max`. */
export function niceStep(max: number, ticks = 4): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Lays a chart out: grid and axis labels, grouped bars, target lines with markers, a legend. */
export function layoutChart(model: ChartModel): ChartLayout {
  const W = CHART_WIDTH;
  const H = model.height ?? CHART_HEIGHT;
  const left = 64;
  const right = 12;
  const top = 24;
  // Room below the axis for the period labels and, under them, the legend.
  const bottom = 46;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const shapes: Shape[] = [];

  const all = model.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const maxValue = Math.max(0, ...all);
  const step = niceStep(maxValue);
  const yMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const y = (v: number) => top + plotH - (Math.max(0, v) / yMax) * plotH;
  const decimals = step < 1 ? Math.min(6, Math.ceil(-Math.log10(step))) : 0;

  for (let v = 0; v <= yMax + step / 2; v += step) {
    shapes.push({ kind: 'line', x1: left, y1: r2(y(v)), x2: W - right, y2: r2(y(v)), stroke: GRID, width: 1 });
    shapes.push({ kind: 'text', x: left - 6, y: r2(y(v) + 3.5), text: formatNumber(v, model.lang, decimals), size: 9, anchor: 'end', fill: INK });
  }
  if (model.unitLabel) shapes.push({ kind: 'text', x: left, y: top - 8, text: model.unitLabel, size: 9, anchor: 'start', fill: INK });
  shapes.push({ kind: 'line', x1: left, y1: top + plotH, x2: W - right, y2: top + plotH, stroke: INK, width: 1 });

  const n = Math.max(1, model.categories.length);
  const band = plotW / n;
  // A series with no data at all (no targets set) is left out, legend included.
  const drawn = model.series.filter((s) => s.values.some((v) => v !== null));
  const bars = drawn.filter((s) => s.style === 'bar');
  const lines = drawn.filter((s) => s.style === 'line');
  const barW = (band * 0.7) / Math.max(1, bars.length);
  model.categories.forEach((c, i) => {
    shapes.push({ kind: 'text', x: r2(left + band * (i + 0.5)), y: H - bottom + 14, text: c, size: 9, anchor: 'middle', fill: INK });
  });
  bars.forEach((s, k) => {
    s.values.forEach((v, i) => {
      if (v === null) return;
      const x = left + band * i + band * 0.15 + barW * k;
      shapes.push({ kind: 'rect', x: r2(x), y: r2(y(v)), w: r2(barW - 1), h: r2(top + plotH - y(v)), fill: BAR_COLOURS[k % BAR_COLOURS.length]! });
    });
  });
  lines.forEach((s, k) => {
    const colour = LINE_COLOURS[k % LINE_COLOURS.length]!;
    // A gap in the data breaks the line rather than bridging it.
    let run: [number, number][] = [];
    const flushRun = () => {
      if (run.length > 1) shapes.push({ kind: 'polyline', points: run, stroke: colour, width: 2 });
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flushRun();
      const pt: [number, number] = [r2(left + band * (i + 0.5)), r2(y(v))];
      run.push(pt);
      shapes.push({ kind: 'circle', cx: pt[0], cy: pt[1], r: 3.5, fill: '#ffffff', stroke: colour });
    });
    flushRun();
  });

  // The legend runs under the axis, wrapping onto more rows (and a taller chart) as needed;
  // entry widths are estimated at about half the font size per character.
  const entries = [
    ...bars.map((s, k) => ({ s, colour: BAR_COLOURS[k % BAR_COLOURS.length]! })),
    ...lines.map((s, k) => ({ s, colour: LINE_COLOURS[k % LINE_COLOURS.length]! })),
  ];
  let row = 0;
  let lx = left;
  const placed = entries.map((e) => {
    const w = 28 + e.s.name.length * 4.8;
    if (lx > left && lx + w > W - right) {
      row++;
      lx = left;
    }
    const at = { ...e, x: lx, row };
    lx = r2(lx + w);
    return at;
  });
  const height = H + row * LEGEND_ROW;
  for (const { s, colour, x, row: r } of placed) {
    const ly = H - 12 + r * LEGEND_ROW;
    if (s.style === 'bar') shapes.push({ kind: 'rect', x, y: ly - 9, w: 10, h: 10, fill: colour });
    else {
      shapes.push({ kind: 'line', x1: x - 2, y1: ly - 4, x2: x + 12, y2: ly - 4, stroke: colour, width: 2 });
      shapes.push({ kind: 'circle', cx: x + 5, cy: ly - 4, r: 3, fill: '#ffffff', stroke: colour });
    }
    shapes.push({ kind: 'text', x: x + 15, y: ly, text: s.name, size: 9, anchor: 'start', fill: INK });
  }
  return { width: W, height, shapes };
}
