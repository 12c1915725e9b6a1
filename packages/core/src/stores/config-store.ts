import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { StoreConfig } from '../model/config.js';
import type { KefuBackend } from '../ports/backend.js';
import { toKefuError } from '../errors.js';
import { idle, type AsyncState } from '../state.js';

export interface ConfigStore {
  readonly state: ReadonlySignal<AsyncState<StoreConfig>>;
  /** Loads the store's configuration; never throws, failures land in `state`. */
  load(): Promise<void>;
  dispose(): void;
}

export function createConfigStore(backend: KefuBackend): ConfigStore {
  const state = signal<AsyncState<StoreConfig>>(idle);
  const controller = new AbortController();
  let inFlight: Promise<void> | undefined;

  async function fetchConfig(): Promise<void> {
    const previous = state.value.data;
    state.value = { status: 'loading', ...(previous ? { data: previous } : {}) };
    try {
      const data = await backend.getConfig({ signal: controller.signal });
      if (!controller.signal.aborted) state.value = { status: 'ready', data };
    } catch (error) {
      if (controller.signal.aborted) return;
      state.value = { status: 'error', error: toKefuError(error), ...(previous ? { data: previous } : {}) };
    }
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
