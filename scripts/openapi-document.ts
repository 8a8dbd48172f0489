/** The OpenAPI document of the app, made in-process (an empty in-memory database suffices). */
import { openDatabase } from '../src/db/database.js';
import { createApp } from '../src/server/app.js';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const opened = openDatabase({ file: ':memory:' });
  try {
    const app = createApp({ db: opened.db, engine: opened.engine });
    const res = await app.request('http://localhost/api/openapi.json');
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await opened.db.destroy();
  }
}
