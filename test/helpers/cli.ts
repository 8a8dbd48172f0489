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
  return runVigiaAs(undefined, env, ...args);
}

/** As runVigia, as the user `as` (a test run by root checking what another user may not read). */
export async function runVigiaAs(as: { uid: number; gid: number } | undefined, env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 60_000, ...as });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
