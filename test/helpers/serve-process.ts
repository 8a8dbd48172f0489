/**
 * The real `vigia serve` in a child process of its own process group, for tests that need a
 * server they can stop with SIGTERM or kill with SIGKILL (kill -9 trials, backups under load,
 * the mixed load): resolves once it listens, with its URL and the first administrator's
 * password when it created one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/vigia.mjs');

export interface ServeProcess {
  url: string;
  /** The generated password of admin@vigia.local, on the start that created it. */
  adminPassword: string | undefined;
  child: ChildProcess;
  /** Everything the server printed. */
  output(): string;
  /** SIGKILL to the whole process group (the server and anything it started); resolves on exit. */
  kill9(): Promise<void>;
  /** SIGTERM and wait: the server's clean stop. */
  stop(): Promise<void>;
}

/**
 * Starts `vigia serve --port 0 ...args` with `env` added to this process's environment (give
 * VIGIA_DB or DATABASE_URL). Rejects with the server's output if it exits before listening.
 */
export function startServeProcess(env: NodeJS.ProcessEnv, args: string[] = [], timeoutMs = 120_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: '', VIGIA_WORKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      void signalGroup('SIGKILL');
      fail(new Error(`vigia serve did not listen within ${timeoutMs} ms: ${out}`));
    }, timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({
          url: m[1],
          adminPassword: out.match(/password: (\S+)/)?.[1],
          child,
          output: () => out,
          kill9: () => signalGroup('SIGKILL'),
          stop: () => signalGroup('SIGTERM'),
        });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`vigia serve exited (${code ?? signal}) before listening: ${out}`));
    });
  });
}

/** A fetch of `path` on `base` with a bearer token; JSON body when given an object. */
export async function api(
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** Signs in as `email` and returns a new personal API token (for scripts: no cookie, no CSRF header). */
export async function tokenFor(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  let cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const signedIn = (await res.json()) as { user?: { must_change_password?: number } };
  if (signedIn.user?.must_change_password === 1) {
    // A one-time password (the first administrator's): choose one first, as a person would.
    const changed = await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'vigia' },
      body: JSON.stringify({ current_password: password, new_password: `${password}-chosen` }),
    });
    if (changed.status !== 200) throw new Error(`password change failed: ${changed.status} ${await changed.text()}`);
    cookie = (changed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  const t = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'vigia' },
    body: JSON.stringify({ name: 'test' }),
  });
  const body = (await t.json()) as { token?: string };
  if (!body.token) throw new Error(`no token: ${t.status} ${JSON.stringify(body)}`);
  return body.token;
}
