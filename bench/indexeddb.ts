/**
 * IndexedDB in Chromium: the first read (opening the database included), a warm read of 100
 * records, and putting an item in the outbox — next to localStorage for the reads and a bare
 * idb-keyval `set` for the put. Each repetition runs in a fresh browser context (empty storage).
 */
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'esbuild';
import { median, reps, round } from './lib/conditions.js';

const here = import.meta.dirname;
const RECORDS = 100;
const PUTS = 15;

export interface IndexedDbResult {
  readonly runs: number;
  readonly records: number;
  readonly firstRead: { readonly indexedDbMs: number; readonly localStorageMs: number };
  readonly warmRead: {
    readonly indexedDbMs: number;
    readonly oneTransactionMs: number;
    readonly localStorageMs: number;
  };
  readonly outboxPut: { readonly outboxMs: number; readonly bareSetMs: number };
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(here, 'indexeddb.page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    tsconfig: resolve(here, '../tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

export async function runIndexedDbBench(browser: Browser): Promise<IndexedDbResult> {
  const script = await bundle();
  const runs = reps(5);
  const samples: {
    first: { indexedDbMs: number; localStorageMs: number };
    warm: { indexedDbMs: number; oneTransactionMs: number; localStorageMs: number };
    put: { outboxMs: number; bareSetMs: number };
  }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // localhost is a secure context (crypto.randomUUID, Web Locks); the page is served by a route.
    await page.route('http://localhost/**', (route) =>
      route.fulfill(
        route.request().url().endsWith('/bench.js')
          ? { contentType: 'text/javascript', body: script }
          : {
              contentType: 'text/html',
              body: '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>',
            },
      ),
    );
    const ready = () => page.waitForFunction('"indexedDbBench" in window');
    await page.goto('http://localhost/');
    await ready();
    await page.evaluate(`indexedDbBench.seed(${RECORDS})`);
    await page.reload();
    await ready();
    const first = (await page.evaluate('indexedDbBench.firstRead()')) as {
      indexedDbMs: number;
      localStorageMs: number;
    };
    const warm = (await page.evaluate(`indexedDbBench.warmRead(${RECORDS})`)) as (typeof samples)[number]['warm'];
    const put = (await page.evaluate(`indexedDbBench.outboxPut(${PUTS})`)) as { outboxMs: number; bareSetMs: number };
    samples.push({ first, warm, put });
    await context.close();
  }
  const pick = (select: (sample: (typeof samples)[number]) => number) => round(median(samples.map(select)), 2);
  return {
    runs,
    records: RECORDS,
    firstRead: { indexedDbMs: pick((s) => s.first.indexedDbMs), localStorageMs: pick((s) => s.first.localStorageMs) },
    warmRead: {
      indexedDbMs: pick((s) => s.warm.indexedDbMs),
      oneTransactionMs: pick((s) => s.warm.oneTransactionMs),
      localStorageMs: pick((s) => s.warm.localStorageMs),
    },
    outboxPut: { outboxMs: pick((s) => s.put.outboxMs), bareSetMs: pick((s) => s.put.bareSetMs) },
  };
}
