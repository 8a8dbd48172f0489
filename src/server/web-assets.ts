/**
 * Serves the built web app (dist/web) at `/`: files under /assets are content-hashed and cached
 * for a year; every other path that is not a file gets index.html, so the app's own routes
 * (/dashboard, /map, …) survive a reload. The files are read once, at start-up.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** No inline scripts; inline styles are allowed because the chart library positions with them. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

interface Asset {
  body: Uint8Array;
  type: string;
}

function readTree(root: string, dir = root, out = new Map<string, Asset>()): Map<string, Asset> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(root, path, out);
    else if (statSync(path).isFile()) {
      out.set('/' + relative(root, path).split(sep).join('/'), { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' });
    }
  }
  return out;
}

/** Adds the web app's routes; returns false (and adds nothing) when the app has not been built. */
export function serveWebApp(app: Hono<never>, root: string): boolean {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const assets = readTree(root);
  const page = assets.get('/index.html') as Asset;
  app.get('*', (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/')) return next();
    const asset = assets.get(path);
    const headers: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    };
    if (asset && path !== '/index.html') {
      headers['Content-Type'] = asset.type;
      headers['Cache-Control'] = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers);
    }
    // A missing hashed asset is a 404, not the page: a stale tab must not get HTML for its JS.
    if (path.startsWith('/assets/')) return c.text('not found', 404);
    headers['Content-Type'] = page.type;
    headers['Cache-Control'] = 'no-cache';
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return c.body(page.body as Uint8Array<ArrayBuffer>, 200, headers);
  });
  return true;
}
