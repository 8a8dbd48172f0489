/**
 * The conformance fixtures (real DHIS2 payloads, the IATI 2.03 schema and its own tests) carry
 * their upstream licences and are kept outside this repository, in `../shared/fixtures` beside
 * it or wherever VIGIA_FIXTURES points (absolute, or relative to the repository root). Tests that
 * read them go through here: on a lone clone they are skipped with a note saying how to get the
 * fixtures; under CI (CI=true, as `.ci/run` sets) a missing folder fails them instead.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, it, type TestContext } from 'vitest';

export type FixtureSet = 'dhis2' | 'iati';

declare module 'vitest' {
  interface TaskMeta {
    /** Set on every test that reads a fixture set: reporters and `.ci/run` find them by it. */
    conformanceFixtures?: FixtureSet;
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesRoot = resolve(repoRoot, process.env.VIGIA_FIXTURES || '../shared/fixtures');

const inCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

function missingNote(dir: string): string {
  return (
    `conformance fixtures missing: ${dir} not found. Put the shared fixtures folder beside the repository ` +
    '(../shared/fixtures, holding dhis2/ and iati/) or set VIGIA_FIXTURES to it; see README, "Tests".'
  );
}

export interface ConformanceFixtures {
  /** The set's folder (it may be absent: read it only inside the wrappers below). */
  dir: string;
  /** `describe` whose tests are skipped (or, under CI, failed) when the set is absent. */
  describe(name: string, fn: () => void): void;
  /** `it` that is skipped (or, under CI, failed) when the set is absent. */
  it(name: string, fn: (ctx: TestContext) => unknown, timeout?: number): void;
}

export function conformanceFixtures(set: FixtureSet): ConformanceFixtures {
  const dir = resolve(fixturesRoot, set);
  const present = existsSync(dir);
  const guard = (ctx: TestContext): void => {
    if (present) return;
    if (inCi) throw new Error(`${missingNote(dir)} CI=true: the fixture tests must run here.`);
    ctx.skip(missingNote(dir));
  };
  const meta = { conformanceFixtures: set };
  return {
    dir,
    describe: (name, fn) =>
      describe(name, { meta }, () => {
        beforeEach(guard);
        fn();
      }),
    it: (name, fn, timeout) =>
      it(name, { meta, timeout }, (ctx) => {
        guard(ctx);
        return fn(ctx);
      }),
  };
}
