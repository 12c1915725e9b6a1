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
  /**
   * Where the shopper came from (an article that did not answer them). Kept apart from their
   * words: the agent sees it as a label, and what the shopper typed stays what they typed.
   */
  readonly context?: ConversationContext;
}

/** The help article a conversation started from. */
export interface ConversationContext {
  readonly articleId: string;
  readonly articleTitle: string;
}

export type ConversationStatus = 'queued' | 'open' | 'closed';

export interface Conversation {
  readonly id: string;
  /**
   * Authorizes every later call on this conversation; sent in a header or the socket's first frame.
   * Empty for a conversation a signed-in shopper reopened from their history (on another device):
   * its calls carry the shopper's identity token instead.
   */
  readonly token: string;
  readonly status: ConversationStatus;
  readonly queuePosition?: number;
  readonly agentName?: string;
}

/** What a chat attachment may be, judged by its bytes: a photo or a PDF (a receipt, an invoice). */
export type AttachmentContentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** POST /v1/uploads with `purpose: chat`: the stored file, to name in a message's `attachmentIds`. */
export interface UploadedAttachment {
  readonly id: string;
  readonly contentType: AttachmentContentType;
  readonly size: number;
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

/**
 * GET /v1/conversations/{id}: where a conversation stands now. A client catching up after a
 * reload reads it besides the messages it missed, since events such as an agent joining are not
 * messages.
 */
export interface ConversationState {
  readonly id: string;
  readonly status: ConversationStatus;
  readonly queuePosition?: number;
  readonly agentName?: string;
  /** The conversation's highest sequence number (messages and events) when this was read. */
  readonly lastSeq: number;
  readonly context?: ConversationContext;
}

/** The last message of a conversation, as a list shows it: its text shortened, its files only counted. */
export interface ConversationPreview {
  readonly author: ChatMessage['author'];
  readonly authorName?: string;
  /** At most 140 characters, whitespace collapsed; an ellipsis ends a shortened one. */
  readonly text: string;
  /** How many files the message carries (their data is not in a list). */
  readonly attachmentCount: number;
  readonly createdAt: string;
}

/** One of a signed-in shopper's conversations, as GET /v1/conversations lists them. */
export interface ConversationSummary {
  readonly id: string;
  readonly status: ConversationStatus;
  readonly topic: string;
  readonly agentName?: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601: the last message, agent joining or status change; the list's order, newest first. */
  readonly updatedAt: string;
  readonly lastMessage?: ConversationPreview;
  /** The conversation's highest sequence number (messages and events). */
  readonly lastSeq: number;
  /** Agent messages after the shopper's last read receipt. */
  readonly unread: number;
}

/** A page of GET /v1/conversations; `nextCursor` asks for the page after it. */
export interface ConversationPage {
  readonly conversations: readonly ConversationSummary[];
  readonly nextCursor?: string;
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
