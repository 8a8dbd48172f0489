/**
 * A tiny client for HTTP tests that goes through the whole app (middleware, validation,
 * authorization, error mapping) in-process, keeping the session cookie like a browser.
 */
import type { App } from '../../src/server/app.js';

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

export class TestClient {
  cookie: string | undefined;
  bearer: string | undefined;

  constructor(private readonly app: App) {}

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'x-requested-with': 'vigia', ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(`http://localhost${path}`, { method, headers, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) {
      const pair = set.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) || /Max-Age=0/i.test(set) ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown): Promise<Reply> {
    return this.request('POST', path, body ?? {});
  }

  async signIn(email: string, password: string): Promise<Reply> {
    const r = await this.post('/api/auth/sign-in', { email, password });
    if (r.status !== 200) throw new Error(`sign-in as ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}
