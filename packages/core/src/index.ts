export { createKefu, type KefuClient, type KefuOptions } from './client.js';
export { KefuError, toKefuError, type KefuErrorCode } from './errors.js';
export type { AsyncState } from './state.js';
export type * from './ports/backend.js';
export type * from './model/index.js';
export { createMemoryBackend, type MemoryBackendOptions } from './adapters/memory/memory-backend.js';
export { createHttpBackend, type HttpBackendOptions } from './adapters/http/http-backend.js';
export { createConfigStore, type ConfigStore } from './stores/config-store.js';
