// The checks scripts/test.mjs makes on what the test runners report, beyond passed and failed:
// every test file runs at least one test, no test is skipped or todo, and no suite's count drops
// by more than a few below the committed count (test/suite-counts.json). Pure functions, so
// test/node/runner.test.ts can run them on saved outputs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';

/** How far a suite's count may fall below the committed count before `npm test` fails. */
export const COUNT_TOLERANCE = 3;

/**
 * Counts the tests of each file from scripts/node-test-results.mjs's JSON lines. Every file in
 * `files` gets an entry, so a file that produced no test shows `tests: 0`. node:test reports a
 * file with no test as one passing test named after the file: that one is not counted.
 * @param {string} jsonLines
 * @param {string[]} files paths relative to `root`
 * @param {string} root
 */
export function nodeFileCounts(jsonLines, files, root = process.cwd()) {
  /** @type {Record<string, { tests: number, skipped: number, todo: number }>} */
  const counts = Object.fromEntries(files.map((file) => [file, { tests: 0, skipped: 0, todo: 0 }]));
  const relativeFile = (file) => (isAbsolute(file) ? relative(root, file) : file);
  const add = (file, event) => {
    counts[file] ??= { tests: 0, skipped: 0, todo: 0 };
    if (event.skip) counts[file].skipped += 1;
    if (event.todo) counts[file].todo += 1;
    if (!event.suite) counts[file].tests += 1;
  };
  // node:test names a test's file by where it was declared. A test file may run tests declared in a
  // shared module (a reusable suite like chat/hub.suite.ts, the both-engines helper's describe):
  // those count for every listed file that imports the module. A module that only declared suites
  // is no test file of its own.
  const importers = new Map();
  const importersOf = (module) => {
    if (!importers.has(module)) {
      const name = basename(module).replace(/\.[cm]?[jt]sx?$/, '');
      importers.set(
        module,
        files.filter((file) => {
          const text = existsSync(resolve(root, file)) ? readFileSync(resolve(root, file), 'utf8') : '';
          return new RegExp(`from ['"][^'"]*/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.[jt]s)?['"]`).test(text);
        }),
      );
    }
    return importers.get(module);
  };
  for (const line of jsonLines.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line);
    if (!event.file) continue;
    const file = relativeFile(event.file);
    if (event.nesting === 0 && relativeFile(event.name) === file) continue;
    if (files.includes(file)) add(file, event);
    else if (!event.suite) {
      const runners = importersOf(file);
      for (const runner of runners.length > 0 ? runners : [file]) add(runner, event);
    }
  }
  return counts;
}

/**
 * What is wrong with the per-file counts: a file with no test, or with a skipped or todo one.
 * @param {Record<string, { tests: number, skipped: number, todo?: number }>} counts
 */
export function fileProblems(counts) {
  return Object.entries(counts).flatMap(([file, { tests, skipped, todo = 0 }]) => [
    ...(tests === 0 ? [`${file} ran no test`] : []),
    ...(skipped > 0 ? [`${file} skipped ${skipped} test${skipped === 1 ? '' : 's'}`] : []),
    ...(todo > 0 ? [`${file} has ${todo} todo test${todo === 1 ? '' : 's'}`] : []),
  ]);
}

/**
 * Skipped and todo tests in a runner's own summary: node:test's spec reporter (`ℹ skipped N`,
 * `ℹ todo N`) or web-test-runner's progress line (`N passed, N failed, N skipped`).
 * @param {string} output the runner's output, without ANSI escapes
 * @param {'node' | 'browser'} runner
 */
export function summaryProblems(output, runner) {
  if (runner === 'node') {
    const count = (name) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)`, 'm'))?.[1] ?? 0);
    return [
      ...(count('skipped') > 0 ? [`${count('skipped')} skipped`] : []),
      ...(count('todo') > 0 ? [`${count('todo')} todo`] : []),
    ];
  }
  const progress = [...output.matchAll(/\d+ passed, \d+ failed(?:, (\d+) skipped)?/g)].at(-1);
  const skipped = Number(progress?.[1] ?? 0);
  return skipped > 0 ? [`${skipped} skipped`] : [];
}

/**
 * Suites whose count fell more than COUNT_TOLERANCE below the committed count. Counts going up are
 * fine; a suite that did not run is not compared.
 * @param {Record<string, number>} counts this run's tests per suite (passed + failed)
 * @param {{ suites: Record<string, number> }} committed test/suite-counts.json
 */
export function countProblems(counts, committed, tolerance = COUNT_TOLERANCE) {
  return Object.entries(counts).flatMap(([suite, count]) => {
    const floor = committed.suites?.[suite];
    if (floor === undefined || count >= floor - tolerance) return [];
    return [
      `${suite} ran ${count} tests, ${floor - count} fewer than the ${floor} in test/suite-counts.json ` +
        '(a deliberate drop: npm test -- --accept-counts "why")',
    ];
  });
}

/**
 * test/suite-counts.json after `--accept-counts "why"`: this run's counts for the suites that ran,
 * and the note. Without a note nothing is accepted.
 * @param {{ suites: Record<string, number>, note?: string }} committed
 * @param {Record<string, number>} counts
 * @param {string | undefined} note
 */
export function acceptCounts(committed, counts, note) {
  if (!note?.trim()) throw new Error('--accept-counts needs a note: npm test -- --accept-counts "why"');
  return { note: note.trim(), suites: { ...committed.suites, ...counts } };
}
