// Types for scripts/test-checks.mjs (test/node/runner.test.ts imports it).
export interface FileCounts {
  tests: number;
  skipped: number;
  todo?: number;
}
export interface SuiteCounts {
  note?: string;
  suites: Record<string, number>;
}
export const COUNT_TOLERANCE: number;
export function nodeFileCounts(jsonLines: string, files: string[], root?: string): Record<string, Required<FileCounts>>;
export function fileProblems(counts: Record<string, FileCounts>): string[];
export function summaryProblems(output: string, runner: 'node' | 'browser'): string[];
export function countProblems(counts: Record<string, number>, committed: SuiteCounts, tolerance?: number): string[];
export function acceptCounts(
  committed: SuiteCounts,
  counts: Record<string, number>,
  note: string | undefined,
): { note: string; suites: Record<string, number> };
