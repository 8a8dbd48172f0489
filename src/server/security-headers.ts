/**
 * Security headers on every response, in one place so that no route, error answer or future
 * module can forget them. Routes may set a stricter or more specific policy (the web app sets
 * its own Content-Security-Policy and caching); this middleware only fills in what is missing,
 * except that API answers are never cached: they may carry data of whoever asked.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * HTML Vigia renders itself (reports, /api/docs) has inline styles and inline SVG, never a
 * script, an external resource or a form.
 */
export const RENDERED_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Reports are the one thing the web app frames (its report preview, same origin); everything
 * else may not be framed at all (clickjacking).
 */
function framedBySelf(path: string): boolean {
  return path.startsWith('/api/reports/');
}

/** Adds nosniff, a referrer policy, framing rules, a CSP for HTML and no-store for API data. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const path = c.req.path;
    const self = framedBySelf(path);
    const frameAncestors = self ? "frame-ancestors 'self'" : "frame-ancestors 'none'";
    h.set('X-Content-Type-Options', 'nosniff');
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'same-origin');
    h.set('X-Frame-Options', self ? 'SAMEORIGIN' : 'DENY');
    if (!h.has('Content-Security-Policy')) {
      const html = (h.get('Content-Type') ?? '').toLowerCase().startsWith('text/html');
      // For non-HTML answers the framing rule is all a policy adds (and a wider one could stop
      // a browser's PDF viewer).
      h.set('Content-Security-Policy', html ? `${RENDERED_HTML_POLICY}; ${frameAncestors}` : frameAncestors);
    }
    // Every API answer may depend on who asked (or on data that changes with the next write):
    // no browser or proxy may keep it. Outside the API the web app sets its own caching
    // (hashed assets for a year, the page revalidated); anything else is not stored either.
    if (path === '/api' || path.startsWith('/api/') || !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}
