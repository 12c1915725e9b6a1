/**
 * What Kefu costs the page that embeds it, and how fast its panel opens. The demo storefront's
 * home page is loaded in Chromium (Playwright) with and without the Kefu script tag, under
 * Lighthouse's mobile conditions (4× CPU slowdown, slow 4G through CDP), until the page is quiet
 * (the loader's idle prefetch included) and before any interaction.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { median, mobile, reps, round, throttle } from './lib/conditions.js';

/**
 * Installed before any of the page's scripts (a string: tsx's helpers must not leak into the page).
 * Long tasks, layout shifts (CLS as Chromium computes it: the worst 5 s session window with gaps
 * under 1 s) and, after a click, the time until the panel's header has been painted.
 */
const observers = `
(() => {
  const bench = (window.__kefuBench = { longTasks: [], shifts: [], click: 0, painted: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.shifts.push([entry.startTime, entry.value]);
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const deep = (root, selector) => {
    const found = root.querySelector(selector);
    if (found) return found;
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        const inner = deep(element.shadowRoot, selector);
        if (inner) return inner;
      }
    }
    return null;
  };
  addEventListener('click', (event) => {
    if (bench.click) return;
    bench.click = Math.min(event.timeStamp, performance.now());
    const tick = () => {
      const widget = document.querySelector('kefu-widget');
      const header = widget && widget.shadowRoot && deep(widget.shadowRoot, '[part="header"]');
      const box = header && header.getBoundingClientRect();
      if (header && box.height > 0 && header.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        // The frame this callback belongs to paints the header; a task queued now runs after it.
        setTimeout(() => { bench.painted = performance.now(); }, 0);
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, true);
})();
`;

interface LoadSample {
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longestTaskMs: number;
  cls: number;
  requests: number;
  bytes: number;
  kefuRequests: number;
  kefuBytes: number;
}

export interface HostVariant {
  readonly scriptMs: number;
  readonly taskMs: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  readonly cls: number;
  readonly requests: number;
  readonly bytes: number;
  readonly kefuRequests: number;
  readonly kefuBytes: number;
}

export interface HostCostResult {
  readonly runs: number;
  readonly withKefu: HostVariant;
  readonly without: HostVariant;
  /** Medians with Kefu minus medians without it. */
  readonly added: {
    readonly scriptMs: number;
    readonly taskMs: number;
    readonly requests: number;
    readonly bytes: number;
  };
}

function cumulativeLayoutShift(shifts: [number, number][]): number {
  let worst = 0;
  let window = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const [time, value] of shifts) {
    if (time - last > 1000 || time - first > 5000) {
      window = 0;
      first = time;
    }
    window += value;
    last = time;
    worst = Math.max(worst, window);
  }
  return worst;
}

/** Counts what the page downloads (encoded bytes, as on the wire) until it is measured. */
function recordNetwork(cdp: CDPSession) {
  const urls = new Map<string, string>();
  const totals = { requests: 0, bytes: 0, kefuRequests: 0, kefuBytes: 0 };
  const isKefu = (url: string) => /\/kefu\/|\/v1\//.test(new URL(url).pathname);
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith('data:')) return;
    urls.set(event.requestId, event.request.url);
    totals.requests += 1;
    if (isKefu(event.request.url)) totals.kefuRequests += 1;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const url = urls.get(event.requestId);
    if (!url) return;
    totals.bytes += event.encodedDataLength;
    if (isKefu(url)) totals.kefuBytes += event.encodedDataLength;
  });
  return totals;
}

