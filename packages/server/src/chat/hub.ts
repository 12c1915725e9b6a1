import type { ChatEvent } from '@kefu/core';

export type ConversationListener = (event: ChatEvent) => void;
/** `clientId` is the sender's key of a message event (the console matches its own replies by it). */
export type FeedListener = (conversationId: string, event: ChatEvent, clientId: string | undefined) => void;

/**
 * In-process pub/sub between the chat service and the sockets. The service publishes only after
 * the event's transaction committed, one event at a time in seq order, so a subscriber sees each
 * conversation's events in order and never one that a restart could lose.
 */
export interface ChatHub {
  /** Events of one conversation (a shopper's stream). Returns the unsubscribe. */
  subscribe(conversationId: string, listener: ConversationListener): () => void;
  /** Events of every conversation (the agent console). */
  subscribeAll(listener: FeedListener): () => void;
  /** Told when the set of conversations or their status changed (the console's queue). */
  onListChanged(listener: () => void): () => void;
  publish(conversationId: string, event: ChatEvent, clientId?: string): void;
  listChanged(): void;
}

export function createChatHub(): ChatHub {
  const byConversation = new Map<string, Set<ConversationListener>>();
  const everything = new Set<FeedListener>();
  const listWatchers = new Set<() => void>();

  /** One failing socket must not keep the event from the others. */
  function safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      console.error('[kefu] chat subscriber failed:', error instanceof Error ? error.message : String(error));
    }
  }

  return {
    subscribe(conversationId, listener) {
      const listeners = byConversation.get(conversationId) ?? new Set<ConversationListener>();
      byConversation.set(conversationId, listeners);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) byConversation.delete(conversationId);
      };
    },
    subscribeAll(listener) {
      everything.add(listener);
      return () => everything.delete(listener);
    },
    onListChanged(listener) {
      listWatchers.add(listener);
      return () => listWatchers.delete(listener);
    },
    publish(conversationId, event, clientId) {
      for (const listener of [...(byConversation.get(conversationId) ?? [])]) safely(() => listener(event));
      for (const listener of [...everything]) safely(() => listener(conversationId, event, clientId));
    },
    listChanged() {
      for (const listener of [...listWatchers]) safely(listener);
    },
  };
}
