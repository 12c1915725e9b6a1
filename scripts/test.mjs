// `npm test`: installs what is missing, then lint and types, the generated-file check, the build
// with its size budgets, and every test suite: browser (web-test-runner in Chromium), node
// (node:test: server, React SSR, repository checks), node-postgres (the server's tests again, on
// PostgreSQL) and end-to-end (Playwright against the built demo). It ends with one line, `N passed, N failed`, summing every suite, and fails when any
// step fails, any test file runs no test, any test is skipped or todo, or a suite's count falls
// more than three below test/suite-counts.json (scripts/test-checks.mjs holds these checks).
//
//   npm test                               everything
//   npm test -- --only browser             one suite (browser | node | node-postgres | e2e), no lint
//                                          or build
//   npm test -- --skip-lint                everything but lint and types
//   npm test -- --accept-counts "why"      a deliberate drop: write this run's counts and the note
//                                          to test/suite-counts.json
//
// On two cores the whole run must stay well under CI's 25 minutes, so two pairs of stages that do
// not share files or a browser run side by side: lint and types beside the build, and the
// node-postgres suite (mostly waiting on PostgreSQL) beside the browser suite (one page at a time).
// The second of each pair prints its output when it ends, so no two outputs interleave.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePostgres } from './ensure.mjs';
import { startSuitePostgres } from './suite-postgres.mjs';
import { acceptCounts, countProblems, fileProblems, nodeFileCounts, summaryProblems } from './test-checks.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const skipLint = args.includes('--skip-lint') || only !== undefined;
const acceptArg = args.find((arg) => arg === '--accept-counts' || arg.startsWith('--accept-counts='));
const acceptNote =
  acceptArg === '--accept-counts' ? args[args.indexOf(acceptArg) + 1] : acceptArg?.slice('--accept-counts='.length);
const countsFile = resolve(root, 'test/suite-counts.json');
if (acceptArg && !acceptNote?.trim()) {
  console.error('--accept-counts needs a note: npm test -- --accept-counts "why the count went down"');
  process.exit(1);
}
// Where the runners write their per-file results (see scripts/*-results*.mjs).
const resultsDir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
process.on('exit', () => rmSync(resultsDir, { recursive: true, force: true }));

ensureDependencies();
ensureChromium();
// Every suite starts PostgreSQL clusters: the node suites, the browser suite's reference server on
// PostgreSQL, and the e2e test of two instances on one database (test/e2e/scale-out.test.ts).
ensurePostgres();

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** What stages that ran beside another printed, by label, until showHeld() shows it. */
const heldOutputs = new Map();
function showHeld() {
  for (const [label, output] of heldOutputs)
    process.stdout.write(`\n▶ ${label} (ran beside the stage before)\n${output}`);
  heldOutputs.clear();
}

/**
 * Runs a command and resolves with the exit code and the output. Its output is shown as it comes,
 * or, for a stage running beside another (`held`), all at once when it ends.
 */
function run(label, command, commandArgs, env = {}, { held = false } = {}) {
  if (!held) console.log(`\n▶ ${label}`);
  return new Promise((done) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!held) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (!held) process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      if (held) heldOutputs.set(label, output);
      done({ code: code ?? 1, output: stripAnsi(output) });
    });
  });
}

function testFiles(dir, pattern) {
  const walk = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'node_modules' || entry.name === 'dist') return [];
      const path = join(folder, entry.name);
      return entry.isDirectory() ? walk(path) : pattern.test(entry.name) ? [relative(root, path)] : [];
    });
  return existsSync(resolve(root, dir)) ? walk(resolve(root, dir)) : [];
}

