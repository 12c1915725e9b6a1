// Types for scripts/wtr-results-reporter.mjs (test/node/runner.test.ts imports it): the parts of
// web-test-runner's sessions it reads.
export interface ResultSuite {
  name: string;
  suites: ResultSuite[];
  tests: { name: string; passed: boolean; skipped: boolean }[];
}
export interface ResultSession {
  testFile: string;
  errors: unknown[];
  testResults?: ResultSuite;
}
export function countTests(suite: ResultSuite | undefined): { tests: number; skipped: number };
export function resultsReporter(destination?: string): {
  onTestRunFinished(args: { sessions: ResultSession[] }): void;
};
