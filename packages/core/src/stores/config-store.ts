import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { StoreConfig } from '../model/config.js';
import type { KefuBackend } from '../ports/backend.js';
import type { Clock } from '../ports/clock.js';
import type { Cache } from '../cache/cache.js';
import { idle, loadInto, type AsyncState } from '../state.js';

export interface ConfigStore {
  readonly state: ReadonlySignal<AsyncState<StoreConfig>>;
  /** Shows the cached configuration at once, and refreshes it when stale. Never throws. */
  load(): Promise<void>;
  dispose(): void;
}

export function createConfigStore(deps: { backend: KefuBackend; cache?: Cache; clock?: Clock }): ConfigStore {
  const { backend, cache } = deps;
  const now = () => deps.clock?.now() ?? Date.now();
  const state = signal<AsyncState<StoreConfig>>(idle);
  const controller = new AbortController();
  let inFlight: Promise<void> | undefined;

  async function fetchConfig(): Promise<void> {
    const cached = state.peek().data ? undefined : await cache?.read<StoreConfig>('config');
    if (cached) state.value = { status: 'ready', data: cached.data, updatedAt: cached.savedAt };
    if (cached && !cached.stale) return;
    const data = await loadInto(state, () => backend.getConfig({ signal: controller.signal }), now);
    if (data) await cache?.write('config', data);
  }

  return {
    state,
    load() {
      // Several elements may ask at once; they share one request.
      inFlight ??= fetchConfig().finally(() => (inFlight = undefined));
      return inFlight;
    },
    dispose: () => controller.abort(),
  };
}
