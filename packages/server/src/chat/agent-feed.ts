import type { WebSocket } from 'ws';
import type { ChatEvent } from '@kefu/core';
import type { AgentSession } from '../console/sessions.js';
import type { ConversationSummary } from './service.js';
import type { ChatRuntime } from './runtime.js';
import { sendFrame } from './frames.js';

/** What the agent console's socket (/agent/socket) receives. */
export type AgentFeedFrame =
  | {
      readonly type: 'hello';
      readonly agentName: string;
      readonly agentsOnline: number;
      readonly conversations: readonly ConversationSummary[];
    }
  | {
      readonly type: 'conversations';
      readonly agentsOnline: number;
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
    frames = frames.then(async () => sendFrame(socket, await frame));
    frames = frames.catch((error: unknown) => {
      console.error('[kefu] agent feed failed:', error instanceof Error ? error.message : String(error));
      // The console reconnects and is greeted with the list afresh: nothing it was owed is lost.
      socket.close(1011, 'server');
    });
  };
  const release = presence.connect(session.id);
  // Each list is read when it is asked for, and sent in its turn.
  const hello = async (agentsOnline: number): Promise<AgentFeedFrame> => ({
    type: 'hello',
    agentName: session.name,
    agentsOnline,
    conversations: await service.summaries(),
  });
  const list = async (agentsOnline: number): Promise<AgentFeedFrame> => ({
    type: 'conversations',
    agentsOnline,
    conversations: await service.summaries(),
  });
  send(hello(presence.count()));
  const stopEvents = hub.subscribeAll((conversationId, event, clientId) =>
    send({ type: 'event', conversationId, event, ...(clientId === undefined ? {} : { clientId }) }),
  );
  const stopList = hub.onListChanged(() => send(list(presence.count())));
  // Other consoles show how many agents are online.
  hub.listChanged();

  socket.once('close', () => {
    stopEvents();
    stopList();
    release();
    hub.listChanged();
  });
}
