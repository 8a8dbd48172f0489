/**
 * The web app in headless Chromium against a local server with the demo data:
 * - `dashboard_first_render_ms`: median, over several cold loads (a new browser context each:
 *   empty cache), of the time from navigation start until the dashboard's cards show values
 *   and its charts are drawn. Target ≤ 1,500 ms.
 * - `web_js_gzip_kb`: the JavaScript the first page (the signed-in dashboard) actually loads,
 *   each file gzip-compressed (level 9, as a server would send it) and summed. Target ≤ 400 KB.
 * Besides, `public_first_render_ms` for the signed-out public dashboard, and the API time a
 * dashboard load spends, to tell server time from browser time.
 */
import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildWebApp } from '../test/helpers/build-web.js';
import { chromiumInstalled, launchBrowser } from '../test/helpers/chromium.js';
import { DEMO_PASSWORD, DEMO_USERS, startDemoServer } from '../test/helpers/demo-server.js';
import type { Benchmark, Metric } from './bench-context.js';
import { median, round } from './stats.js';

const MAX_LOADS = 9;
interface MiniElement {
  textContent: string | null;
  querySelector(selector: string): unknown;
}
/** The dashboard is drawn: at least one card with a value, and every chart has its SVG. (Runs in the page.) */
function dashboardReady(): boolean {
  const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<MiniElement> } }).document;
  const values = Array.from(doc.querySelectorAll('[data-testid="card-value"]'));
  if (values.length === 0 || values.some((v) => !/\d/.test(v.textContent ?? ''))) return false;
  return Array.from(doc.querySelectorAll('main [role="img"]')).every((c) => c.querySelector('svg') !== null);
}

interface Load {
  ms: number;
  jsGzipBytes: number;
  jsFiles: number;
  apiMs: number;
}

async function coldLoad(browser: Browser, url: string, signIn: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    if (signIn) {
      const r = await context.request.post(`${url}/api/auth/sign-in`, {
        data: { email: DEMO_USERS.officer.email, password: DEMO_PASSWORD },
        headers: { 'X-Requested-With': 'vigia' },
      });
      if (!r.ok()) throw new Error(`sign-in failed: ${r.status()}`);
    }
    const page: Page = await context.newPage();
    const js: Promise<number>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') js.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
    });
    await page.goto(`${url}${signIn ? '/dashboard' : '/public'}`);
    await page.waitForFunction(dashboardReady, undefined, { timeout: 30_000, polling: 'raf' });
    const ms = (await page.evaluate('performance.now()')) as number;
    const apiMs = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).reduce((m, e) => Math.max(m, e.responseEnd), 0) - performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).reduce((m, e) => Math.min(m, e.startTime), Infinity)`,
    )) as number;
    const sizes = await Promise.all(js);
    return { ms, jsGzipBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length, apiMs };
  } finally {
    await context.close();
  }
}

export const webBench: Benchmark = {
  name: 'web',
  description: 'dashboard first render in headless Chromium (demo data, local server) and the first page’s gzipped JavaScript',
  async run(ctx): Promise<Record<string, Metric>> {
    if (!chromiumInstalled()) {
      ctx.note('web: /usr/bin/chromium is not installed (apt-get install chromium); web metrics not measured');
      return { dashboard_first_render_ms: null, web_js_gzip_kb: null };
    }
    ctx.log('web: building the app …');
    const webRoot = buildWebApp();
    const vigia = await startDemoServer(webRoot);
    const browser = await launchBrowser();
    try {
      const loads = Math.max(3, Math.min(ctx.options.runs, MAX_LOADS));
      // One warm-up load: the server's first requests compile statements and read the demo.
      await coldLoad(browser, vigia.url, true);
      const dashboard: Load[] = [];
      const pub: Load[] = [];
      for (let i = 0; i < loads; i++) {
        dashboard.push(await coldLoad(browser, vigia.url, true));
        pub.push(await coldLoad(browser, vigia.url, false));
      }
      const first = dashboard[0] as Load;
      ctx.log(`web: ${loads} cold loads each; dashboard ${dashboard.map((l) => Math.round(l.ms)).join(', ')} ms; ${first.jsFiles} JS files`);
      return {
        dashboard_first_render_ms: round(median(dashboard.map((l) => l.ms)), 0),
        dashboard_api_span_ms: round(median(dashboard.map((l) => l.apiMs)), 0),
        public_first_render_ms: round(median(pub.map((l) => l.ms)), 0),
        web_js_gzip_kb: round(first.jsGzipBytes / 1024, 1),
        web_js_files: first.jsFiles,
      };
    } finally {
      await browser.close();
      await vigia.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  },
};
