/** Runs the real `vigia` command in a child process, for CLI tests. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/vigia.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vigia ...args` with `env`; never throws, so exit codes and stderr can be asserted. */
export async function runVigia(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return runVigiaAs(false, env, ...args);
}

/**
 * As runVigia; with `withoutReadOverride`, a root process runs the command without the power to
 * read any file whatever its mode (a test checking a file its owner may not read). Switching to
 * another user instead would fail wherever the checkout sits in a directory only root may enter.
 */
export async function runVigiaAs(withoutReadOverride: boolean, env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const [command, argv] = withoutReadOverride
    ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  try {
    const { stdout, stderr } = await run(command, argv, { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
