/**
 * Kefu's bytes in a React and a Vue app, against the script tag (issue #30), served as production
 * serves them (issue #28): each page built with Kefu and without it (bench/frameworks/build.ts),
 * served precompressed by bench/lib/compressing-server.ts, and loaded in Chromium with brotli
 * offered (as Chromium does) and with gzip only. What crosses the wire (CDP `loadingFinished`
 * `encodedDataLength`: compressed body and headers) and what it decodes to (`dataReceived`) are
 * counted in three phases: at load (until quiet, idle prefetches included), after intent (the
 * pointer over the launcher), after open (a click, the panel's header shown). Kefu's bytes are the
 * page with Kefu minus the page alone. Apart, the same pages with an inline order tracker too (intent
 * by the loader's rule: its code loads at once), at load.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startServer } from '@kefu/server';
import { median, reps } from './lib/conditions.js';
import { repo } from './lib/demo.js';
import { startCompressingServer, type Encoding } from './lib/compressing-server.js';
import type { BuildReport } from './frameworks/build.js';

const LOCK = '/tmp/kefu-dist.lock';

export const integrations = [
  {
    name: 'script tag',
    withKefu: 'script-tag/kefu.html',
    withTracker: 'script-tag/tracker.html',
    without: 'script-tag/bare.html',
  },
  {
    name: 'React',
    withKefu: 'react-kefu/kefu.html',
    withTracker: 'react-tracker/tracker.html',
    without: 'react-bare/bare.html',
  },
  {
    name: 'Vue',
    withKefu: 'vue-kefu/kefu.html',
    withTracker: 'vue-tracker/tracker.html',
    without: 'vue-bare/bare.html',
  },
] as const;
export type IntegrationName = (typeof integrations)[number]['name'];

/** What the browser asks for: Chromium's own header (brotli preferred), or a client that has only gzip. */
const acceptEncodings = { br: undefined, gzip: 'gzip, deflate' } as const;
export type Offered = keyof typeof acceptEncodings;

export const phases = ['load', 'intent', 'open'] as const;
export type Phase = (typeof phases)[number];

export interface Bytes {
  /** On the wire: compressed bodies and response headers. */
  readonly transferred: number;
  /** The bodies decoded. */
  readonly decoded: number;
  readonly requests: number;
}

export interface RequestRecord {
  readonly path: string;
  /** The phase in which the request was made. */
  readonly phase: Phase;
  /** Only when not 200. */
  readonly status?: number;
  readonly encoding: string;
  readonly transferred: number;
  readonly decoded: number;
  /** What the script holds, from the Vite build (packages; Kefu's elements by folder). */
  readonly contains?: readonly string[];
}

export interface IntegrationBytes {
  readonly pageAlone: Bytes;
  /** Everything the page with Kefu loaded by the end of each phase. */
  readonly withKefu: Record<Phase, Bytes>;
  /** withKefu minus the page alone. */
  readonly kefu: Record<Phase, Bytes>;
  /** The page with Kefu and an inline order tracker, at load: all of it, and minus the page alone. */
  readonly inlineTracker: { readonly withKefu: Bytes; readonly kefu: Bytes };
  /** The requests of the page with Kefu (first run), in order; with brotli offered only (gzip's are the same files). */
  readonly requests?: readonly RequestRecord[];
  /** A phase that did not go quiet within the bound (its bytes may be short). */
  readonly notQuiet: readonly string[];
  /** Visits that failed (no launcher, the panel never shown): their phases have no figure. */
  readonly failed: readonly string[];
}

export interface FrameworksResult {
  readonly runs: number;
  readonly vite: string;
  /** Packages whose dist was older than their src when built (measured anyway). */
  readonly staleDist: readonly string[];
  readonly bytes: Record<IntegrationName, Record<Offered, IntegrationBytes>>;
  /** The loader (kefu.js) alone, transferred. */
  readonly loader: Record<Offered, number>;
  /** Each framework's Kefu bytes at load over the script tag's (transferred): the goal is ≤ 1. */
  readonly ratioToScriptTag: Record<'React' | 'Vue', Record<Offered, number>>;
  /** The same with an inline order tracker on each page. */
  readonly inlineTrackerRatioToScriptTag: Record<'React' | 'Vue', Record<Offered, number>>;
}

interface Recorder {
  phase: Phase;
  readonly inflight: Set<string>;
  lastActivity: number;
  readonly requests: Map<
    string,
    {
      path: string;
      phase: Phase;
      status: number;
      encoding: string;
      transferred: number;
      decoded: number;
      done: boolean;
    }
  >;
}

