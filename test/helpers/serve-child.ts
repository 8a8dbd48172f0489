/**
 * The real `vigia serve --demo` in a child process, for tests that must watch the server as a
 * process (its memory, that it stays up) rather than call the app in-process: a fresh SQLite
 * file, the demo program, the first administrator signed in, and raw HTTP on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const VIGIA_BIN = resolve(import.meta.dirname, '../../bin/vigia.mjs');

export interface RawReply {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ServeChild {
  base: string;
  pid: number;
  dir: string;
  dbFile: string;
  /** The first administrator's session cookie. */
  cookie: string;
  /** Everything the server printed. */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** One request on a fresh connection, as the administrator unless `cookie` is ''. */
  call(method: string, path: string, body?: Buffer | string, headers?: Record<string, string>, timeoutMs?: number): Promise<RawReply>;
  stop(): Promise<void>;
}

/** Peak resident memory of a process so far (VmHWM), in bytes. */
export function peakRss(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  if (!m?.[1]) throw new Error(`no VmHWM for process ${pid}`);
  return Number(m[1]) * 1024;
}

/** Starts `vigia serve --demo` on a free port with `env` added, and signs the administrator in. */
export async function startServeChild(env: Record<string, string> = {}): Promise<ServeChild> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-serve-'));
  const dbFile = join(dir, 'vigia.db');
  const child: ChildProcess = spawn(process.execPath, [VIGIA_BIN, 'serve', '--demo', '--port', '0'], {
    env: { ...process.env, VIGIA_DB: dbFile, HOST: '127.0.0.1', DATABASE_URL: '', VIGIA_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const base = await new Promise<string>((ok, fail) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) ok(m[1]);
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`vigia serve exited (${code}): ${out}`)));
  });
  const password = out.match(/password: (\S+)/)?.[1] ?? '';
  let cookie = '';
  const call: ServeChild['call'] = (method, path, body, headers = {}, timeoutMs = 120_000) =>
    new Promise((ok, fail) => {
      const h: Record<string, string> = { 'x-requested-with': 'vigia', ...headers };
      if (cookie && !('cookie' in headers)) h.cookie = cookie;
      if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
      const req = request(`${base}${path}`, { method, agent: false, headers: h, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', fail);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)));
      req.on('error', fail);
      req.end(body);
    });
  const signIn = await call('POST', '/api/auth/sign-in', JSON.stringify({ email: 'admin@vigia.local', password }), { 'content-type': 'application/json' });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  const cookieOf = (r: { headers: IncomingHttpHeaders }) => {
    const set = r.headers['set-cookie'];
    return (Array.isArray(set) ? set[0] : set)?.split(';')[0] ?? '';
  };
  cookie = cookieOf(signIn);
  // The first administrator's password is one-time: choose one, as a person would.
  const changed = await call('POST', '/api/auth/password', JSON.stringify({ current_password: password, new_password: `${password}-chosen` }), {
    'content-type': 'application/json',
  });
  if (changed.status !== 200) throw new Error(`password change failed: ${changed.status} ${changed.text}`);
  cookie = cookieOf(changed);
  return {
    base,
    pid: child.pid!,
    dir,
    dbFile,
    cookie,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    call,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
