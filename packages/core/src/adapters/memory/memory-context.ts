import type { StoreConfig } from '../../model/config.js';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency.js';
import { aborted } from './memory-errors.js';
import type { Scheduler } from './scheduler.js';

/** What every feature of the memory backend shares: config, clock, ids, tokens and idempotency. */
export interface MemoryContext {
  readonly config: StoreConfig;
  readonly scheduler: Scheduler;
  readonly idempotency: IdempotencyStore;
  readonly random: () => number;
  now(): number;
  nowIso(): string;
  /** `prefix_1`, `prefix_2`, … per prefix. */
  nextId(prefix: string): string;
  /** An unguessable opaque string (from crypto unless a `random` source was injected). */
  newToken(): string;
  /**
   * Answers a call the way a server would: after the simulated latency, unless cancelled, with a
   * copy of the result so the caller can never change the store's data through it.
   */
  handle<T>(signal: AbortSignal | undefined, work: () => T): Promise<T>;
}

export interface MemoryContextOptions {
  readonly config: StoreConfig;
  readonly scheduler: Scheduler;
  readonly latencyMs: number;
  readonly random?: (() => number) | undefined;
}

export function createMemoryContext(options: MemoryContextOptions): MemoryContext {
  const counters = new Map<string, number>();
  const random = options.random ?? Math.random;

  function randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    if (options.random) {
      for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(options.random() * 256) & 0xff;
    } else {
      crypto.getRandomValues(bytes);
    }
    return bytes;
  }

  return {
    config: options.config,
    scheduler: options.scheduler,
    idempotency: createIdempotencyStore(),
    random,
    now: () => options.scheduler.now(),
    nowIso: () => new Date(options.scheduler.now()).toISOString(),
    nextId(prefix) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return `${prefix}_${next}`;
    },
    newToken() {
      return Array.from(randomBytes(18), (byte) => byte.toString(16).padStart(2, '0')).join('');
    },
    async handle(signal, work) {
      await wait(options.latencyMs, signal);
      return structuredClone(work());
    },
  };
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
