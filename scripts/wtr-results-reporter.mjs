// A web-test-runner reporter for scripts/test.mjs: when KEFU_WTR_RESULTS names a file, it writes
// there, once the run is over, each test file's count of tests and of skipped tests, so
// scripts/test-checks.mjs can fail a file with no test or a skipped one. It prints nothing.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/** Counts the tests of one mocha result tree (suites within suites). */
function countTests(suite) {
  const counts = { tests: 0, skipped: 0 };
  if (!suite) return counts;
  for (const test of suite.tests) {
    counts.tests += 1;
    if (test.skipped) counts.skipped += 1;
  }
  for (const child of suite.suites) {
    const inner = countTests(child);
    counts.tests += inner.tests;
    counts.skipped += inner.skipped;
  }
  return counts;
}

/** @param {string | undefined} destination */
export function resultsReporter(destination = process.env.KEFU_WTR_RESULTS) {
  return {
    onTestRunFinished({ sessions }) {
      if (!destination) return;
      const files = {};
      for (const session of sessions) {
        const file = relative(process.cwd(), session.testFile);
        const counts = countTests(session.testResults);
        files[file] = { ...counts, todo: 0, errors: session.errors.length };
      }
      writeFileSync(destination, `${JSON.stringify(files, null, 2)}\n`);
    },
  };
}

export { countTests };
