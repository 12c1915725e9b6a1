// `npx kefu-server` from the packed package, as someone without a clone of Kefu runs it (issue 30).
// @kefu/server and the one workspace package it needs (@kefu/core) are packed as `npm publish`
// would pack them, installed into an empty folder with their dependencies from the registry
// (better-sqlite3 comes prebuilt or compiles: allow minutes), and the installed bin is started on a
// free port of 127.0.0.1 with a fresh data folder. Nothing of the clone is reachable from there: a
// server that still needed `src/` or a root devDependency at run time fails here. Needs the build
// (`npm run build`), like `npm publish` would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { freePort } from '../../scripts/reference-server.mjs';
import { acceptInvite, signInAgent } from '../support/agent-console.js';
import { launchBrowser } from '../support/browser.js';
import { packWorkspaces } from '../support/pack.js';

const run = promisify(execFile);
const packages = ['packages/core', 'packages/server'];
const firstAdmin = { email: 'owner@tea-shop.example', name: 'Ada', password: 'packed-console-password' };

describe('kefu-server installed from its tarball', { timeout: 15 * 60_000 }, () => {
  let dir: string;
  let app: string;
  let server: ChildProcess | undefined;
  let origin: string;
  let output = '';
  let browser: Browser | undefined;

  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'kefu-server-package-'));
      const tarballs = (await packWorkspaces(packages, dir)).map(({ filename }) => join(dir, filename));
      app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kefu-server-from-npm', private: true }));
      // Out of the workspace: npm must not find the clone's package.json or node_modules above.
      await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
        cwd: app,
        timeout: 10 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });

      const port = await freePort();
      // --no: run the installed bin or fail, never fetch a package called kefu-server.
      server = spawn('npx', ['--no', 'kefu-server'], {
        cwd: app,
        // Its own process group, so the end of the test stops npx and the server under it.
        detached: true,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORT: String(port),
          HOST: '127.0.0.1',
          KEFU_DATA_DIR: join(dir, 'data'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      origin = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`kefu-server did not start in 60 s:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = output.match(/Kefu reference server: (http:\/\/127\.0\.0\.1:\d+)\/v1/);
          if (match) {
            clearTimeout(timer);
            done(match[1]!);
          }
        };
        server!.stdout!.on('data', read);
        server!.stderr!.on('data', read);
        server!.once('exit', (code) => {
          clearTimeout(timer);
          fail(new Error(`kefu-server exited with ${code}:\n${output}`));
        });
      });
    },
    { timeout: 12 * 60_000 },
  );

  after(async () => {
    await browser?.close();
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      process.kill(-server.pid, 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      if (!stopped) process.kill(-server.pid, 'SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs a bin that starts with a shebang and may be executed', () => {
    const bin = join(app, 'node_modules/@kefu/server/dist/cli.js');
    assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    accessSync(bin, constants.X_OK);
  });

  it('ships no sources: the console runs from the build', () => {
    assert.equal(existsSync(join(app, 'node_modules/@kefu/server/src')), false);
  });

  it('answers the shopper API', async () => {
    const response = await fetch(`${origin}/v1/config`);
    assert.equal(response.status, 200, output);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const config = (await response.json()) as Record<string, unknown>;
    assert.equal(typeof config, 'object');
  });

  it('serves the agent console’s page and script', async () => {
    const page = await fetch(`${origin}/agent`);
    assert.equal(page.status, 200, output);
    assert.match(await page.text(), /<script type="module" src="\/agent\/console\.js"><\/script>/);
    const script = await fetch(`${origin}/agent/console.js`);
    assert.equal(script.status, 200, output);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok((await script.text()).length > 10_000, 'a bundled console, not an empty file');
  });

  it('opens the console in a browser, where an agent signs in', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A store's first start has no agents: it prints the first admin's invite link.
    const invite = /become the first admin .*: (http:\/\/\S+\/agent\/invite#\S+)/.exec(output)?.[1];
    assert.ok(invite, output);
    await acceptInvite(page, invite, firstAdmin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAgent(page, `${origin}/agent`, firstAdmin, { online: 1 });
    assert.deepEqual(errors, []);
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
