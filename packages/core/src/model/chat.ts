export interface Availability {
  /** Whether a human can chat now (inside business hours with an agent online). */
  readonly open: boolean;
  readonly agentsOnline: number;
  readonly queueLength: number;
  /** Expected wait for a new conversation, in seconds. */
  readonly estimatedWaitSeconds: number;
  /** ISO 8601; when chat opens next, if it is closed now. */
  readonly nextOpeningAt?: string;
}

/** POST /v1/conversations. */
export interface ConversationInput {
  readonly name: string;
  readonly email: string;
  readonly topic: string;
  readonly orderNumber?: string;
  /** The first message, if the shopper typed one before the pre-chat form. */
  readonly message?: string;
}

export type ConversationStatus = 'queued' | 'open' | 'closed';

export interface Conversation {
  readonly id: string;
  /** Authorizes every later call on this conversation; sent in a header or the socket's first frame. */
  readonly token: string;
  readonly status: ConversationStatus;
  readonly queuePosition?: number;
  readonly agentName?: string;
}

export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

export interface ChatMessage {
  /** Server id. */
  readonly id: string;
  /** The sender's client id (idempotency key); present on shopper messages. */
  readonly clientId?: string;
  /** Position in the conversation, from 1, without gaps across messages and events. */
  readonly seq: number;
  readonly author: 'shopper' | 'agent' | 'system';
  readonly authorName?: string;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  readonly createdAt: string;
}

/** POST /v1/conversations/{id}/messages. */
export interface MessageInput {
  readonly clientId: string;
  readonly text: string;
  readonly attachmentIds?: readonly string[];
}

/** What the live stream carries. Every event has the conversation's sequence number. */
export type ChatEvent =
  | { readonly type: 'message'; readonly seq: number; readonly message: ChatMessage }
  | { readonly type: 'typing'; readonly seq: number; readonly author: 'shopper' | 'agent'; readonly typing: boolean }
  | { readonly type: 'read'; readonly seq: number; readonly author: 'shopper' | 'agent'; readonly upToSeq: number }
  | { readonly type: 'queue'; readonly seq: number; readonly position: number; readonly estimatedWaitSeconds: number }
  | { readonly type: 'agent_joined'; readonly seq: number; readonly agentName: string }
  | { readonly type: 'status'; readonly seq: number; readonly status: ConversationStatus };

export interface ChatStreamHandlers {
  onEvent(event: ChatEvent): void;
  /** `open` once subscribed (after which a catch-up fetch cannot miss anything), `closed` when dropped. */
  /**
   * `reason` comes with `closed`: `refused` when the server will not take this token for this
   * conversation (reconnecting with it is pointless), `dropped` for anything else (worth retrying).
   */
  onConnection(state: 'open' | 'closed', reason?: 'refused' | 'dropped'): void;
}

export interface ChatStream {
  close(): void;
}
