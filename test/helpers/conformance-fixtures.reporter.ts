/**
 * Names, at the end of a run, the tests skipped because the conformance fixtures are missing
 * (marked by the `conformanceFixtures` meta of conformance-fixtures.ts), and says how to get them: the default reporter lists test names
 * only when a single file runs, so on a lone clone `npm test` would otherwise just count them.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class ConformanceFixturesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const notes = new Set<string>();
    const names: string[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests('skipped')) {
        const result = t.result();
        if (!t.meta().conformanceFixtures || result.state !== 'skipped') continue;
        if (result.note) notes.add(result.note);
        names.push(`${relative(process.cwd(), m.moduleId)} > ${t.fullName}`);
      }
    }
    if (!names.length) return;
    const lines = [
      '',
      `${names.length} conformance-fixture tests were skipped:`,
      ...[...notes].map((n) => `  ${n}`),
      '  Skipped:',
      ...names.map((n) => `    ↓ ${n}`),
      '',
    ];
    console.log(lines.join('\n'));
  }
}
