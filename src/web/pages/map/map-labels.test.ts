import { describe, expect, it } from 'vitest';
import { LABEL_SIZE, placeLabels, type LabelAnchor } from './map-labels';

const at = (code: string, x: number, y: number, weight = 1, r = 5): LabelAnchor => ({ code, name: `Place ${code}`, x, y, r, weight });

describe('place labels on the map', () => {
  it('sets a name to the right of its circle, clear of it', () => {
    const [label] = placeLabels([at('A', 100, 100, 1, 10)], 600, 400);
    expect(label).toMatchObject({ code: 'A', anchor: 'start' });
    expect(label!.x).toBeGreaterThan(110);
  });

  it('moves a name that would overlap to another side, and leaves out one with no room', () => {
    // Three places on one spot: right, left, above, below are the four positions.
    const labels = placeLabels([at('A', 300, 200, 3), at('B', 300, 200, 2), at('C', 300, 200, 1), at('D', 300, 200, 0.5), at('E', 300, 200, 0.1)], 600, 400);
    expect(labels.map((l) => [l.code, l.anchor])).toEqual([
      ['A', 'start'],
      ['B', 'end'],
      ['C', 'middle'],
      ['D', 'middle'],
    ]);
    expect(labels[2]!.y).toBeLessThan(200);
    expect(labels[3]!.y).toBeGreaterThan(200);
  });

  it('keeps names inside the map', () => {
    const [label] = placeLabels([at('A', 595, 200)], 600, 400);
    expect(label!.anchor).toBe('end');
    expect(placeLabels([at('A', 300, 2, 1, 0)], 600, 400)[0]!.y).toBeGreaterThanOrEqual(LABEL_SIZE * 0.8);
  });
});
