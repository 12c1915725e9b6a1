import type { Server } from 'node:http';
import type { ServerDeps } from '../deps.js';

/** Attaches the WebSocket endpoints (the shopper's chat stream, the agent console's feed). */
export function attachSockets(_server: Server, _deps: ServerDeps): { close(): void } {
  return { close() {} };
}
