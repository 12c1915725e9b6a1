import type { StoreConfig } from '../model/config.js';
import type { Article, ArticleFeedback, ArticleSync } from '../model/faq.js';
import type { Order, OrderAccess, OrderLookup } from '../model/orders.js';
import type { ReturnInput, ReturnRecord, UploadedPhoto } from '../model/returns.js';
import type { CallbackInput, CallbackRecord, CallbackSlot } from '../model/callbacks.js';
import type {
  Availability,
  ChatMessage,
  ChatStream,
  ChatStreamHandlers,
  Conversation,
  ConversationContext,
  ConversationInput,
  ConversationPage,
  ConversationState,
  MessageInput,
  UploadedAttachment,
} from '../model/chat.js';
import type { SurveyResponseInput, SurveyResponseRecord } from '../model/surveys.js';

/** Options every backend call accepts. */
export interface CallOptions {
  /** Cancels the call; adapters also apply their own time limit. */
  readonly signal?: AbortSignal;
  /**
   * Bearer token authorizing the call: an order access token, a conversation token or the host's
   * identity token. Sent in the Authorization header, never in a URL.
   */
  readonly token?: string;
}

/** Options of calls that create something. */
export interface CreateOptions extends CallOptions {
  /** Sent as Idempotency-Key: the same key and body return the first result, never a second record. */
  readonly idempotencyKey: string;
}

export interface UploadOptions extends CreateOptions {
  /** Called with the fraction sent, 0 to 1. */
  readonly onProgress?: (fraction: number) => void;
}

export interface FaqBackend {
  /** Every article of a locale, or the changes since `since` (deletions included). */
  listArticles(query: { locale: string; since?: string }, options?: CallOptions): Promise<ArticleSync>;
  getArticle(id: string, options?: CallOptions): Promise<Article>;
  sendArticleFeedback(feedback: ArticleFeedback, options: CreateOptions): Promise<void>;
  /** Server-side search, for help centres too large to index in the browser. */
  searchArticles(query: { q: string; locale: string }, options?: CallOptions): Promise<readonly Article[]>;
}

export interface OrdersBackend {
  /** Rejects with `not_found` for an unknown number and a wrong email alike, `rate_limited` when asked too often. */
  lookupOrder(lookup: OrderLookup, options?: CallOptions): Promise<OrderAccess>;
  /** Needs the order's access token or an identity token. */
  getOrder(orderId: string, options: CallOptions): Promise<Order>;
  /** The signed-in shopper's recent orders; needs an identity token. */
  listMyOrders(options: CallOptions): Promise<readonly Order[]>;
}

export interface ReturnsBackend {
  createReturn(input: ReturnInput, options: CreateOptions): Promise<ReturnRecord>;
  getReturn(returnId: string, options: CallOptions): Promise<ReturnRecord>;
  /**
   * A photo for a return (purpose `return`): JPEG, PNG or WebP, checked by content; size-limited by
   * the return policy. Needs the order's access token or an identity token.
   */
  uploadPhoto(file: Blob, options: UploadOptions): Promise<UploadedPhoto>;
}

export interface CallbacksBackend {
  /** Free slots inside business hours, from `from` (ISO date or instant) for `days` days. */
  getCallbackSlots(query: { from: string; days: number }, options?: CallOptions): Promise<readonly CallbackSlot[]>;
  /** Rejects with `conflict` (serverCode `slot_taken`) when the slot filled up meanwhile. */
  requestCallback(input: CallbackInput, options: CreateOptions): Promise<CallbackRecord>;
  cancelCallback(callbackId: string, options: CallOptions): Promise<CallbackRecord>;
}

export interface ChatBackend {
  getAvailability(options?: CallOptions): Promise<Availability>;
  /**
   * With an identity token (in `options.token`) the conversation belongs to that signed-in shopper:
   * it is in their history, and their identity token opens it on any device.
   */
  startConversation(input: ConversationInput, options: CreateOptions): Promise<Conversation>;
  /**
   * The signed-in shopper's conversations, most recently active first, a page at a time (`limit`
   * 1–50, default 20; `cursor` from the page before). Needs an identity token.
   */
  listConversations(query: { limit?: number; cursor?: string }, options: CallOptions): Promise<ConversationPage>;
  /** A repeated clientId returns the message already stored, never a second one. */
  sendMessage(conversationId: string, input: MessageInput, options: CallOptions): Promise<ChatMessage>;
  /** Where the conversation stands now: status, the agent who joined, its place in the queue. */
  getConversation(conversationId: string, options: CallOptions): Promise<ConversationState>;
  /** Messages with seq greater than `afterSeq`, in order. */
  getMessages(conversationId: string, afterSeq: number, options: CallOptions): Promise<readonly ChatMessage[]>;
  /**
   * A photo or a PDF for a message of this conversation (purpose `chat`), checked by content, up to
   * 10 MB. Attach its id with `sendMessage(…, { attachmentIds })`.
   */
  uploadAttachment(conversationId: string, file: Blob, options: UploadOptions): Promise<UploadedAttachment>;
  /**
   * Opens the live event stream; the token travels in the first frame, never in the URL.
   *
   * Every call on a conversation (this one, the messages, typing, read, close, transcript and
   * attachments) takes the conversation's token, or the identity token of the signed-in shopper it
   * belongs to. Another shopper's identity is answered like an unknown conversation (`not_found`).
   */
  openChatStream(conversationId: string, token: string, handlers: ChatStreamHandlers): ChatStream;
  sendTyping(conversationId: string, typing: boolean, options: CallOptions): Promise<void>;
  markRead(conversationId: string, upToSeq: number, options: CallOptions): Promise<void>;
  closeConversation(conversationId: string, options: CallOptions): Promise<Conversation>;
  /**
   * Attaches the article the shopper asked about to their open or queued conversation (its
   * `context`, which the agent sees beside it; the latest replaces an earlier one). Never a message:
   * the shopper's words stay what they typed. An ended conversation refuses (`conversation_closed`).
   */
  setConversationContext(
    conversationId: string,
    context: ConversationContext,
    options: CallOptions,
  ): Promise<ConversationState>;
  emailTranscript(conversationId: string, email: string, options: CallOptions): Promise<void>;
}

export interface SurveysBackend {
  submitSurvey(input: SurveyResponseInput, options: CreateOptions): Promise<SurveyResponseRecord>;
}

/**
 * The one interface the widget asks a backend through, split by feature. Adapters implement it:
 * `memory` (the built-in demo store) and `http` (the Kefu HTTP contract). Every method resolves
 * with domain data or rejects with a KefuError; every adapter passes test-suites/backend.suite.ts.
 */
export interface KefuBackend
  extends FaqBackend, OrdersBackend, ReturnsBackend, CallbacksBackend, ChatBackend, SurveysBackend {
  getConfig(options?: CallOptions): Promise<StoreConfig>;
}
