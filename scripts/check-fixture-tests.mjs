// Fails unless the conformance-fixture tests ran and passed, in vitest JSON reports (for .ci/run,
// where a skipped fixture test must not go unnoticed). They are the tests carrying the
// `conformanceFixtures` meta (test/helpers/conformance-fixtures.ts):
//   node scripts/check-fixture-tests.mjs report.json ...
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node scripts/check-fixture-tests.mjs report.json ...');
  process.exit(2);
}
let ok = true;
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const bySet = {};
  const notPassed = [];
  for (const r of report.testResults) {
    for (const a of r.assertionResults) {
      const set = a.meta?.conformanceFixtures;
      if (!set) continue;
      bySet[set] = (bySet[set] ?? 0) + 1;
      if (a.status !== 'passed') notPassed.push(`${a.status}: ${relative(process.cwd(), r.name)} > ${[...a.ancestorTitles, a.title].join(' > ')}`);
    }
  }
  const counts = Object.entries(bySet)
    .map(([set, n]) => `${n} ${set}`)
    .join(', ');
  if (!counts) {
    console.error(`${basename(file, '.json')}: no conformance-fixture test ran`);
    ok = false;
  } else if (notPassed.length) {
    console.error(`${basename(file, '.json')}: ${notPassed.length} conformance-fixture tests did not pass (of ${counts}):`);
    for (const line of notPassed) console.error(`  ${line}`);
    ok = false;
  } else {
    console.log(`${basename(file, '.json')}: the conformance-fixture tests all passed (${counts})`);
  }
}
process.exit(ok ? 0 : 1);
