/** Starts the HTTP server on the configured host and port; resolves once it is listening. */
import { serve, type ServerType } from '@hono/node-server';
import type { App } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function listen(app: App, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise((res, rej) => server?.close((e) => (e ? rej(e) : res()))),
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}
