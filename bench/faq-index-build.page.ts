/**
 * The page side of bench/faq-index-build.ts: the FAQ search engine builds the index of a generated
 * help centre, on the main thread or in its Web Worker, exactly as the store asks it to. The Node
 * side traces the main thread meanwhile; this side says when the build started and ended.
 */
import { createCache, createIdbStorage, manualPageLocation, systemClock } from '@kefu/core';
import { createFaqSearchEngine } from '../packages/core/src/faq/faq-search-engine.js';
import { generateHelpCentre } from './lib/help-centre.js';

export type BuildMode = 'worker' | 'main thread';

export interface BuildMeasurement {
  /** performance.now() when the build was asked for and when the index answered. */
  readonly startedAt: number;
  readonly readyAt: number;
  /** The Long Tasks API's view (tasks over 50 ms: start, duration), as a check on the trace. */
  readonly longTasks: readonly (readonly [number, number])[];
  /** The engine answered a query with the index (not the titles-only interim search). */
  readonly answers: boolean;
}

const longTasks: [startTime: number, duration: number][] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: 'longtask' });

/** After the index answers: the cache write that follows belongs to the build's cost. */
const SETTLE_MS = 1500;

const centres = new Map<number, ReturnType<typeof generateHelpCentre>>();

/** Generated before the trace starts: making the articles is not building their index. */
function prepare(size: number): void {
  if (!centres.has(size)) centres.set(size, generateHelpCentre(size));
}

async function build(size: number, mode: BuildMode): Promise<BuildMeasurement> {
  const articles = centres.get(size) ?? generateHelpCentre(size);
  const engine = createFaqSearchEngine({
    // IndexedDB as in a shopper's browser, a new database each run: every run builds, then caches
    // the index (serialized here on the main thread, or as the worker sent it).
    cache: createCache(createIdbStorage(`kefu-bench-${crypto.randomUUID()}`), systemClock),
    cacheIndexAbove: 1000,
    indexInWorkerAbove: mode === 'worker' ? 0 : Infinity,
    pageLocation: manualPageLocation('/'),
  });
  longTasks.length = 0;
  // From a task of the page's own, as the store's would be (the Long Tasks API does not count the
  // task in which DevTools evaluates a script).
  const { startedAt, readyAt } = await new Promise<{ startedAt: number; readyAt: number }>((done, fail) =>
    setTimeout(() => {
      const started = performance.now();
      engine
        .build('zh-CN', articles, 'bench')
        .then(() => done({ startedAt: started, readyAt: performance.now() }), fail);
    }, 0),
  );
  // A body word: only the index finds it.
  const answers = engine.size('zh-CN') > 0 && engine.search('zh-CN', '退款多久到账', 20).length > 0;
  // What follows the build (the cache write) is measured too; the observer's entries arrive late.
  await new Promise((done) => setTimeout(done, SETTLE_MS));
  return { startedAt, readyAt, longTasks: [...longTasks], answers };
}

declare global {
  interface Window {
    faqIndexBuildBench: { prepare: typeof prepare; build: typeof build };
  }
}
window.faqIndexBuildBench = { prepare, build };
