import type { StoreConfig } from '../../model/config.js';
import type { Article, ArticleSync } from '../../model/faq.js';
import type { Order, OrderAccess } from '../../model/orders.js';
import type { ReturnRecord, UploadedPhoto } from '../../model/returns.js';
import type { CallbackRecord, CallbackSlot } from '../../model/callbacks.js';
import type {
  Availability,
  ChatMessage,
  Conversation,
  ConversationPage,
  ConversationState,
  UploadedAttachment,
} from '../../model/chat.js';
import type { SurveyResponseRecord } from '../../model/surveys.js';
import type { CallOptions, CreateOptions, KefuBackend, UploadOptions } from '../../ports/backend.js';
import {
  createHttpClient,
  pathOf,
  absoluteUrl,
  webSocketUrl,
  type HttpClientOptions,
  type HttpRequest,
} from './http-client.js';
import { openWebSocketChatStream } from './chat-stream.js';

export interface HttpBackendOptions extends HttpClientOptions {
  /** For the chat stream. Defaults to the global WebSocket, looked up when a stream opens. */
  readonly WebSocket?: typeof WebSocket;
}

/** The adapter for any server that speaks the Kefu HTTP contract (docs/api/http-contract.md). */
export function createHttpBackend(options: HttpBackendOptions): KefuBackend {
  const http = createHttpClient(options);

  // What every call forwards: the caller's signal and token, and a create's idempotency key.
  const forwarded = ({ signal, token, idempotencyKey }: Partial<CreateOptions> = {}) => ({
    signal,
    token,
    idempotencyKey,
  });
  const get = <T>(path: string, o?: CallOptions, query?: HttpRequest['query']) =>
    http.request<T>({ method: 'GET', path, query, ...forwarded(o) });
  const post = <T>(path: string, o?: Partial<CreateOptions>, body?: unknown) =>
    http.request<T>({ method: 'POST', path, body, ...forwarded(o) });
  const upload = <T>(form: FormData, o: UploadOptions) =>
    http.upload<T>({ path: '/uploads', form, ...forwarded(o), onProgress: o.onProgress });
  const conversation = (id: string, action: string) => pathOf`/conversations/${id}/` + action;
  // An attachment's `url` is a path below apiBase (`/files/{id}?sig=…`, which opens that file
  // without a token): made absolute here, so an <img> or a link on the store's page opens it,
  // also where apiBase itself is relative ("/v1").
  const linked = (message: ChatMessage): ChatMessage =>
    message.attachments
      ? {
          ...message,
          attachments: message.attachments.map((file) =>
            file.url[0] === '/' ? { ...file, url: absoluteUrl(options.apiBase, file.url) } : file,
          ),
        }
      : message;

  return {
    getConfig: (o) => get<StoreConfig>('/config', o),

    // FAQ
    listArticles: ({ locale, since }, o) => get<ArticleSync>('/articles', o, { locale, since }),
    getArticle: (id, o) => get<Article>(pathOf`/articles/${id}`, o),
    sendArticleFeedback: ({ articleId, helpful, comment }, o) =>
      post<undefined>(pathOf`/articles/${articleId}/feedback`, o, { helpful, comment }),
    searchArticles: async ({ q, locale }, o) =>
      (await get<{ articles: Article[] }>('/search', o, { q, locale })).articles,

    // Orders
    lookupOrder: (lookup, o) => post<OrderAccess>('/orders/lookup', o, lookup),
    getOrder: (orderId, o) => get<Order>(pathOf`/orders/${orderId}`, o),
    listMyOrders: async (o) => (await get<{ orders: Order[] }>('/orders', o)).orders,

    // Returns
    createReturn: (input, o) => post<ReturnRecord>('/returns', o, input),
    getReturn: (returnId, o) => get<ReturnRecord>(pathOf`/returns/${returnId}`, o),
    uploadPhoto: (file, o) => upload<UploadedPhoto>(uploadForm(file, { purpose: 'return' }), o),

    // Callbacks
    getCallbackSlots: async ({ from, days }, o) =>
      (await get<{ slots: CallbackSlot[] }>('/callbacks/slots', o, { from, days })).slots,
    requestCallback: (input, o) => post<CallbackRecord>('/callbacks', o, input),
    cancelCallback: (callbackId, o) => post<CallbackRecord>(pathOf`/callbacks/${callbackId}/cancel`, o),

    // Chat
    getAvailability: (o) => get<Availability>('/availability', o),
    startConversation: (input, o) => post<Conversation>('/conversations', o, input),
    listConversations: ({ limit, cursor }, o) => get<ConversationPage>('/conversations', o, { limit, cursor }),
    uploadAttachment: (conversationId, file, o) =>
      // The conversation is named too, for a signed-in shopper's identity token (which names none).
      upload<UploadedAttachment>(uploadForm(file, { purpose: 'chat', conversationId }), o),
    sendMessage: (conversationId, input, o) =>
      // The clientId is the message's idempotency key; the header says so to proxies and logs alike.
      post<ChatMessage>(conversation(conversationId, 'messages'), { ...o, idempotencyKey: input.clientId }, input).then(
        linked,
      ),
    getConversation: (conversationId, o) => get<ConversationState>(pathOf`/conversations/${conversationId}`, o),
    getMessages: async (conversationId, afterSeq, o) =>
      (
        await get<{ messages: ChatMessage[] }>(conversation(conversationId, 'messages'), o, { after: afterSeq })
      ).messages.map(linked),
    openChatStream: (conversationId, token, handlers) =>
      openWebSocketChatStream(
        webSocketUrl(options.apiBase, conversation(conversationId, 'stream')),
        token,
        {
          ...handlers,
          onEvent: (event) =>
            handlers.onEvent(event.type === 'message' ? { ...event, message: linked(event.message) } : event),
        },
        options.WebSocket ?? globalThis.WebSocket,
      ),
    sendTyping: (conversationId, typing, o) => post<undefined>(conversation(conversationId, 'typing'), o, { typing }),
    markRead: (conversationId, upToSeq, o) => post<undefined>(conversation(conversationId, 'read'), o, { upToSeq }),
    closeConversation: (conversationId, o) => post<Conversation>(conversation(conversationId, 'close'), o),
    setConversationContext: (conversationId, context, o) =>
      post<ConversationState>(conversation(conversationId, 'context'), o, context),
    emailTranscript: (conversationId, email, o) =>
      post<undefined>(conversation(conversationId, 'transcript'), o, { email }),

    // Surveys
    submitSurvey: (input, o) => post<SurveyResponseRecord>('/surveys/responses', o, input),
  };
}

/** POST /uploads' multipart body: the file, then what it is for. */
function uploadForm(file: Blob, fields: { purpose: 'return' | 'chat'; conversationId?: string }): FormData {
  const form = new FormData();
  // A Blob without a name would be sent as "blob"; the server checks the content, not the name.
  form.append('file', file, file instanceof File ? file.name : fields.purpose === 'chat' ? 'attachment' : 'photo');
  form.append('purpose', fields.purpose);
  if (fields.conversationId !== undefined) form.append('conversationId', fields.conversationId);
  return form;
}
