import type { KefuError } from './errors.js';

/**
 * The state of anything loaded asynchronously. `data` survives a failed refresh (the shopper keeps
 * seeing what was last loaded, marked stale by the error), which is why it is not only on `ready`.
 */
export type AsyncState<T> =
  | { readonly status: 'idle'; readonly data?: undefined; readonly error?: undefined }
  | { readonly status: 'loading'; readonly data?: T; readonly error?: undefined }
  | { readonly status: 'ready'; readonly data: T; readonly error?: undefined }
  | { readonly status: 'error'; readonly data?: T; readonly error: KefuError };

export const idle = { status: 'idle' } as const satisfies AsyncState<never>;
