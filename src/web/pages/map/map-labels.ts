/**
 * Where the places' names go on the map (issue 14, "place labels on the map"): beside each
 * place's circle or shape anchor, trying right, left, above and below, and left out where every
 * position would overlap a name already placed or run off the map. The biggest places are
 * placed first, so it is the small ones whose names give way; every name stays in the tooltip
 * and the table. Pure, so it is unit-tested on its own.
 */

export interface LabelAnchor {
  code: string;
  name: string;
  x: number;
  y: number;
  /** The circle's radius (0 for a shape's anchor): the name is set clear of it. */
  r: number;
  /** Bigger first: the order of placement. */
  weight: number;
}

export interface PlacedLabel {
  code: string;
  name: string;
  /** The text's anchor point (SVG `text-anchor` start/middle/end) and baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Font size of the labels in map units (the map is 600 wide: about 11 px on a 420 px wide map). */
export const LABEL_SIZE = 16;
/** An estimate of a character's width at LABEL_SIZE: generous, so estimates do not overlap. */
const CHAR_WIDTH = LABEL_SIZE * 0.58;
const GAP = 3;

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The labels that fit, for a map `width` × `height`. */
export function placeLabels(anchors: readonly LabelAnchor[], width: number, height: number): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = [];
  for (const a of [...anchors].sort((p, q) => q.weight - p.weight || p.name.localeCompare(q.name))) {
    const w = a.name.length * CHAR_WIDTH;
    const h = LABEL_SIZE;
    const d = a.r + GAP;
    // Baseline y of the text; box from y - h*0.8 to y + h*0.2.
    const candidates: PlacedLabel[] = [
      { code: a.code, name: a.name, x: a.x + d, y: a.y + h * 0.35, anchor: 'start' },
      { code: a.code, name: a.name, x: a.x - d, y: a.y + h * 0.35, anchor: 'end' },
      // Above and below clear both the circle and a name set beside it.
      { code: a.code, name: a.name, x: a.x, y: a.y - Math.max(d, h * 0.5) - h * 0.2, anchor: 'middle' },
      { code: a.code, name: a.name, x: a.x, y: a.y + Math.max(d, h * 0.6) + h * 0.8, anchor: 'middle' },
    ];
    for (const c of candidates) {
      const x0 = c.anchor === 'start' ? c.x : c.anchor === 'end' ? c.x - w : c.x - w / 2;
      const box = { x0, y0: c.y - h * 0.8, x1: x0 + w, y1: c.y + h * 0.2 };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      if (boxes.some((b) => overlaps(b, box))) continue;
      boxes.push(box);
      placed.push(c);
      break;
    }
  }
  return placed;
}
