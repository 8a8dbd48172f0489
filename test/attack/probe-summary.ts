/**
 * Global set-up of `npm run test:attack`: makes the tally file the attack tests append to,
 * and at the end prints one line per suite and one line with the totals.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TALLY_FILE_ENV, type ProbeTally } from './probe-tally.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-attack-'));
  const file = join(dir, 'tally.jsonl');
  process.env[TALLY_FILE_ENV] = file;
  return () => {
    let lines: ProbeTally[] = [];
    try {
      lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeTally);
    } catch {
      // no attack test tallied anything
    }
    rmSync(dir, { recursive: true, force: true });
    const bySuite = new Map<string, { tried: number; failed: number }>();
    for (const l of lines) {
      const s = bySuite.get(l.suite) ?? { tried: 0, failed: 0 };
      s.tried += l.tried;
      s.failed += l.failed;
      bySuite.set(l.suite, s);
    }
    let tried = 0;
    let failed = 0;
    for (const [suite, s] of [...bySuite].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`attack: ${suite}: ${s.tried} probes, ${s.failed} failures`);
      tried += s.tried;
      failed += s.failed;
    }
    console.log(`attack: ${tried} probes tried, ${failed} failures`);
  };
}
