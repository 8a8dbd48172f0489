/**
 * Browser tests need the built web app: build it once, into a folder of this run's own (so two
 * runs at once never serve each other's half-written files), and tell the tests where it is.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from './vigia-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    webRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const out = mkdtempSync(join(tmpdir(), 'vigia-web-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  project.provide('webRoot', out);
  return () => rmSync(out, { recursive: true, force: true });
}
