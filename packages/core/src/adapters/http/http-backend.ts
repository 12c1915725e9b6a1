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
  UploadedAttachment,
} from '../../model/chat.js';
import type { SurveyResponseRecord } from '../../model/surveys.js';
import type { CallOptions, CreateOptions, KefuBackend } from '../../ports/backend.js';
import { createHttpClient, pathOf, webSocketUrl, type HttpClientOptions } from './http-client.js';
import { openWebSocketChatStream } from './chat-stream.js';

export interface HttpBackendOptions extends HttpClientOptions {
  /** For the chat stream. Defaults to the global WebSocket, looked up when a stream opens. */
  readonly WebSocket?: typeof WebSocket;
}

/** The adapter for any server that speaks the Kefu HTTP contract (docs/api/http-contract.md). */
export function createHttpBackend(options: HttpBackendOptions): KefuBackend {
  const http = createHttpClient(options);

  // What every call forwards: the caller's signal and token. Creates add their idempotency key.
  const call = ({ signal, token }: CallOptions = {}) => ({ signal, token });
  const create = ({ signal, token, idempotencyKey }: CreateOptions) => ({ signal, token, idempotencyKey });

  return {
    getConfig: (o) => http.request<StoreConfig>({ method: 'GET', path: '/config', ...call(o) }),

    // FAQ
    listArticles: ({ locale, since }, o) =>
      http.request<ArticleSync>({ method: 'GET', path: '/articles', query: { locale, since }, ...call(o) }),
    getArticle: (id, o) => http.request<Article>({ method: 'GET', path: pathOf`/articles/${id}`, ...call(o) }),
    sendArticleFeedback: ({ articleId, helpful, comment }, o) =>
      http.request<undefined>({
        method: 'POST',
        path: pathOf`/articles/${articleId}/feedback`,
        body: { helpful, comment },
        ...create(o),
      }),
    searchArticles: async ({ q, locale }, o) =>
      (
        await http.request<{ articles: Article[] }>({
          method: 'GET',
          path: '/search',
          query: { q, locale },
          ...call(o),
        })
      ).articles,

    // Orders
    lookupOrder: (lookup, o) =>
      http.request<OrderAccess>({ method: 'POST', path: '/orders/lookup', body: lookup, ...call(o) }),
    getOrder: (orderId, o) => http.request<Order>({ method: 'GET', path: pathOf`/orders/${orderId}`, ...call(o) }),
    listMyOrders: async (o) =>
      (await http.request<{ orders: Order[] }>({ method: 'GET', path: '/orders', ...call(o) })).orders,

    // Returns
    createReturn: (input, o) =>
      http.request<ReturnRecord>({ method: 'POST', path: '/returns', body: input, ...create(o) }),
    getReturn: (returnId, o) =>
      http.request<ReturnRecord>({ method: 'GET', path: pathOf`/returns/${returnId}`, ...call(o) }),
    uploadPhoto: (file, o) =>
      http.upload<UploadedPhoto>({
        path: '/uploads',
        form: uploadForm(file, { purpose: 'return' }),
        ...create(o),
        onProgress: o.onProgress,
      }),

    // Callbacks
    getCallbackSlots: async ({ from, days }, o) =>
      (
        await http.request<{ slots: CallbackSlot[] }>({
          method: 'GET',
          path: '/callbacks/slots',
          query: { from, days },
          ...call(o),
        })
      ).slots,
    requestCallback: (input, o) =>
      http.request<CallbackRecord>({ method: 'POST', path: '/callbacks', body: input, ...create(o) }),
    cancelCallback: (callbackId, o) =>
      http.request<CallbackRecord>({ method: 'POST', path: pathOf`/callbacks/${callbackId}/cancel`, ...call(o) }),

    // Chat
    getAvailability: (o) => http.request<Availability>({ method: 'GET', path: '/availability', ...call(o) }),
    startConversation: (input, o) =>
      http.request<Conversation>({ method: 'POST', path: '/conversations', body: input, ...create(o) }),
    listConversations: ({ limit, cursor }, o) =>
      http.request<ConversationPage>({ method: 'GET', path: '/conversations', query: { limit, cursor }, ...call(o) }),
    uploadAttachment: (conversationId, file, o) =>
      http.upload<UploadedAttachment>({
        path: '/uploads',
        // The conversation is named too, for a signed-in shopper's identity token (which names none).
        form: uploadForm(file, { purpose: 'chat', conversationId }),
        ...create(o),
        onProgress: o.onProgress,
      }),
    sendMessage: (conversationId, input, o) =>
      http.request<ChatMessage>({
        method: 'POST',
        path: pathOf`/conversations/${conversationId}/messages`,
        body: input,
        // The clientId is the message's idempotency key; the header says so to proxies and logs alike.
        ...call(o),
        idempotencyKey: input.clientId,
      }),
    getMessages: async (conversationId, afterSeq, o) =>
      (
        await http.request<{ messages: ChatMessage[] }>({
          method: 'GET',
          path: pathOf`/conversations/${conversationId}/messages`,
          query: { after: afterSeq },
          ...call(o),
        })
      ).messages,
    openChatStream: (conversationId, token, handlers) =>
      openWebSocketChatStream(
        webSocketUrl(options.apiBase, pathOf`/conversations/${conversationId}/stream`),
        token,
        handlers,
        options.WebSocket ?? globalThis.WebSocket,
      ),
    sendTyping: (conversationId, typing, o) =>
      http.request<undefined>({
        method: 'POST',
        path: pathOf`/conversations/${conversationId}/typing`,
        body: { typing },
        ...call(o),
      }),
    markRead: (conversationId, upToSeq, o) =>
      http.request<undefined>({
        method: 'POST',
        path: pathOf`/conversations/${conversationId}/read`,
        body: { upToSeq },
        ...call(o),
      }),
    closeConversation: (conversationId, o) =>
      http.request<Conversation>({ method: 'POST', path: pathOf`/conversations/${conversationId}/close`, ...call(o) }),
    emailTranscript: (conversationId, email, o) =>
      http.request<undefined>({
        method: 'POST',
        path: pathOf`/conversations/${conversationId}/transcript`,
        body: { email },
        ...call(o),
      }),

    // Surveys
    submitSurvey: (input, o) =>
      http.request<SurveyResponseRecord>({ method: 'POST', path: '/surveys/responses', body: input, ...create(o) }),
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
