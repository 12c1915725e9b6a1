export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniformly random delay
 * between 0 and min(cap, base·2^attempt), so many clients coming back after an outage spread out
 * instead of retrying in lockstep.
 */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
