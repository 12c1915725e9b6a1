import type { WebSocket } from 'ws';
import type { ServerDeps } from '../deps.js';

export type TrackedSocket =
  | { readonly socket: WebSocket; readonly kind: 'shopper'; readonly conversationId: string }
  | { readonly socket: WebSocket; readonly kind: 'agent'; readonly sessionId: string };

/** The live sockets by what they are for: signing out closes an agent's, tests cut them. */
export interface SocketRegistry {
  add(tracked: TrackedSocket): void;
  delete(tracked: TrackedSocket): void;
  closeAgentSockets(sessionId: string): void;
  drop(which: { conversationId?: string; agents?: boolean }): number;
}

const registries = new WeakMap<ServerDeps, SocketRegistry>();

export function socketRegistry(deps: ServerDeps): SocketRegistry {
  let registry = registries.get(deps);
  if (!registry) {
    registry = createRegistry();
    registries.set(deps, registry);
  }
  return registry;
}

function createRegistry(): SocketRegistry {
  const sockets = new Set<TrackedSocket>();
  return {
    add: (tracked) => void sockets.add(tracked),
    delete: (tracked) => void sockets.delete(tracked),
    closeAgentSockets(sessionId) {
      for (const tracked of sockets) {
        if (tracked.kind === 'agent' && tracked.sessionId === sessionId) tracked.socket.close(4401, 'signed out');
      }
    },
    drop({ conversationId, agents = false }) {
      let dropped = 0;
      for (const tracked of [...sockets]) {
        const hit =
          (tracked.kind === 'shopper' && tracked.conversationId === conversationId) ||
          (tracked.kind === 'agent' && agents);
        if (!hit) continue;
        tracked.socket.terminate();
        dropped += 1;
      }
      return dropped;
    },
  };
}
