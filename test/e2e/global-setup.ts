/**
 * Browser tests need the built web app: build it once, into a folder of this run's own (so two
 * runs at once never serve each other's half-written files), and tell the tests where it is.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWebApp } from '../helpers/build-web.js';

declare module 'vitest' {
  export interface ProvidedContext {
    webRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const out = buildWebApp();
  project.provide('webRoot', out);
  return () => rmSync(out, { recursive: true, force: true });
}
