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
 */
export function openAgentFeed(socket: WebSocket, session: AgentSession, { service, hub, presence }: ChatRuntime): void {
  const send = (frame: AgentFeedFrame) => sendFrame(socket, frame);
  const release = presence.connect(session.id);
  send({
    type: 'hello',
    agentName: session.name,
    agentsOnline: presence.count(),
    conversations: service.summaries(),
  });
  const stopEvents = hub.subscribeAll((conversationId, event, clientId) =>
    send({ type: 'event', conversationId, event, ...(clientId === undefined ? {} : { clientId }) }),
  );
  const stopList = hub.onListChanged(() =>
    send({ type: 'conversations', agentsOnline: presence.count(), conversations: service.summaries() }),
  );
  // Other consoles show how many agents are online.
  hub.listChanged();

  socket.once('close', () => {
    stopEvents();
    stopList();
    release();
    hub.listChanged();
  });
}
