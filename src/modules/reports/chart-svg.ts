/** Writes a laid-out chart as standalone SVG, by hand: no chart library, same bytes every time. */
import { layoutChart, type ChartModel, type Shape } from './chart-layout.js';
import { escapeXml } from '../../core/xml-escape.js';

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case 'rect':
      return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}"/>`;
    case 'line':
      return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
    case 'polyline':
      return `<polyline points="${s.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
    case 'circle':
      return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="2"/>`;
    case 'text':
      return `<text x="${s.x}" y="${s.y}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}">${escapeXml(s.text)}</text>`;
  }
}

/** The chart as an `<svg>` element (no XML declaration), titled for screen readers. */
export function chartSvg(model: ChartModel): string {
  const { width, height, shapes } = layoutChart(model);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(model.title)}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(model.title)}</title>`,
    ...shapes.map(shapeSvg),
    '</svg>',
  ].join('\n');
}
