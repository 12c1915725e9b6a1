import { randomBytes } from 'node:crypto';
import type { ServerDeps } from '../deps.js';
import { createChatHub, type ChatHub } from './hub.js';
import { createPostgresChatHub } from './hub-postgres.js';
import { createPresence, type AgentPresence } from './presence.js';
import { createChatService, type ChatService } from './service.js';

export type { AgentPresence } from './presence.js';

export interface ChatRuntime {
  readonly hub: ChatHub;
  readonly service: ChatService;
  readonly presence: AgentPresence;
  /**
   * Shutdown, before the engine closes: this instance's presence rows go, and the PostgreSQL hub's
   * LISTEN connection ends. Calling it again does nothing more.
   */
  close(): Promise<void>;
}

/**
 * The in-process hub on SQLite (one process); on PostgreSQL the hub that fans out across every
 * instance on the database (decision 0016, §7). Presence is in the database on both. Built once per
 * server, by the composition root (`createServices`).
 */
export function createChatRuntime(
  deps: Pick<ServerDeps, 'engine' | 'now' | 'config' | 'chatAlwaysOpen' | 'presenceTtlMs'>,
): ChatRuntime {
  const { engine } = deps;
  const instanceId = `i_${randomBytes(9).toString('base64url')}`;
  const postgresHub =
    engine.kind === 'postgres' ? createPostgresChatHub({ url: engine.url, db: engine.db, instanceId }) : undefined;
  const hub: ChatHub = postgresHub ?? createChatHub();
  const presence = createPresence(engine.db, {
    instanceId,
    ...(deps.presenceTtlMs === undefined ? {} : { ttlMs: deps.presenceTtlMs }),
    // Consoles on other instances show how many agents are online.
    announce: async (trx) => hub.inTransaction?.(trx, { events: [], listChanged: true }),
  });
  // The business hours as they are when asked (the console may change them): a getter, not a copy.
  const store = {
    db: engine.db,
    now: deps.now,
    get config() {
      return deps.config;
    },
  };
  const service = createChatService(store, hub, {
    alwaysOpen: deps.chatAlwaysOpen ?? false,
    agentsOnline: () => presence.count(),
  });
  let closing: Promise<void> | undefined;
  return {
    hub,
    service,
    presence,
    close: () =>
      (closing ??= (async () => {
        try {
          await presence.close();
        } catch (error) {
          // The rows expire on their own (PRESENCE_TTL_MS); the shutdown goes on.
          console.error('[kefu] presence not cleared:', error instanceof Error ? error.message : String(error));
        }
        await postgresHub?.close();
      })()),
  };
}
