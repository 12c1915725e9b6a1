import type { ChatMessage } from '../../model/chat.js';
import { agentGreeting, agentReply, SIMULATED_AGENT_NAME } from '../../domain/agent-replies.js';
import type { ChatRoom, StoredConversation } from './chat-room.js';
import { containsCjk } from '../../domain/faq-search.js';
import type { Scheduler } from './scheduler.js';

export interface SimulatedAgentOptions {
  readonly room: ChatRoom;
  readonly scheduler: Scheduler;
  /** How long the agent takes to join, to start typing, and to finish typing. */
  readonly delayMs: number;
  readonly agentsOnline: () => number;
}

export interface SimulatedAgent {
  conversationStarted(conversation: StoredConversation): void;
  shopperWrote(conversation: StoredConversation, message: ChatMessage): void;
  /** Picks up the conversations that queued while nobody was online. */
  agentsCameOnline(): void;
  conversationClosed(conversation: StoredConversation): void;
}

/**
 * The demo's pretend agent, so the backend-free demo shows a whole conversation: she joins a
 * moment after the shopper starts, then answers every message, typing first.
 */
export function createSimulatedAgent({
  room,
  scheduler,
  delayMs,
  agentsOnline,
}: SimulatedAgentOptions): SimulatedAgent {
  const cancelsByConversation = new Map<string, Set<() => void>>();
  const joinPending = new Set<string>();

  function later(conversation: StoredConversation, task: () => void): void {
    const cancels = cancelsByConversation.get(conversation.id) ?? new Set<() => void>();
    cancelsByConversation.set(conversation.id, cancels);
    const cancel = scheduler.schedule(delayMs, () => {
      cancels.delete(cancel);
      if (conversation.status !== 'closed') task();
    });
    cancels.add(cancel);
  }

  /** The shopper's last message if no agent message came after it. */
  function unanswered(conversation: StoredConversation): ChatMessage | undefined {
    const messages = room.messages(conversation);
    for (let index = messages.length - 1; index >= 0; index -= 1) {
      const message = messages[index];
      if (message?.author === 'agent') return undefined;
      if (message?.author === 'shopper') return message;
    }
    return undefined;
  }

  function reply(conversation: StoredConversation, to: ChatMessage): void {
    later(conversation, () => {
      room.typing(conversation, 'agent', true);
      later(conversation, () => {
        room.post(conversation, 'agent', agentReply(to.text), {
          authorName: conversation.agentName ?? SIMULATED_AGENT_NAME,
        });
        room.typing(conversation, 'agent', false);
      });
    });
  }

  function join(conversation: StoredConversation): void {
    if (joinPending.has(conversation.id)) return;
    joinPending.add(conversation.id);
    later(conversation, () => {
      joinPending.delete(conversation.id);
      if (conversation.status !== 'queued' || agentsOnline() === 0) return;
      room.join(conversation, SIMULATED_AGENT_NAME);
      const waiting = unanswered(conversation);
      if (waiting) {
        reply(conversation, waiting);
      } else {
        const chinese = containsCjk(conversation.input.name) || containsCjk(conversation.input.topic);
        room.post(conversation, 'agent', agentGreeting(conversation.input.name.trim(), chinese), {
          authorName: SIMULATED_AGENT_NAME,
        });
      }
    });
  }

  return {
    conversationStarted: join,
    shopperWrote(conversation, message) {
      if (conversation.status === 'open') reply(conversation, message);
    },
    agentsCameOnline() {
      for (const conversation of room.queued()) join(conversation);
    },
    conversationClosed(conversation) {
      for (const cancel of cancelsByConversation.get(conversation.id) ?? []) cancel();
      cancelsByConversation.delete(conversation.id);
      joinPending.delete(conversation.id);
    },
  };
}