const suites = {
  async browser() {
    const resultsFile = join(resultsDir, 'browser.json');
    const { code, output } = await run('browser tests (web-test-runner, Chromium)', 'npx', ['web-test-runner'], {
      KEFU_WTR_RESULTS: resultsFile,
    });
    const counts = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
    const problems = summaryProblems(output, 'browser');
    if (existsSync(resultsFile)) problems.push(...fileProblems(JSON.parse(readFileSync(resultsFile, 'utf8'))));
    else problems.push('no per-file results (is resultsReporter() in web-test-runner.config.mjs?)');
    return { code, passed: Number(counts?.[1] ?? 0), failed: Number(counts?.[2] ?? 0), problems };
  },
  node: () =>
    nodeTests('node tests (node:test: server, React, repository checks)', [
      ...testFiles('packages/server/src', /\.test\.ts$/),
      ...testFiles('packages/react/src', /\.test\.tsx?$/),
      ...testFiles('test/node', /\.test\.ts$/),
    ]),
  // The server's tests once more with every server on PostgreSQL (KEFU_TEST_DATABASE=postgres), in
  // one cluster for the run. Files that already test both engines themselves are not run twice.
  'node-postgres': async (how) => {
    const files = testFiles('packages/server/src', /\.test\.ts$/).filter(
      (file) =>
        !/describeOnBothEngines|openTestEngine\(|startPostgres\(|freshPostgresDatabase\(/.test(
          readFileSync(resolve(root, file), 'utf8'),
        ),
    );
    const cluster = await startSuitePostgres();
    try {
      return await nodeTests(
        'node tests on PostgreSQL (the server, KEFU_TEST_DATABASE=postgres)',
        files,
        { KEFU_TEST_DATABASE: 'postgres', KEFU_TEST_POSTGRES_URL: cluster.url },
        how,
      );
    } finally {
      await cluster.stop();
    }
  },
  e2e: () => nodeTests('end-to-end tests (Playwright, built demo)', testFiles('test/e2e', /\.test\.ts$/)),
};

async function nodeTests(label, files, env = {}, how = {}) {
  if (files.length === 0) return { code: 0, passed: 0, failed: 0, problems: [] };
  const resultsFile = join(resultsDir, `node-${Date.now()}.jsonl`);
  const { code, output } = await run(
    label,
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--test',
      // A file whose test failed with servers still open must not hold the run until CI's limit.
      '--test-force-exit',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-results.mjs',
      `--test-reporter-destination=${resultsFile}`,
      ...files,
    ],
    env,
    how,
  );
  const count = (name) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  const results = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const problems = [...summaryProblems(output, 'node'), ...fileProblems(nodeFileCounts(results, files, root))];
  // node:test counts a file with no test as one passing test; fileProblems has named it already.
  return { code, passed: count('pass'), failed: count('fail') + count('cancelled'), problems };
}

const failures = [];
async function step(label, command, commandArgs, how = {}) {
  const { code } = await run(label, command, commandArgs, {}, how);
  if (code !== 0) failures.push(label);
}

const build = !only || only === 'e2e';
const lintAndTypes = async (how) => {
  if (skipLint) return;
  await step(
    'lint (ESLint, Prettier) and types (tsc --noEmit, the benchmarks too)',
    'npm',
    ['run', 'lint', '--silent'],
    how,
  );
  await step(
    'generated files up to date (custom-elements.json, React wrappers)',
    'node',
    ['scripts/analyze.mjs', '--check'],
    how,
  );
};
await Promise.all([
  build ? step('build and size budgets', 'node', ['scripts/build.mjs']) : undefined,
  lintAndTypes({ held: build }),
]);
showHeld();

let passed = 0;
let failed = 0;
const suiteCounts = {};
const summary = [];
// Started beside the browser suite when both run (see the top of this file); awaited in its turn.
const besideBrowser = !only
  ? suites['node-postgres']({ held: true }).catch((error) => ({
      code: 1,
      passed: 0,
      failed: 0,
      problems: [error instanceof Error ? error.message : String(error)],
    }))
  : undefined;
for (const [name, suite] of Object.entries(suites)) {
  if (only && only !== name) continue;
  const result = await (name === 'node-postgres' && besideBrowser ? besideBrowser : suite());
  showHeld();
  passed += result.passed;
  failed += result.failed;
  suiteCounts[name] = result.passed + result.failed;
  if (result.passed + result.failed === 0) failures.push(`${name} suite ran no test`);
  else if (result.code !== 0 && result.failed === 0) failures.push(`${name} suite exited with ${result.code}`);
  failures.push(...result.problems.map((problem) => `${name}: ${problem}`));
  summary.push(`  ${name}: ${result.passed} passed, ${result.failed} failed`);
}

// Each suite's count against the committed one: a drop of more than three needs a note.
const committed = JSON.parse(readFileSync(countsFile, 'utf8'));
if (acceptArg) {
  writeFileSync(countsFile, `${JSON.stringify(acceptCounts(committed, suiteCounts, acceptNote), null, 2)}\n`);
  console.log(`\ntest/suite-counts.json now holds this run's counts; commit it with the reason.`);
} else {
  failures.push(...countProblems(suiteCounts, committed));
  const risen = Object.entries(suiteCounts).filter(([suite, count]) => count > (committed.suites[suite] ?? 0));
  if (risen.length)
    console.log(
      `\nMore tests than test/suite-counts.json (${risen.map(([suite, count]) => `${suite} ${count}`).join(', ')}): ` +
        'npm test -- --accept-counts "why" raises the floor.',
    );
}

console.log(`\nPer suite:\n${summary.join('\n')}`);

if (failures.length) console.error(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
