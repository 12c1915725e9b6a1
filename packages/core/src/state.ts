import type { Signal } from '@preact/signals-core';
import { toKefuError, type KefuError } from './errors.js';

/**
 * The state of anything loaded asynchronously. `data` survives a failed refresh (the shopper keeps
 * seeing what was last loaded, marked stale by the error), which is why it is not only on `ready`.
 * `updatedAt` says when `data` was fetched ("updated 5 minutes ago" for cached data).
 */
export type AsyncState<T> =
  | { readonly status: 'idle'; readonly data?: undefined; readonly error?: undefined; readonly updatedAt?: undefined }
  | { readonly status: 'loading'; readonly data?: T; readonly error?: undefined; readonly updatedAt?: number }
  | { readonly status: 'ready'; readonly data: T; readonly error?: undefined; readonly updatedAt?: number }
  | { readonly status: 'error'; readonly data?: T; readonly error: KefuError; readonly updatedAt?: number };

export const idle = { status: 'idle' } as const satisfies AsyncState<never>;

/**
 * Runs a load into a state signal: loading (keeping the data shown), then ready or error. Never
 * throws; returns the data on success.
 */
export async function loadInto<T>(
  state: Signal<AsyncState<T>>,
  load: () => Promise<T>,
  now: () => number,
): Promise<T | undefined> {
  const previous = state.peek();
  const kept = previous.data === undefined ? {} : { data: previous.data, updatedAt: previous.updatedAt ?? now() };
  state.value = { status: 'loading', ...kept };
  try {
    const data = await load();
    state.value = { status: 'ready', data, updatedAt: now() };
    return data;
  } catch (error) {
    const kefuError: KefuError = toKefuError(error);
    // A cancelled load (the client was disposed) leaves the state as it was.
    if (kefuError.code === 'aborted') state.value = previous;
    else state.value = { status: 'error', error: kefuError, ...kept };
    return undefined;
  }
}

/** The outcome of a one-off action (an upload, an email): a value or a KefuError, never a throw. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: KefuError };

export async function toResult<T>(action: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error: toKefuError(error) };
  }
}
