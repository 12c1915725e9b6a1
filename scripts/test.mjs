// `npm test`: installs what is missing, then lint and types, the generated-file check, the build
// with its size budgets, and every test suite: browser (web-test-runner in Chromium), node
// (node:test: server, React SSR, repository checks) and end-to-end (Playwright against the built
// demo). It ends with one line, `N passed, N failed`, summing every suite, and fails when any
// step fails or any suite ran no test.
//
//   npm test                      everything
//   npm test -- --only browser    one suite (browser | node | e2e), no lint or build
//   npm test -- --skip-lint       everything but lint and types
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureChromium, ensureDependencies } from './ensure.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const skipLint = args.includes('--skip-lint') || only !== undefined;

ensureDependencies();
ensureChromium();

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Runs a command, showing its output as it comes, and resolves with the exit code and the output. */
function run(label, command, commandArgs, env = {}) {
  console.log(`\n▶ ${label}`);
  return new Promise((done) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => done({ code: code ?? 1, output: stripAnsi(output) }));
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
    const { code, output } = await run('browser tests (web-test-runner, Chromium)', 'npx', ['web-test-runner']);
    const counts = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
    return { code, passed: Number(counts?.[1] ?? 0), failed: Number(counts?.[2] ?? 0) };
  },
  node: () =>
    nodeTests('node tests (node:test: server, React, repository checks)', [
      ...testFiles('packages/server/src', /\.test\.ts$/),
      ...testFiles('packages/react/src', /\.test\.tsx?$/),
      ...testFiles('test/node', /\.test\.ts$/),
    ]),
  e2e: () => nodeTests('end-to-end tests (Playwright, built demo)', testFiles('test/e2e', /\.test\.ts$/)),
};

async function nodeTests(label, files) {
  if (files.length === 0) return { code: 0, passed: 0, failed: 0 };
  const { code, output } = await run(label, process.execPath, [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
  const count = (name) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  return { code, passed: count('pass'), failed: count('fail') + count('cancelled') };
}

const failures = [];
async function step(label, command, commandArgs) {
  const { code } = await run(label, command, commandArgs);
  if (code !== 0) failures.push(label);
}

if (!skipLint) {
  await step('lint (ESLint, Prettier) and types (tsc --noEmit, the benchmarks too)', 'npm', [
    'run',
    'lint',
    '--silent',
  ]);
  await step('generated files up to date (custom-elements.json, React wrappers)', 'node', [
    'scripts/analyze.mjs',
    '--check',
  ]);
}
if (!only || only === 'e2e') await step('build and size budgets', 'node', ['scripts/build.mjs']);

let passed = 0;
let failed = 0;
for (const [name, suite] of Object.entries(suites)) {
  if (only && only !== name) continue;
  const result = await suite();
  passed += result.passed;
  failed += result.failed;
  if (result.passed + result.failed === 0) failures.push(`${name} suite ran no test`);
  else if (result.code !== 0 && result.failed === 0) failures.push(`${name} suite exited with ${result.code}`);
  console.log(`  ${name}: ${result.passed} passed, ${result.failed} failed`);
}

if (failures.length) console.error(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
