import type { ChatEvent } from '@kefu/core';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';

export type ConversationListener = (event: ChatEvent) => void;
/** `clientId` is the sender's key of a message event (the console matches its own replies by it). */
export type FeedListener = (conversationId: string, event: ChatEvent, clientId: string | undefined) => void;

/** What one write changed, told to the hub inside the write's transaction. */
export interface HubNews {
  /** Every event the write appended, by conversation and seq. */
  readonly events: readonly { readonly conversationId: string; readonly seq: number }[];
  /** Whether the consoles' list changed (a conversation started, its status or context changed, an agent came or went). */
  readonly listChanged: boolean;
  /** Agent sessions the write ended (a sign-out, an idle expiry): their ids. */
  readonly endedSessions?: readonly string[];
}

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
  /** After the event's transaction committed: delivers it to this instance's subscribers. */
  publish(conversationId: string, event: ChatEvent, clientId?: string): void;
  /** After a commit: tells this instance's list watchers. */
  listChanged(): void;
  /**
   * Told with a session's id when an agent's session ended on any instance (with the in-process
   * hub, this one): the agent's console sockets here close.
   */
  onSessionEnded(listener: (sessionId: string) => void): () => void;
  /** After the ending's commit: tells this instance's session listeners. */
  sessionEnded(sessionId: string): void;
  /**
   * Inside a write's transaction, before it commits: what other instances must hear of it
   * (PostgreSQL: `pg_notify`, delivered at commit, in commit order — or not at all on rollback).
   * The in-process hub has no other instance to tell and leaves it out.
   */
  inTransaction?(trx: Transaction<KefuDatabase>, news: HubNews): Promise<void>;
  /**
   * Resolves once a `subscribe(conversationId)` made before the call is sure to receive every event
   * committed from now on (PostgreSQL: its last seq has been read). The in-process hub is at once.
   */
  subscribed?(conversationId: string): Promise<void>;
}

export function createChatHub(): ChatHub {
  const byConversation = new Map<string, Set<ConversationListener>>();
  const everything = new Set<FeedListener>();
  const listWatchers = new Set<() => void>();
  const sessionListeners = new Set<(sessionId: string) => void>();

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
    onSessionEnded(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    sessionEnded(sessionId) {
      for (const listener of [...sessionListeners]) safely(() => listener(sessionId));
    },
  };
}
