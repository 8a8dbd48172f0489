// Prints the slowest test files of vitest JSON reports (for keeping .ci/run within its time):
//   node scripts/slowest-tests.mjs [--top N] report.json ...
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

const args = process.argv.slice(2);
let top = 8;
const topAt = args.indexOf('--top');
if (topAt >= 0) {
  top = Number(args[topAt + 1]);
  args.splice(topAt, 2);
}
if (!args.length || !(top > 0)) {
  console.error('usage: node scripts/slowest-tests.mjs [--top N] report.json ...');
  process.exit(2);
}
for (const file of args) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const files = report.testResults
    .map((r) => ({ name: relative(process.cwd(), r.name), seconds: (r.endTime - r.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds);
  const total = files.reduce((sum, f) => sum + f.seconds, 0);
  console.log(`${basename(file, '.json')}: ${files.length} files, ${total.toFixed(0)} s in all; slowest:`);
  for (const f of files.slice(0, top)) console.log(`  ${f.seconds.toFixed(1).padStart(7)} s  ${f.name}`);
}
