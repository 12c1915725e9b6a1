import type { StoreConfig } from '../../model/config.js';
import type { KefuBackend } from '../../ports/backend.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';

export type HttpBackendOptions = HttpClientOptions;

/** The adapter for any server that speaks the Kefu HTTP contract (docs/api/openapi.yaml). */
export function createHttpBackend(options: HttpBackendOptions): KefuBackend {
  const http = createHttpClient(options);
  return {
    getConfig: ({ signal } = {}) =>
      http.request<StoreConfig>({ method: 'GET', path: '/config', ...(signal ? { signal } : {}) }),
  };
}