function record(cdp: CDPSession, origin: string): Recorder {
  const recorder: Recorder = { phase: 'load', inflight: new Set(), lastActivity: Date.now(), requests: new Map() };
  const touch = () => {
    recorder.lastActivity = Date.now();
  };
  cdp.on('Network.requestWillBeSent', (event) => {
    touch();
    if (!/^https?:/.test(event.request.url)) return;
    const url = new URL(event.request.url);
    // A redirect reuses the request's id: the request counts once, with its last response.
    if (!recorder.requests.has(event.requestId)) {
      recorder.requests.set(event.requestId, {
        path: url.origin === origin ? `${url.pathname}${url.search}` : url.href,
        phase: recorder.phase,
        status: 0,
        encoding: 'identity',
        transferred: 0,
        decoded: 0,
        done: false,
      });
    }
    recorder.inflight.add(event.requestId);
  });
  cdp.on('Network.responseReceived', (event) => {
    touch();
    const entry = recorder.requests.get(event.requestId);
    if (!entry) return;
    entry.status = event.response.status;
    const header = Object.entries(event.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
    entry.encoding = header?.[1] ?? 'identity';
  });
  cdp.on('Network.dataReceived', (event) => {
    touch();
    const entry = recorder.requests.get(event.requestId);
    if (entry) entry.decoded += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    touch();
    const entry = recorder.requests.get(event.requestId);
    if (entry) {
      entry.transferred = event.encodedDataLength;
      entry.done = true;
    }
    recorder.inflight.delete(event.requestId);
  });
  cdp.on('Network.loadingFailed', (event) => {
    touch();
    const entry = recorder.requests.get(event.requestId);
    if (entry) entry.done = true;
    recorder.inflight.delete(event.requestId);
  });
  return recorder;
}

/**
 * Waits until nothing has crossed the network for a second and the page has had idle time (where
 * the loader's, or an app's, idle prefetch starts), within a bound. False when the bound ran out.
 */
async function quiet(page: Page, recorder: Recorder): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await page.evaluate('new Promise((done) => requestIdleCallback(() => done(), { timeout: 2000 }))');
    await page.waitForTimeout(250);
    if (recorder.inflight.size === 0 && Date.now() - recorder.lastActivity >= 1000) return true;
  }
  return false;
}

function total(recorder: Recorder): Bytes {
  let transferred = 0;
  let decoded = 0;
  let requests = 0;
  for (const entry of recorder.requests.values()) {
    transferred += entry.transferred;
    decoded += entry.decoded;
    requests += 1;
  }
  return { transferred, decoded, requests };
}

interface Visit {
  readonly phases: Partial<Record<Phase, Bytes>>;
  readonly requests: RequestRecord[];
  readonly notQuiet: string[];
  readonly failed: string[];
}

/** One visit in a fresh context (empty cache): load, and with `interact`, hover then open. */
async function visit(browser: Browser, url: string, offered: Offered, interact: boolean): Promise<Visit> {
  const header = acceptEncodings[offered];
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(header ? { extraHTTPHeaders: { 'Accept-Encoding': header } } : {}),
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const recorder = record(cdp, new URL(url).origin);
    await cdp.send('Network.enable');
    const result: Visit = { phases: {}, requests: [], notQuiet: [], failed: [] };
    const settle = async (phase: Phase) => {
      if (!(await quiet(page, recorder))) result.notQuiet.push(phase);
      result.phases[phase] = total(recorder);
    };
    await page.goto(url, { waitUntil: 'load' });
    await settle('load');
    // A page that cannot be used (no launcher, no panel) is reported, not a reason to stop the bench.
    if (interact) {
      try {
        // The launcher, whoever drew it (the loader, a wrapper, the widget): its part is "launcher".
        const launcher = page.locator('[part~="launcher"]').first();
        await launcher.waitFor({ state: 'visible', timeout: 30_000 });
        recorder.phase = 'intent';
        await launcher.hover();
        await settle('intent');
        recorder.phase = 'open';
        await launcher.click();
        await page.locator('kefu-widget [part="header"]').waitFor({ state: 'visible', timeout: 30_000 });
        await settle('open');
      } catch (error) {
        result.failed.push(`${recorder.phase}: ${String(error).split('\n')[0]}`);
      }
    }
    for (const { done: _done, status, ...entry } of recorder.requests.values()) {
      result.requests.push(status === 200 ? entry : { ...entry, status });
    }
    return result;
  } finally {
    await context.close();
  }
}

/** A phase a visit did not reach (it threw before): no figure rather than a wrong one. */
const missing: Bytes = { transferred: NaN, decoded: NaN, requests: NaN };
const medianBytes = (samples: readonly Bytes[]): Bytes => {
  const present = samples.filter((sample) => Number.isFinite(sample.transferred));
  if (present.length === 0) return missing;
  return {
    transferred: median(present.map((s) => s.transferred)),
    decoded: median(present.map((s) => s.decoded)),
    requests: median(present.map((s) => s.requests)),
  };
};
const minus = (a: Bytes, b: Bytes): Bytes => ({
  transferred: a.transferred - b.transferred,
  decoded: a.decoded - b.decoded,
  requests: a.requests - b.requests,
});

