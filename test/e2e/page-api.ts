/**
 * API calls from inside a signed-in page (its session cookie and the CSRF header), for browser
 * tests that set up or check through the API what the page shows.
 */
import type { Page } from 'playwright-core';

/** Sends a JSON body (or none) and answers the status. */
export async function apiSend(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) =>
      (
        await fetch(p as string, {
          method: m as string,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'vigia' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        })
      ).status,
    [method, path, body],
  );
}

/** The JSON answer of a GET. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path)) as T;
}
