/**
 * Benchmark: what building the FAQ index costs the page's main thread, on generated help centres
 * of 1,000 and 10,000 articles, in Chromium — built on the main thread (what a page without a
 * worker gets) and in Kefu's Web Worker (the main thread then only hands over the articles and
 * loads the serialized index, a slice per task). The figure is the longest main-thread task
 * between the request and the index answering, from a Chromium trace (every task, not only those
 * over 50 ms). Goal with the worker: no task over 50 ms at 10,000 articles.
 *
 * Run: `node --conditions=source --import tsx bench/faq-index-build.ts` (about a minute); writes
 * bench/results/faq-index-build.json. `runFaqIndexBuildBench()` is what `npm run bench` calls.
 */
import { pathToFileURL } from 'node:url';
import { bundleBenchScript, openBenchPage } from './lib/bench-page.js';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';
import { median, quick, reps, round } from './lib/conditions.js';
import type { BuildMode } from './faq-index-build.page.js';
import { writeBenchResult } from './lib/results.js';

export const goals = { longestTaskMsWithWorker: 50 } as const;
const SIZES = [1000, 10000] as const;
const MODES: readonly BuildMode[] = ['main thread', 'worker'];

export interface FaqIndexBuildRow {
  readonly articles: number;
  readonly mode: BuildMode;
  /** The longest main-thread task from the request to the index answering (median over runs). */
  readonly longestTaskMs: number;
  /** Tasks over 50 ms in that time (median). */
  readonly longTasks: number;
  /** From the request to the index answering (median). */
  readonly readyMs: number;
}

export interface FaqIndexBuildResult {
  readonly name: 'faq-index-build';
  readonly runs: number;
  readonly goals: typeof goals;
  readonly rows: readonly FaqIndexBuildRow[];
  /** Per size: the main thread's longest task divided by the worker's. */
  readonly ratios: Readonly<Record<number, number>>;
  readonly pass: boolean;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** The renderer's main-thread tasks in a Chromium trace, as [start, end] in microseconds. */
function mainThreadTasks(trace: Buffer): [number, number][] {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) throw new Error('No renderer main thread in the trace');
  return traceEvents
    .filter(
      (event) =>
        event.pid === main.pid &&
        event.tid === main.tid &&
        event.ph === 'X' &&
        (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'),
    )
    .map((event) => [event.ts, event.ts + (event.dur ?? 0)]);
}

async function measureOnce(page: Page, size: number, mode: BuildMode) {
  await page.evaluate((count) => window.faqIndexBuildBench.prepare(count), size);
  const browser = page.context().browser();
  if (!browser) throw new Error('No browser');
  await browser.startTracing(page, {
    // PROBE=1 adds what fills a task (GC, script) to the trace.
    categories: [
      'toplevel',
      '__metadata',
      'blink.user_timing',
      ...(process.env.PROBE ? ['devtools.timeline', 'v8'] : []),
    ],
  });
  // Marks put the page's clock into the trace's: only tasks between them count.
  const measured = await page.evaluate(
    async (args) => {
      performance.mark('kefu-bench-start');
      const result = await window.faqIndexBuildBench.build(args.size, args.mode);
      performance.mark('kefu-bench-end');
      return result;
    },
    { size, mode },
  );
  const trace = await browser.stopTracing();
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = (name: string) => events.find((event) => event.name === name)?.ts;
  const from = mark('kefu-bench-start');
  const to = mark('kefu-bench-end');
  if (from === undefined || to === undefined) throw new Error('The trace has no bench marks');
  // Tasks that overlap the build; the one that ran `build` itself starts just before the mark.
  const tasks = mainThreadTasks(trace).filter(([start, end]) => end >= from && start <= to);
  const durations = tasks.map(([start, end]) => (end - start) / 1000);
  // PROBE=1: the longest tasks and what filled the longest one (a GC, a parse, …).
  if (process.env.PROBE) {
    const ranked = [...tasks].sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
    const at = ([start, end]: [number, number]) => [
      Math.round((start - from) / 1000),
      Math.round((end - start) / 1000),
    ];
    console.log(size, mode, 'longest tasks [at ms, ms]:', JSON.stringify(ranked.slice(0, 5).map(at)));
    const [top = [0, 0]] = ranked;
    const inside = events.filter((event) => event.ts >= top[0] && event.ts <= top[1] && (event.dur ?? 0) > 3000);
    console.log(
      '  inside the longest:',
      JSON.stringify(inside.map((event) => [event.name, Math.round((event.dur ?? 0) / 1000)])),
    );
  }
  if (!measured.answers) throw new Error(`The ${mode} build of ${size} articles did not answer`);
  return { measured, longestTaskMs: Math.max(0, ...durations) };
}

export async function runFaqIndexBuildBench(
  options: { write?: boolean; sizes?: readonly number[] } = {},
): Promise<FaqIndexBuildResult> {
  const [pageScript, workerScript] = await Promise.all([
    bundleBenchScript('faq-index-build.page.ts'),
    bundleBenchScript('../packages/core/src/search/faq-index-worker.ts'),
  ]);
  const browser = await launchBrowser();
  const runs = reps(3);
  try {
    const page = await browser.newPage();
    // The worker sits beside the page's script, where the engine's
    // `new URL('./faq-index-worker.js', import.meta.url)` points.
    await openBenchPage(page, { '/bench.js': pageScript, '/faq-index-worker.js': workerScript }, 'faqIndexBuildBench');
    const rows: FaqIndexBuildRow[] = [];
    for (const size of options.sizes ?? SIZES) {
      for (const mode of MODES) {
        // One warm-up build (code compiled, the worker's script cached) that is not counted.
        await measureOnce(page, Math.min(size, 1000), mode);
        const samples = [];
        for (let run = 0; run < runs; run += 1) samples.push(await measureOnce(page, size, mode));
        rows.push({
          articles: size,
          mode,
          longestTaskMs: round(median(samples.map((sample) => sample.longestTaskMs))),
          longTasks: median(samples.map((sample) => sample.measured.longTasks.length)),
          readyMs: Math.round(median(samples.map((sample) => sample.measured.readyAt - sample.measured.startedAt))),
        });
      }
    }
    const ratios: Record<number, number> = {};
    for (const size of options.sizes ?? SIZES) {
      const main = rows.find((row) => row.articles === size && row.mode === 'main thread');
      const inWorker = rows.find((row) => row.articles === size && row.mode === 'worker');
      if (main && inWorker) ratios[size] = round(main.longestTaskMs / Math.max(inWorker.longestTaskMs, 0.1));
    }
    const pass = rows
      .filter((row) => row.mode === 'worker')
      .every((row) => row.longestTaskMs <= goals.longestTaskMsWithWorker);
    const result: FaqIndexBuildResult = { name: 'faq-index-build', runs, goals, rows, ratios, pass };
    if (options.write !== false) {
      writeBenchResult('faq-index-build', result);
    }
    return result;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runFaqIndexBuildBench(quick ? { sizes: [1000] } : {});
  console.log(
    `FAQ index build: longest main-thread task while the index is built, median of ${result.runs}` +
      ` (goal with the worker ≤ ${goals.longestTaskMsWithWorker} ms)`,
  );
  console.table(result.rows);
  console.log('main thread ÷ worker, longest task:', result.ratios);
  if (!result.pass) process.exitCode = 1;
}
