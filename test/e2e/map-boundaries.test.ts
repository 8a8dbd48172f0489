import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

interface Place {
  code: string;
  name: string;
  lat: number | null;
  lon: number | null;
}
interface Row {
  place?: { code: string; name: string };
  value: number | null;
}

const SHAPED = ['PE-10', 'PE-22'];
const en = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v);

/** A closed rectangle around a place's coordinates, d degrees each way. */
function rectangle(p: Place, d = 0.6) {
  const [lon, lat] = [p.lon!, p.lat!];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

async function json<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${vigia.url}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

describe('map with imported boundaries', () => {
  it('draws the places with a boundary as shaded shapes, the others as circles', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'admin');
    const { places } = await json<{ places: Place[] }>(page, '/api/programs/PE/places?level=2');
    const shaped = SHAPED.map((code) => places.find((p) => p.code === code)!);
    expect(shaped.every((p) => p.lat !== null && p.lon !== null)).toBe(true);

    // An administrator sets two boundaries through the API (the page's own session).
    const put = await page.request.put(`${vigia.url}/api/programs/PE/boundaries`, {
      headers: { 'X-Requested-With': 'vigia' },
      data: { type: 'FeatureCollection', features: shaped.map((p) => ({ type: 'Feature', properties: { code: p.code }, geometry: rectangle(p) })) },
    });
    expect(put.status()).toBe(200);
    const read = await json<{ features: { properties: { code: string } }[] }>(page, '/api/programs/PE/boundaries?level=2');
    expect(read.features.map((f) => f.properties.code)).toEqual(SHAPED);

    const { rows } = await json<{ rows: Row[] }>(page, '/api/analytics?program=PE&indicator=ERAD_HA&by=place-level:2,period:year&from=2012&to=2012');
    const withValue = rows.filter((r) => r.place && r.value !== null && r.value > 0);
    const valueOf = new Map(withValue.map((r) => [r.place!.code, r.value!]));
    expect(SHAPED.every((c) => valueOf.has(c))).toBe(true);

    await page.goto(`${vigia.url}/map?indicator=ERAD_HA&period=2012`);
    await page.getByTestId('map').waitFor();
    const shapes = page.locator('[data-testid=shape]');
    await expect.poll(() => shapes.count()).toBe(2);
    const drawn = await shapes.evaluateAll((ps) =>
      ps.map((p) => ({
        place: p.getAttribute('data-place'),
        label: p.getAttribute('aria-label'),
        tab: p.getAttribute('tabindex'),
        fill: p.getAttribute('fill'),
        d: p.getAttribute('d') ?? '',
      })),
    );
    expect(drawn.map((s) => s.place).sort()).toEqual(SHAPED);
    for (const s of drawn) {
      const place = shaped.find((p) => p.code === s.place)!;
      expect(s.label).toBe(`${place.name}: ${en(valueOf.get(place.code)!)} hectares`);
      expect(s.tab).toBe('0');
      expect(s.fill).toMatch(/^#[0-9a-f]{6}$/);
      expect(s.d.length).toBeGreaterThan(10);
    }

    // Each shape covers its own small rectangle, not the rest of the globe (rings wound for d3).
    const frame = (await page.getByTestId('map').boundingBox())!;
    for (const code of SHAPED) {
      const box = (await page.locator(`[data-testid=shape][data-place="${code}"]`).boundingBox())!;
      expect(box.width / frame.width).toBeLessThan(0.2);
      expect(box.width).toBeGreaterThan(5);
    }
    await expect(page.getByTestId('country-outline').isVisible()).resolves.toBe(true);

    // Every other department with a value keeps its circle; the shaped ones have none.
    const expectedCircles = [...valueOf.keys()].filter((c) => !SHAPED.includes(c)).sort();
    expect(expectedCircles.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await page.locator('[data-testid=symbol]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-place')))).sort())
      .toEqual(expectedCircles);

    // The darker shade goes to the larger value.
    const [a, b] = SHAPED.map((code) => drawn.find((s) => s.place === code)!);
    if (valueOf.get('PE-10') !== valueOf.get('PE-22')) expect(a!.fill === b!.fill).toBe(false);
    await expect(page.getByTestId('map-shade-legend').textContent()).resolves.toMatch(/up to [\d,]+ hectares/);

    // Keyboard and hover: a shape shows the tooltip with its place and value; Escape hides it.
    const huanuco = page.locator('[data-testid=shape][data-place="PE-10"]');
    await huanuco.focus();
    const tip = page.getByTestId('map-tooltip');
    await expect.poll(() => tip.textContent()).toContain(`${en(valueOf.get('PE-10')!)} hectares`);
    expect(await tip.textContent()).toContain(shaped[0]!.name);
    await page.keyboard.press('Escape');
    await expect(tip.count()).resolves.toBe(0);
    // The shaped places count as on the map in the table.
    await expect(page.getByTestId('map-table').locator('tr[data-place="PE-22"] .map-off').count()).resolves.toBe(0);

    expect(await seriousA11yViolations(page)).toEqual([]);
    // Hover Huánuco's shape; the tooltip stands above it, clear of San Martín's to the north.
    await page.locator('[data-testid=shape][data-place="PE-10"]').hover();
    await expect.poll(() => tip.textContent()).toContain(shaped[0]!.name);
    await screenshot(page, 'map-boundaries');
  });
});
