// Starts the reference server in a child process on a free port of 127.0.0.1, with a fresh data
// folder, for test runners that cannot import TypeScript themselves (web-test-runner's config).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/**
 * @param {{ allowedOrigins: string[], env?: Record<string, string> }} options
 * @returns {Promise<{ apiBase: string, origin: string, stop(): void }>}
 */
export function startReferenceServer({ allowedOrigins, env = {} }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-reference-'));
  // --demo: the browser suites are written against the demo store's orders and articles.
  const args = ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', '--demo'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      KEFU_DATA_DIR: dataDir,
      KEFU_ALLOWED_ORIGINS: allowedOrigins.join(','),
      KEFU_CHAT_ALWAYS_OPEN: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`reference server did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/Kefu reference server: (http:\/\/[^\s]+)\/v1/);
      if (match) {
        clearTimeout(timer);
        done({ origin: match[1], apiBase: `${match[1]}/v1`, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`reference server exited with ${code}:\n${output}`));
    });
  });
}
