import type { WebSocket } from 'ws';
import type { ChatEvent } from '@kefu/core';
import type { AgentSession } from '../console/sessions.js';
import type { ConversationSummary } from './service.js';
import type { ChatRuntime } from './runtime.js';
import type { OnlineAgent } from './presence.js';
import { sendFrame } from './frames.js';

/** What the agent console's socket (/agent/socket) receives. */
export type AgentFeedFrame =
  | {
      readonly type: 'hello';
      readonly agentName: string;
      /** How many agents (people, not sessions) have a console open: `online.length`. */
      readonly agentsOnline: number;
      /** Who they are, for the console's "N online" list. */
      readonly online: readonly OnlineAgent[];
      readonly conversations: readonly ConversationSummary[];
    }
  | {
      readonly type: 'conversations';
      readonly agentsOnline: number;
      readonly online: readonly OnlineAgent[];
      readonly conversations: readonly ConversationSummary[];
    }
  | {
      readonly type: 'event';
      readonly conversationId: string;
      readonly event: ChatEvent;
      /** The sender's key of a message, the console's own replies included. */
      readonly clientId?: string;
    };

/**
 * The console's live feed: the list of conversations whenever it changes, and every event of
 * every conversation as it commits. While the socket is open the agent counts as online.
 *
 * Frames leave in the order they were asked for: a list is read from the database when it
 * changes, and that read may finish after an event published later, which must not overtake it.
 * So each socket's frames go out through one promise chain.
 */
export function openAgentFeed(socket: WebSocket, session: AgentSession, { service, hub, presence }: ChatRuntime): void {
  let frames: Promise<void> = Promise.resolve();
  const send = (frame: AgentFeedFrame | Promise<AgentFeedFrame>) => {
    // A list read that fails before its turn (the database connection reset) would be a rejection
    // nobody handles yet, and that ends the process; its turn in the chain still sees the failure.
    const ready = Promise.resolve(frame);
    ready.catch(() => undefined);
    frames = frames.then(async () => sendFrame(socket, await ready));
    frames = frames.catch((error: unknown) => {
      console.error('[kefu] agent feed failed:', error instanceof Error ? error.message : String(error));
      // The console reconnects and is greeted with the list afresh: nothing it was owed is lost.
      socket.close(1011, 'server');
    });
  };
  // The agent counts as online once their row is written (in the database: every instance counts it).
  const connected = presence.connect(session.id);
  // Each list is read when it is asked for, and sent in its turn.
  const hello = async (): Promise<AgentFeedFrame> => {
    await connected;
    const online = await presence.online();
    return {
      type: 'hello',
      agentName: session.name,
      agentsOnline: online.length,
      online,
      conversations: await service.summaries(),
    };
  };
  const list = async (): Promise<AgentFeedFrame> => {
    const online = await presence.online();
    return { type: 'conversations', agentsOnline: online.length, online, conversations: await service.summaries() };
  };
  send(hello());
  const stopEvents = hub.subscribeAll((conversationId, event, clientId) =>
    send({ type: 'event', conversationId, event, ...(clientId === undefined ? {} : { clientId }) }),
  );
  const stopList = hub.onListChanged(() => send(list()));
  // Other consoles show who is online (those on other instances hear it from the
  // presence write's notification).
  void connected.then(
    () => hub.listChanged(),
    () => undefined,
  );

  socket.once('close', () => {
    stopEvents();
    stopList();
    connected
      .then((release) => release())
      .catch((error: unknown) => {
        // The row expires on its own (PRESENCE_TTL_MS).
        console.error('[kefu] presence not released:', error instanceof Error ? error.message : String(error));
      })
      .finally(() => hub.listChanged());
  });
}
