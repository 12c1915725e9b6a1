import type { ArticleFeedback } from '../model/faq.js';
import type { CallbackInput } from '../model/callbacks.js';
import type { MessageInput } from '../model/chat.js';
import type { ReturnInput } from '../model/returns.js';
import type { SurveyResponseInput } from '../model/surveys.js';
import type { KefuErrorCode } from '../errors.js';

/** What each kind of submission carries: plain data, never functions, so it survives a reload. */
export interface OutboxPayloads {
  return: ReturnInput;
  callback: CallbackInput;
  survey: SurveyResponseInput;
  'article-feedback': ArticleFeedback;
  'chat-message': { readonly conversationId: string; readonly message: MessageInput };
}

export type OutboxKind = keyof OutboxPayloads;

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxError {
  readonly code: KefuErrorCode;
  readonly message: string;
  readonly status?: number;
  readonly serverCode?: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export interface OutboxItem<K extends OutboxKind = OutboxKind> {
  /** Client-generated; the Idempotency-Key the server sees on every attempt (a chat message's clientId). */
  readonly id: string;
  readonly kind: K;
  /** Dropped once sent: what the shopper typed is not kept longer than needed. */
  readonly payload?: OutboxPayloads[K];
  /** Authorizes the send (an order access token, a conversation token); dropped once settled. */
  readonly token?: string;
  readonly createdAt: number;
  readonly attempts: number;
  /** Not sent again before this time (backoff, Retry-After); ignored when the network comes back. */
  readonly nextAttemptAt: number;
  readonly status: OutboxStatus;
  /** Why the last attempt failed: the final reason when `failed`, the latest transient one when `pending`. */
  readonly error?: OutboxError;
  /** The server's answer once sent (the return with its RMA, the stored chat message, …). */
  readonly result?: unknown;
  readonly sentAt?: number;
}