/** Waits until the page has gone quiet (load, no network for 500 ms, and idle callbacks run). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle');
  await page.evaluate('new Promise((done) => requestIdleCallback(() => done(), { timeout: 3000 }))');
  await page.waitForTimeout(500);
  await page.waitForLoadState('networkidle');
}

async function loadOnce(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext({ ...mobile });
  try {
    await context.addInitScript(observers);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const network = recordNetwork(cdp);
    await throttle(cdp);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
    const inPage = (await page.evaluate('window.__kefuBench')) as { longTasks: number[]; shifts: [number, number][] };
    return {
      scriptMs: metric('ScriptDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      longTasks: inPage.longTasks.length,
      longestTaskMs: Math.max(0, ...inPage.longTasks),
      cls: cumulativeLayoutShift(inPage.shifts),
      ...network,
    };
  } finally {
    await context.close();
  }
}

function summarize(samples: LoadSample[]): HostVariant {
  const pick = (select: (sample: LoadSample) => number, digits = 1) => round(median(samples.map(select)), digits);
  return {
    scriptMs: pick((s) => s.scriptMs),
    taskMs: pick((s) => s.taskMs),
    longTasks: pick((s) => s.longTasks),
    longestTaskMs: pick((s) => s.longestTaskMs),
    cls: pick((s) => s.cls, 4),
    requests: pick((s) => s.requests),
    bytes: pick((s) => s.bytes, 0),
    kefuRequests: pick((s) => s.kefuRequests),
    kefuBytes: pick((s) => s.kefuBytes, 0),
  };
}

export async function runHostCostBench(
  browser: Browser,
  urls: { withKefu: string; without: string },
): Promise<HostCostResult> {
  const runs = reps(5);
  const withSamples: LoadSample[] = [];
  const withoutSamples: LoadSample[] = [];
  // Alternated, so that noise from the shared machine falls on both sides alike.
  for (let run = 0; run < runs; run += 1) {
    withoutSamples.push(await loadOnce(browser, urls.without));
    withSamples.push(await loadOnce(browser, urls.withKefu));
  }
  const withKefu = summarize(withSamples);
  const without = summarize(withoutSamples);
  return {
    runs,
    withKefu,
    without,
    added: {
      scriptMs: round(withKefu.scriptMs - without.scriptMs),
      taskMs: round(withKefu.taskMs - without.taskMs),
      requests: withKefu.requests - without.requests,
      bytes: withKefu.bytes - without.bytes,
    },
  };
}

// ── Opening ───────────────────────────────────────────────────────────────────────────────────

export interface OpeningResult {
  readonly runs: number;
  /** Desktop, no throttling: the goal applies here. */
  readonly desktop: { readonly prefetchedMs: number; readonly coldMs: number };
  /** Lighthouse's mobile conditions (4× CPU, slow 4G). */
  readonly mobile: { readonly prefetchedMs: number; readonly coldMs: number };
}

async function openOnce(
  browser: Browser,
  url: string,
  mode: 'prefetched' | 'cold',
  throttled: boolean,
): Promise<number> {
  const context: BrowserContext = await browser.newContext(
    throttled ? { ...mobile } : { viewport: { width: 1280, height: 800 } },
  );
  try {
    await context.addInitScript(observers);
    const page = await context.newPage();
    if (throttled) await throttle(await context.newCDPSession(page));
    const launcher = page.locator('kefu-launcher button');
    if (mode === 'prefetched') {
      await page.goto(url, { waitUntil: 'load' });
      await settle(page);
      // Pointer over the launcher is the loader's cue to fetch and evaluate the widget's code.
      await launcher.hover();
      await page.waitForFunction("customElements.get('kefu-widget') !== undefined");
      await page.waitForLoadState('networkidle');
    } else {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await launcher.waitFor();
    }
    await launcher.click();
    await page.waitForFunction('window.__kefuBench.painted > 0', undefined, { timeout: 60_000 });
    const { click, painted } = (await page.evaluate('window.__kefuBench')) as { click: number; painted: number };
    return painted - click;
  } finally {
    await context.close();
  }
}

export async function runOpeningBench(browser: Browser, url: string): Promise<OpeningResult> {
  const runs = reps(5);
  const mobileRuns = reps(3);
  const times = {
    desktopPrefetched: [] as number[],
    desktopCold: [] as number[],
    mobilePrefetched: [] as number[],
    mobileCold: [] as number[],
  };
  for (let run = 0; run < runs; run += 1) {
    times.desktopPrefetched.push(await openOnce(browser, url, 'prefetched', false));
    times.desktopCold.push(await openOnce(browser, url, 'cold', false));
    if (run < mobileRuns) {
      times.mobilePrefetched.push(await openOnce(browser, url, 'prefetched', true));
      times.mobileCold.push(await openOnce(browser, url, 'cold', true));
    }
  }
  const pick = (values: number[]) => round(median(values));
  return {
    runs,
    desktop: { prefetchedMs: pick(times.desktopPrefetched), coldMs: pick(times.desktopCold) },
    mobile: { prefetchedMs: pick(times.mobilePrefetched), coldMs: pick(times.mobileCold) },
  };
}
