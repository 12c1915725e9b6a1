// scripts/test.mjs's own checks (scripts/test-checks.mjs): each can fail. The node:test fixtures in
// test/node/fixtures/ run for real, through the same reporters npm test uses; the fixtures end in
// .fixture.ts, so the node suite's `*.test.ts` does not pick them up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  acceptCounts,
  countProblems,
  fileProblems,
  nodeFileCounts,
  summaryProblems,
} from '../../scripts/test-checks.mjs';
import { countTests, resultsReporter, type ResultSuite } from '../../scripts/wtr-results-reporter.mjs';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => `test/node/fixtures/${name}.fixture.ts`;
const work = mkdtempSync(join(tmpdir(), 'kefu-runner-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs node:test on the files as scripts/test.mjs does; returns the spec output and the JSON lines. */
function runNodeTests(files: string[]) {
  const destination = join(work, `results-${files.length}-${Date.now()}.jsonl`);
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  // Otherwise the child reports to this test run instead of printing.
  delete env.NODE_TEST_CONTEXT;
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-results.mjs',
      `--test-reporter-destination=${destination}`,
      ...files,
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
  return { output: child.stdout, results: readFileSync(destination, 'utf8') };
}

describe('the node suite checks', () => {
  it('fail a file with no test, a skipped test and a todo one, and pass a file with one test', () => {
    const files = [fixture('no-test'), fixture('skipped'), fixture('one-test')];
    const { output, results } = runNodeTests(files);
    const counts = nodeFileCounts(results, files, root);
    assert.deepEqual(counts[fixture('no-test')], { tests: 0, skipped: 0, todo: 0 });
    assert.deepEqual(counts[fixture('skipped')], { tests: 3, skipped: 1, todo: 1 });
    assert.deepEqual(counts[fixture('one-test')], { tests: 1, skipped: 0, todo: 0 });
    assert.deepEqual(fileProblems(counts), [
      `${fixture('no-test')} ran no test`,
      `${fixture('skipped')} skipped 1 test`,
      `${fixture('skipped')} has 1 todo test`,
    ]);
    assert.deepEqual(summaryProblems(output, 'node'), ['1 skipped', '1 todo']);
  });

  it('count the tests a file runs from a shared suite module for that file', () => {
    const files = [fixture('runs-shared-suite'), fixture('one-test')];
    const { results } = runNodeTests(files);
    const counts = nodeFileCounts(results, files, root);
    assert.deepEqual(counts[fixture('runs-shared-suite')], { tests: 2, skipped: 0, todo: 0 });
    assert.deepEqual(counts[fixture('one-test')], { tests: 1, skipped: 0, todo: 0 });
    assert.deepEqual(fileProblems(counts), []);
  });

  it('find nothing wrong with a file whose tests all run', () => {
    const files = [fixture('one-test')];
    const { output, results } = runNodeTests(files);
    assert.deepEqual(fileProblems(nodeFileCounts(results, files, root)), []);
    assert.deepEqual(summaryProblems(output, 'node'), []);
  });
});

describe('the browser suite checks', () => {
  const suite = (tests: { skipped: boolean }[], suites: ResultSuite[] = []): ResultSuite => ({
    name: '',
    suites,
    tests: tests.map((test, i) => ({ name: `test ${i}`, passed: !test.skipped, ...test })),
  });

  it('count each file’s tests and skips from web-test-runner’s sessions', () => {
    const destination = join(work, 'browser.json');
    const reporter = resultsReporter(destination);
    reporter.onTestRunFinished({
      sessions: [
        { testFile: join(root, 'a.test.ts'), errors: [], testResults: suite([], []) },
        {
          testFile: join(root, 'b.test.ts'),
          errors: [],
          testResults: suite([{ skipped: false }], [suite([{ skipped: true }, { skipped: false }])]),
        },
        { testFile: join(root, 'c.test.ts'), errors: [], testResults: suite([{ skipped: false }]) },
      ],
    });
    const counts = JSON.parse(readFileSync(destination, 'utf8'));
    assert.deepEqual(counts['b.test.ts'], { tests: 3, skipped: 1, todo: 0, errors: 0 });
    assert.deepEqual(fileProblems(counts), ['a.test.ts ran no test', 'b.test.ts skipped 1 test']);
    assert.deepEqual(countTests(undefined), { tests: 0, skipped: 0 });
  });

  it('read skipped tests from web-test-runner’s progress line', () => {
    assert.deepEqual(summaryProblems('Chromium: |████| 2/2 test files | 10 passed, 0 failed, 2 skipped\n', 'browser'), [
      '2 skipped',
    ]);
    assert.deepEqual(summaryProblems('Chromium: |████| 2/2 test files | 10 passed, 0 failed\n', 'browser'), []);
  });
});

describe('the suite counts', () => {
  const committed = { note: 'start', suites: { browser: 748, node: 181, e2e: 65 } };

  it('fail a drop of more than three, and nothing else', () => {
    assert.deepEqual(countProblems({ browser: 745, node: 190, e2e: 65 }, committed), []);
    const problems = countProblems({ browser: 744, node: 181 }, committed);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^browser ran 744 tests, 4 fewer than the 748/);
  });

  it('accept a drop only with a note, which then passes', () => {
    assert.throws(() => acceptCounts(committed, { browser: 700 }, undefined), /needs a note/);
    assert.throws(() => acceptCounts(committed, { browser: 700 }, '  '), /needs a note/);
    const accepted = acceptCounts(committed, { browser: 700 }, 'the old search tests went with the old search');
    assert.deepEqual(accepted, {
      note: 'the old search tests went with the old search',
      suites: { browser: 700, node: 181, e2e: 65 },
    });
    assert.deepEqual(countProblems({ browser: 700 }, accepted), []);
  });

  it('are committed for every suite', () => {
    const file = JSON.parse(readFileSync(join(root, 'test/suite-counts.json'), 'utf8'));
    assert.deepEqual(Object.keys(file.suites).sort(), ['browser', 'e2e', 'node', 'node-postgres']);
    assert.ok(typeof file.note === 'string' && file.note.length > 0);
  });
});

describe('the lint rule', () => {
  // ESLint in a process of its own: under this suite's `source` condition one of its plugins
  // resolves to TypeScript sources it cannot load.
  const lint = (code: string) => {
    const child = spawnSync(
      process.execPath,
      [
        'node_modules/eslint/bin/eslint.js',
        '--stdin',
        '--stdin-filename',
        'test/node/lint-fixture.test.ts',
        '--format',
        'json',
      ],
      { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const [result] = JSON.parse(child.stdout) as { messages: { ruleId: string | null; line: number }[] }[];
    return result!.messages
      .filter((message) => ['no-restricted-properties', 'no-restricted-syntax'].includes(message.ruleId ?? ''))
      .map((message) => message.line);
  };

  it('flags .only, .skip, .todo, { skip } and this.skip() in a test file', () => {
    const code = [
      "import { describe, it, test } from 'node:test';",
      "describe.only('a', () => {});",
      "it.only('b', () => {});",
      "it.skip('c', () => {});",
      "describe.skip('d', () => {});",
      "test.todo('e');",
      "test('f', { skip: 'later' }, () => {});",
      "it('g', function () { this.skip(); });",
      '',
    ].join('\n');
    assert.deepEqual(lint(code), [2, 3, 4, 5, 6, 7, 8]);
  });

  it('lets tests that run through', () => {
    const code = "import { it } from 'node:test';\nit('runs', () => {});\n";
    assert.deepEqual(lint(code), []);
  });
});
