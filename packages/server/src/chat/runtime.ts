import type { ServerDeps } from '../deps.js';
import { createChatHub, type ChatHub } from './hub.js';
import { createChatService, type ChatService } from './service.js';

/** Which console sessions have a live socket: chat is staffed while at least one does. */
export interface AgentPresence {
  /** Counts a socket of `sessionId` until the returned function is called. */
  connect(sessionId: string): () => void;
  /** Distinct signed-in agents with a console open. */
  count(): number;
}

export interface ChatRuntime {
  readonly hub: ChatHub;
  readonly service: ChatService;
  readonly presence: AgentPresence;
}

// app.ts and server.ts hand the routes, the console and the sockets the same deps object, so it
// is the natural key for the one hub and service they must share.
const runtimes = new WeakMap<ServerDeps, ChatRuntime>();

export function chatRuntime(deps: ServerDeps): ChatRuntime {
  let runtime = runtimes.get(deps);
  if (!runtime) {
    const hub = createChatHub();
    const presence = createPresence();
    const service = createChatService({ db: deps.engine.db, now: deps.now, config: deps.config }, hub, {
      alwaysOpen: process.env.KEFU_CHAT_ALWAYS_OPEN === '1',
      agentsOnline: () => presence.count(),
    });
    runtime = { hub, service, presence };
    runtimes.set(deps, runtime);
  }
  return runtime;
}

function createPresence(): AgentPresence {
  const socketsBySession = new Map<string, number>();
  return {
    connect(sessionId) {
      socketsBySession.set(sessionId, (socketsBySession.get(sessionId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (socketsBySession.get(sessionId) ?? 1) - 1;
        if (left > 0) socketsBySession.set(sessionId, left);
        else socketsBySession.delete(sessionId);
      };
    },
    count: () => socketsBySession.size,
  };
}
