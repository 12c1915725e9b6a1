import type { StoreConfig } from '../../model/config.js';
import type { CallOptions, KefuBackend } from '../../ports/backend.js';
import { demoStoreConfig } from '../../seed/demo-store.js';
import { KefuError } from '../../errors.js';

export interface MemoryBackendOptions {
  readonly config?: StoreConfig;
  /** Simulated latency, so the demo shows loading states as a real backend would. */
  readonly latencyMs?: number;
}

/** An in-browser backend seeded with the demo store: the default when no `apiBase` is given. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): KefuBackend {
  const config = structuredClone(options.config ?? demoStoreConfig);
  const latencyMs = options.latencyMs ?? 0;

  async function respond<T>(value: T, callOptions: CallOptions | undefined): Promise<T> {
    await delay(latencyMs, callOptions?.signal);
    // A copy, so callers can never mutate the store's data by accident.
    return structuredClone(value);
  }

  return {
    getConfig: (callOptions) => respond(config, callOptions),
  };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError());
      },
      { once: true },
    );
  });
}

function abortError(): KefuError {
  return new KefuError('aborted', 'The request was cancelled.');
}
