/**
 * The standing attack-and-fault suite's count: every attack test reports how many probes it
 * tried and how many found a failure, and `npm run test:attack` prints the totals in one line
 * at the end (`probe-summary.ts`). Outside that run (plain `npm test`) tallying does nothing.
 */
import { appendFileSync } from 'node:fs';

/** Environment variable naming the file the tallies are appended to (set by the attack run). */
export const TALLY_FILE_ENV = 'VIGIA_PROBE_TALLY';

export interface ProbeTally {
  /** What was probed, e.g. "access matrix" or "xlsx bombs". */
  suite: string;
  tried: number;
  failed: number;
}

/** Records `tried` probes of `suite`, `failed` of which found a failure. */
export function tallyProbes(suite: string, tried: number, failed: number): void {
  const file = process.env[TALLY_FILE_ENV];
  if (!file) return;
  const line: ProbeTally = { suite, tried, failed };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
