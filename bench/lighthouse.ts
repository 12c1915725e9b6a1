/**
 * Lighthouse (the npm package, default mobile config: simulated slow 4G and 4× CPU) on the demo
 * storefront with and without the Kefu script tag, in Debian's Chromium started by chrome-launcher
 * with the project's flags (no background networking, no component updates: nothing is fetched
 * beyond the local server).
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { median, reps, round } from './lib/conditions.js';

export interface LighthouseVariant {
  readonly performance: number;
  readonly accessibility: number;
  readonly totalBlockingTimeMs: number;
}

export interface LighthouseResult {
  readonly runs: number;
  readonly version: string;
  readonly withKefu: LighthouseVariant;
  readonly without: LighthouseVariant;
}

export async function runLighthouseBench(urls: { withKefu: string; without: string }): Promise<LighthouseResult> {
  const runs = reps(3);
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: chromiumArgs, logLevel: 'silent' });
  const samples = { withKefu: [] as LighthouseVariant[], without: [] as LighthouseVariant[] };
  let version = '';
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const variant of ['without', 'withKefu'] as const) {
        const result = await lighthouse(urls[variant], {
          port: chrome.port,
          output: 'json',
          logLevel: 'silent',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error('Lighthouse returned nothing');
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
        version = lhr.lighthouseVersion;
        samples[variant].push({
          performance: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? Number.NaN) * 100),
          totalBlockingTimeMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
        });
      }
    }
  } finally {
    chrome.kill();
  }
  const summarize = (list: LighthouseVariant[]): LighthouseVariant => ({
    performance: median(list.map((s) => s.performance)),
    accessibility: median(list.map((s) => s.accessibility)),
    totalBlockingTimeMs: round(median(list.map((s) => s.totalBlockingTimeMs))),
  });
  return { runs, version, withKefu: summarize(samples.withKefu), without: summarize(samples.without) };
}
