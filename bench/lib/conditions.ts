/**
 * Lighthouse's mobile conditions (lighthouse/core/config/constants.js): a Moto G Power screen,
 * 4× CPU slowdown and "slow 4G" as DevTools applies it (150 ms RTT × 3.75 request latency,
 * 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up).
 */
import type { CDPSession } from 'playwright-core';

export const mobile = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
} as const;

export const cpuSlowdown = 4;
export const slow4g = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/** Applies the 4× slowdown and slow 4G to the page behind `cdp`. */
export async function throttle(cdp: CDPSession, options: { network?: boolean } = {}): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  if (options.network !== false) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', slow4g);
  }
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
};

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Repetitions: KEFU_BENCH_QUICK=1 measures everything once, to try the runner. */
export const quick = Boolean(process.env.KEFU_BENCH_QUICK);
export const reps = (full: number): number => (quick ? 1 : full);
