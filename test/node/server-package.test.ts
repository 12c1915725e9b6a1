// docs/server.md's "Your store on Kefu, step by step", followed as written: its `sh guide` blocks
// run in order in one bash script, in an empty folder beside the clone (this checkout, built by
// `npm test` as step 0 says), with a free port in place of 8787; its `sh guide-server` block (the
// server's start) runs in the background between them. The server is then the packed package,
// installed with its dependencies from the registry (better-sqlite3 comes prebuilt or compiles:
// allow minutes), with nothing of the clone reachable: a server that still needed `src/` or a root
// devDependency at run time fails here (issue 30), and so does a guide step that no longer works
// (issue 22).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { freePort } from '../../scripts/reference-server.mjs';
import { acceptInvite, signInAgent } from '../support/agent-console.js';
import { launchBrowser } from '../support/browser.js';

const repo = resolve(import.meta.dirname, '../..');
const firstAdmin = { email: 'owner@tea-shop.example', name: 'Ada', password: 'packed-console-password' };

/** The guide's blocks, in order: the ones to run, and the server's start among them. */
function guideBlocks(): { kind: 'guide' | 'guide-server'; code: string }[] {
  const markdown = readFileSync(resolve(repo, 'docs/server.md'), 'utf8');
  const section = /\n## Your store on Kefu, step by step\n([\s\S]*?)\n## /.exec(markdown)?.[1];
  assert.ok(section, 'docs/server.md has its "Your store on Kefu, step by step" section');
  return [...section.matchAll(/^```sh (guide|guide-server)\n([\s\S]*?)^```$/gm)].map((match) => ({
    kind: match[1] as 'guide' | 'guide-server',
    code: match[2]!,
  }));
}

describe('docs/server.md’s store guide, followed: kefu-server from its tarball', { timeout: 15 * 60_000 }, () => {
  let dir: string;
  let store: string;
  let guide: ReturnType<typeof spawn> | undefined;
  let origin: string;
  let output = '';
  let serverLog = '';
  let browser: Browser | undefined;

  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'kefu-store-guide-'));
      // "A folder for your store beside the clone": the clone is this checkout.
      symlinkSync(repo, join(dir, 'kefu'));
      store = join(dir, 'my-store');
      const port = await freePort();
      const blocks = guideBlocks();
      assert.equal(blocks.filter((block) => block.kind === 'guide-server').length, 1, 'one start of the server');
      // The server's block in the background, its output to a file; the next blocks once it listens.
      const steps = blocks.map(({ kind, code }) => {
        const ported = code.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`);
        if (kind === 'guide') return ported;
        return [
          `( ${ported.trim()} ) > "${join(dir, 'server.log')}" 2>&1 &`,
          'for i in $(seq 1 600); do grep -q "^Kefu reference server:" "' +
            join(dir, 'server.log') +
            '" && break; sleep 0.1; done',
          `grep -q "^Kefu reference server:" "${join(dir, 'server.log')}" || { cat "${join(dir, 'server.log')}"; exit 1; }`,
        ].join('\n');
      });
      writeFileSync(join(dir, 'guide.sh'), ['set -euo pipefail', ...steps].join('\n'));
      guide = spawn('bash', [join(dir, 'guide.sh')], {
        cwd: dir,
        // Its own process group: the end of the test stops the server the script left running.
        detached: true,
        // What a person's shell has, and where the server listens; nothing of this test's npm run.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      guide.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      guide.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((done) => guide!.once('exit', done));
      serverLog = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      assert.equal(code, 0, `the guide's blocks:\n${output}\nthe server:\n${serverLog}`);
      origin = /^Kefu reference server: (http:\/\/127\.0\.0\.1:\d+)\/v1/m.exec(serverLog)![1]!;
    },
    { timeout: 12 * 60_000 },
  );

  after(async () => {
    await browser?.close();
    if (guide?.pid) {
      try {
        process.kill(-guide.pid, 'SIGTERM');
      } catch {
        // The group is gone already.
      }
      await delay(2000);
      try {
        process.kill(-guide.pid, 'SIGKILL');
      } catch {
        // Stopped by the SIGTERM.
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the guide’s settings, empty, and says so', async () => {
    assert.match(serverLog, /^The store is empty/m);
    const config = (await (await fetch(`${origin}/v1/config`)).json()) as { brand: { name: string } };
    assert.equal(config.brand.name, 'Lumen Tea House');
    assert.match(output, /"name":"Lumen Tea House"/, 'the guide’s last step saw it too');
  });

  it('holds the orders the guide pushed and imported, for shoppers to look up', async () => {
    assert.match(output, /Imported orders\.ndjson: 2 orders \(2 created/);
    for (const [orderNumber, email] of [
      ['LT-1001', 'ines@example.net'],
      ['LT-0998', 'sam@example.net'],
      ['LT-0999', 'kim@example.net'],
    ]) {
      const response = await fetch(`${origin}/v1/orders/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderNumber, email }),
      });
      assert.equal(response.status, 200, `${orderNumber}: ${await response.clone().text()}`);
    }
  });

  it('serves the imported article, registered the webhook and invited the agent', async () => {
    const sync = (await (await fetch(`${origin}/v1/articles?locale=en`)).json()) as { articles: { title: string }[] };
    assert.deepEqual(
      sync.articles.map((article) => article.title),
      ['Brewing green tea'],
    );
    assert.match(output, /"secret":"whsec_/, 'the webhook’s secret, shown once');
    assert.match(output, /\/agent\/invite#\S+/, 'Sam’s invite link');
  });

  it('installs a bin that starts with a shebang and may be executed', () => {
    const bin = join(store, 'node_modules/@kefu/server/dist/cli.js');
    assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    accessSync(bin, constants.X_OK);
  });

  it('ships no sources: the console runs from the build', () => {
    assert.equal(existsSync(join(store, 'node_modules/@kefu/server/src')), false);
  });

  it('answers the shopper API', async () => {
    const response = await fetch(`${origin}/v1/config`);
    assert.equal(response.status, 200, serverLog);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const config = (await response.json()) as Record<string, unknown>;
    assert.equal(typeof config, 'object');
  });

  it('serves the agent console’s page and script', async () => {
    const page = await fetch(`${origin}/agent`);
    assert.equal(page.status, 200, serverLog);
    assert.match(await page.text(), /<script type="module" src="\/agent\/console\.js"><\/script>/);
    const script = await fetch(`${origin}/agent/console.js`);
    assert.equal(script.status, 200, serverLog);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok((await script.text()).length > 10_000, 'a bundled console, not an empty file');
  });

  it('opens the console in a browser, where an agent signs in', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A store's first start has no agents: it prints the first admin's invite link.
    const invite = /become the first admin .*: (http:\/\/\S+\/agent\/invite#\S+)/.exec(serverLog)?.[1];
    assert.ok(invite, serverLog);
    await acceptInvite(page, invite, firstAdmin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAgent(page, `${origin}/agent`, firstAdmin, { online: 1 });
    assert.deepEqual(errors, []);
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