/** Builds the pages (under the shared build lock), serves them, and measures every integration. */
export async function runFrameworksBench(browser: Browser): Promise<FrameworksResult> {
  const temporary = mkdtempSync(join(tmpdir(), 'kefu-bench-frameworks-'));
  const api = await startServer({ port: 0 });
  let server: Awaited<ReturnType<typeof startCompressingServer>> | undefined;
  try {
    const output = execFileSync('flock', [LOCK, 'node', '--import', 'tsx', 'bench/frameworks/build.ts', temporary], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const built = JSON.parse(output) as BuildReport;
    const contents = new Map(built.pages.flatMap((page) => Object.entries(page.contents)));
    server = await startCompressingServer({ root: temporary, apiOrigin: api.origin });
    const runs = reps(3);
    const bytes = {} as Record<IntegrationName, Record<Offered, IntegrationBytes>>;
    const loader: Record<Offered, number> = { br: NaN, gzip: NaN };
    for (const integration of integrations) {
      const byOffer = {} as Record<Offered, IntegrationBytes>;
      for (const offered of Object.keys(acceptEncodings) as Offered[]) {
        const alone: Visit[] = [];
        const withKefu: Visit[] = [];
        const withTracker: Visit[] = [];
        // Alternated, as the other benchmarks are (bytes hardly vary; timings of the quiet wait do).
        for (let run = 0; run < runs; run += 1) {
          alone.push(await visit(browser, `${server.origin}/${integration.without}`, offered, false));
          withKefu.push(await visit(browser, `${server.origin}/${integration.withKefu}`, offered, true));
          withTracker.push(await visit(browser, `${server.origin}/${integration.withTracker}`, offered, false));
        }
        const pageAlone = medianBytes(alone.map((v) => v.phases.load ?? missing));
        const phaseBytes = (phase: Phase) => medianBytes(withKefu.map((v) => v.phases[phase] ?? missing));
        const totals = { load: phaseBytes('load'), intent: phaseBytes('intent'), open: phaseBytes('open') };
        const trackerAtLoad = medianBytes(withTracker.map((v) => v.phases.load ?? missing));
        byOffer[offered] = {
          pageAlone,
          withKefu: totals,
          kefu: {
            load: minus(totals.load, pageAlone),
            intent: minus(totals.intent, pageAlone),
            open: minus(totals.open, pageAlone),
          },
          inlineTracker: { withKefu: trackerAtLoad, kefu: minus(trackerAtLoad, pageAlone) },
          ...(offered === 'br'
            ? {
                requests: (withKefu[0]?.requests ?? []).map((entry) => {
                  const contains = contents.get(entry.path);
                  return contains ? { ...entry, contains } : entry;
                }),
              }
            : {}),
          notQuiet: [
            ...alone.flatMap((v) => v.notQuiet.map((phase) => `page alone ${phase}`)),
            ...withKefu.flatMap((v) => v.notQuiet.map((phase) => `with Kefu ${phase}`)),
            ...withTracker.flatMap((v) => v.notQuiet.map((phase) => `with an inline tracker ${phase}`)),
          ],
          failed: withKefu.flatMap((v) => v.failed),
        };
        if (integration.name === 'script tag') {
          const script = withKefu[0]?.requests.find((entry) => entry.path.endsWith('/kefu/kefu.js'));
          loader[offered] = script?.transferred ?? NaN;
        }
      }
      bytes[integration.name] = byOffer;
    }
    const ratio = (name: 'React' | 'Vue', offered: Offered, select: (result: IntegrationBytes) => Bytes) =>
      Math.round((select(bytes[name][offered]).transferred / select(bytes['script tag'][offered]).transferred) * 100) /
      100;
    const atLoad = (result: IntegrationBytes) => result.kefu.load;
    const withTracker = (result: IntegrationBytes) => result.inlineTracker.kefu;
    return {
      runs,
      vite: built.vite,
      staleDist: built.staleDist,
      bytes,
      loader,
      ratioToScriptTag: {
        React: { br: ratio('React', 'br', atLoad), gzip: ratio('React', 'gzip', atLoad) },
        Vue: { br: ratio('Vue', 'br', atLoad), gzip: ratio('Vue', 'gzip', atLoad) },
      },
      inlineTrackerRatioToScriptTag: {
        React: { br: ratio('React', 'br', withTracker), gzip: ratio('React', 'gzip', withTracker) },
        Vue: { br: ratio('Vue', 'br', withTracker), gzip: ratio('Vue', 'gzip', withTracker) },
      },
    };
  } finally {
    await server?.close();
    await api.close();
    rmSync(temporary, { recursive: true, force: true });
  }
}

export type { Encoding };
