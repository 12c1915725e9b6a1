/**
 * IndexedDB in Chromium: the first read (opening the database included), a warm read of 100
 * records, and putting an item in the outbox — next to localStorage for the reads and a bare
 * idb-keyval `set` for the put. Each repetition runs in a fresh browser context (empty storage).
 */
import type { Browser } from 'playwright-core';
import { bundleBenchScript, openBenchPage, waitForBenchPage } from './lib/bench-page.js';
import { median, reps, round } from './lib/conditions.js';

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

export async function runIndexedDbBench(browser: Browser): Promise<IndexedDbResult> {
  const script = await bundleBenchScript('indexeddb.page.ts', { production: true, minify: true });
  const runs = reps(5);
  const samples: {
    first: { indexedDbMs: number; localStorageMs: number };
    warm: { indexedDbMs: number; oneTransactionMs: number; localStorageMs: number };
    put: { outboxMs: number; bareSetMs: number };
  }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openBenchPage(page, { '/bench.js': script }, 'indexedDbBench');
    const ready = () => waitForBenchPage(page, 'indexedDbBench');
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
