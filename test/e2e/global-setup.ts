/** Browser tests need the built web app: build it once before they run. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './vigia-server.js';

export default function setup(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
