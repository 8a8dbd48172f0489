/** The demo server of test/helpers/demo-server.ts, serving the web app the global setup built. */
import { inject } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, ROOT, startDemoServer, type DemoUser, type RunningVigia } from '../helpers/demo-server.js';

export { ROOT, type RunningVigia };
export const E2E_PASSWORD = DEMO_PASSWORD;
export const E2E_USERS = DEMO_USERS;
export type E2EUser = DemoUser;

export function startVigia(options: Parameters<typeof startDemoServer>[1] = {}): Promise<RunningVigia> {
  return startDemoServer(inject('webRoot'), options);
}
