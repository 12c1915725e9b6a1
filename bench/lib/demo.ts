/**
 * The built demo storefront for the benchmarks: rebuilt first when it is missing or older than the
 * sources, then copied to a temporary directory under the shared build lock (other sessions rebuild
 * demo/dist while we measure), with a second home page that lacks the Kefu script tag.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, type RunningServer } from '@kefu/server';
import { startDemoServer } from '../../test/support/demo-server.js';

export const repo = resolve(import.meta.dirname, '../..');
const LOCK = '/tmp/kefu-dist.lock';
const LOADER_TAG = /\s*<script src="\/kefu\/kefu\.js"[^>]*><\/script>/;
const DEMO_SETUP_TAG = /\s*<script src="\/demo-setup\.js"><\/script>/;

export interface DemoCopy {
  /** A private copy of demo/dist: index.html with the loader, bare.html without it. */
  readonly root: string;
  /** What scripts/size.mjs --json said about the same build (read under the same lock). */
  readonly sizes: SizeEntry[];
  readonly rebuilt: boolean;
  remove(): void;
}

export interface SizeEntry {
  readonly name: string;
  readonly files?: number;
  readonly gzip?: number;
  readonly brotli?: number;
  readonly budget: number;
  readonly status: string;
}

/**
 * Builds if needed and copies the demo, all while holding the lock (bench/lib/copy-demo.mjs), so
 * the pages measured and the sizes reported come from one build. KEFU_BENCH_NO_BUILD=1 never builds.
 */
export function copyDemo(): DemoCopy {
  const temporary = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const site = join(temporary, 'site');
  const output = execFileSync('flock', [LOCK, 'node', 'bench/lib/copy-demo.mjs', site], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const { rebuilt, sizes } = JSON.parse(output) as { rebuilt: boolean; sizes: SizeEntry[] };
  const home = readFileSync(join(site, 'index.html'), 'utf8');
  if (!LOADER_TAG.test(home)) throw new Error('demo/dist/index.html has no Kefu script tag');
  // The demo's own switch (?backend=memory) is not what a storefront adds: neither page has it.
  const withKefu = home.replace(DEMO_SETUP_TAG, '');
  writeFileSync(join(site, 'index.html'), withKefu);
  writeFileSync(join(site, 'bare.html'), withKefu.replace(LOADER_TAG, ''));
  return { root: site, sizes, rebuilt, remove: () => rmSync(temporary, { recursive: true, force: true }) };
}

export interface Storefront {
  readonly origin: string;
  /** The home page with the one line a storefront adds. */
  readonly withKefu: string;
  /** The same page without it. */
  readonly without: string;
  close(): Promise<void>;
}

/** The reference server and the demo's static server, as the e2e tests run them. */
export async function startStorefront(root: string): Promise<Storefront> {
  const api: RunningServer = await startServer({ port: 0, demo: true });
  const demo = await startDemoServer({ root, apiOrigin: api.origin });
  return {
    origin: demo.origin,
    withKefu: `${demo.origin}/index.html`,
    without: `${demo.origin}/bare.html`,
    async close() {
      await demo.close();
      await api.close();
    },
  };
}
