import { http, HttpResponse, ws, type AnyHandler, type PathParams } from 'msw';
import { KefuError, type KefuErrorCode } from '../../packages/core/src/errors.js';
import type { CallOptions, CreateOptions, KefuBackend } from '../../packages/core/src/ports/backend.js';
import type { ArticleFeedback } from '../../packages/core/src/model/faq.js';
import type { OrderLookup } from '../../packages/core/src/model/orders.js';
import type { ReturnInput } from '../../packages/core/src/model/returns.js';
import type { CallbackInput } from '../../packages/core/src/model/callbacks.js';
import type {
  ChatEvent,
  ChatStream,
  ConversationContext,
  ConversationInput,
  MessageInput,
} from '../../packages/core/src/model/chat.js';
import type { SurveyResponseInput } from '../../packages/core/src/model/surveys.js';
import {
  STREAM_UNAUTHORIZED_CLOSE_CODE,
  type StreamAuthFrame,
  type StreamControlFrame,
} from '../../packages/core/src/adapters/http/chat-stream.js';
import { webSocketUrl } from '../../packages/core/src/adapters/http/http-client.js';

/** One request as the server saw it, for assertions such as "exactly one create with that key". */
export interface RecordedRequest {
  /** The HTTP method, or "WEBSOCKET" for a stream connection. */
  readonly method: string;
  /** Below apiBase, without the query, e.g. "/returns". */
  readonly path: string;
  /** The whole URL as requested, query included, to check no token ever lands in one. */
  readonly url: string;
  readonly idempotencyKey: string | undefined;
  /** The bearer token from the Authorization header (or, for a stream, from its auth frame). */
  readonly token: string | undefined;
}

export type ContractHandlers = AnyHandler[] & { readonly requests: RecordedRequest[] };

/** How long a stream may stay silent before its auth frame; a socket that never authenticates is dropped. */
const STREAM_AUTH_TIMEOUT_MS = 10_000;

/**
 * A miniature Kefu server inside msw: serves docs/api/http-contract.md by delegating every route to a
 * KefuBackend (tests pass the memory backend), and turns the KefuErrors it throws back into status,
 * error body and Retry-After, as the reference server must. Spread the result into
 * `worker.resetHandlers(...)`; read `requests` for what the server saw.
 */
export function createContractHandlers(apiBase: string, backend: KefuBackend): ContractHandlers {
  const base = apiBase.replace(/\/+$/, '');
  const basePath = new URL(base).pathname;
  const requests: RecordedRequest[] = [];
  // The handlers refuse only what HTTP itself cannot carry (a body that is not a JSON object, a
  // missing query parameter, Idempotency-Key or file). Judging values is the backend's job, so the
  // answer over HTTP is the backend's own error, field names included: the body values are passed
  // on as they came, and the casts below only name what the contract says they should be.

  /** Wraps a resolver: records the request, then writes its result or its error per the contract. */
  function route<Params extends PathParams>(
    resolve: (request: Request, params: Params, options: CreateOptions) => Promise<Response>,
  ) {
    return async ({ request, params }: { request: Request; params: Params }): Promise<Response> => {
      const url = new URL(request.url);
      const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
      const token = bearerToken(request.headers.get('authorization'));
      requests.push({
        method: request.method,
        path: url.pathname.slice(basePath.length),
        url: request.url,
        idempotencyKey,
        token,
      });
      try {
        // idempotencyKey is '' when absent; creating() refuses that before the backend sees it.
        return await resolve(request, params, { token, idempotencyKey: idempotencyKey ?? '', signal: request.signal });
      } catch (error) {
        return errorResponse(error);
      }
    };
  }

  /** Routes that create something: no Idempotency-Key, no create (a retry could otherwise duplicate it). */
  function creating<Params extends PathParams>(
    resolve: (request: Request, params: Params, options: CreateOptions) => Promise<Response>,
  ) {
    return route<Params>((request, params, options) => {
      if (!options.idempotencyKey) {
        throw new KefuError('validation', 'This call needs an Idempotency-Key header.', {
          status: 400,
          serverCode: 'idempotency_key_required',
        });
      }
      return resolve(request, params, options);
    });
  }

  const call = ({ token, signal }: CallOptions): CallOptions => ({ token, signal });
  const json = (body: unknown, status = 200) => HttpResponse.json(body as Record<string, unknown>, { status });
  const noContent = () => new HttpResponse(null, { status: 204 });

  const handlers: AnyHandler[] = [
    http.get(
      `${base}/config`,
      route(async (_request, _params, o) => json(await backend.getConfig(call(o)))),
    ),

    // FAQ
    http.get(
      `${base}/articles`,
      route(async (request, _params, o) => {
        const query = new URL(request.url).searchParams;
        const since = query.get('since') ?? undefined;
        const sync = await backend.listArticles(
          { locale: requiredQuery(query, 'locale'), ...(since ? { since } : {}) },
          call(o),
        );
        return json(sync);
      }),
    ),
    http.get<{ id: string }>(
      `${base}/articles/:id`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.getArticle(id, call(o)))),
    ),
    http.post<{ id: string }>(
      `${base}/articles/:id/feedback`,
      creating<{ id: string }>(async (request, { id }, o) => {
        const body = await jsonBody(request);
        const feedback: ArticleFeedback = { ...(body as Omit<ArticleFeedback, 'articleId'>), articleId: id };
        await backend.sendArticleFeedback(feedback, o);
        return noContent();
      }),
    ),
    http.get(
      `${base}/search`,
      route(async (request, _params, o) => {
        const query = new URL(request.url).searchParams;
        const articles = await backend.searchArticles(
          { q: requiredQuery(query, 'q'), locale: requiredQuery(query, 'locale') },
          call(o),
        );
        return json({ articles });
      }),
    ),

    // Orders. /orders/lookup comes before /orders/:id so "lookup" is never taken for an id.
    http.post(
      `${base}/orders/lookup`,
      route(async (request, _params, o) =>
        json(await backend.lookupOrder((await jsonBody(request)) as unknown as OrderLookup, call(o))),
      ),
    ),
    http.get(
      `${base}/orders`,
      route(async (_request, _params, o) => json({ orders: await backend.listMyOrders(call(o)) })),
    ),
    http.get<{ id: string }>(
      `${base}/orders/:id`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.getOrder(id, call(o)))),
    ),

    // Returns
    http.post(
      `${base}/returns`,
      creating(async (request, _params, o) =>
        json(await backend.createReturn((await jsonBody(request)) as unknown as ReturnInput, o), 201),
      ),
    ),
    http.get<{ id: string }>(
      `${base}/returns/:id`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.getReturn(id, call(o)))),
    ),
    http.post(
      `${base}/uploads`,
      creating(async (request, _params, o) => {
        const { file, purpose, conversationId } = await uploadParts(request);
        // The port has one call per purpose; a chat file names its conversation (the http adapter always does).
        if (purpose === 'chat') {
          if (!conversationId) throw invalidPart('conversationId', 'Name the conversation the file is for.');
          return json(await backend.uploadAttachment(conversationId, file, o), 201);
        }
        if (purpose !== undefined && purpose !== 'return') throw invalidPart('purpose', 'Expected return or chat.');
        return json(await backend.uploadPhoto(file, o), 201);
      }),
    ),

    // Callbacks. /callbacks/slots is a GET and /callbacks/:id/cancel a POST, so they cannot collide.
    http.get(
      `${base}/callbacks/slots`,
      route(async (request, _params, o) => {
        const query = new URL(request.url).searchParams;
        // NaN for junk: the backend judges the value, so the answer is its own validation error.
        const days = Number(requiredQuery(query, 'days'));
        return json({ slots: await backend.getCallbackSlots({ from: requiredQuery(query, 'from'), days }, call(o)) });
      }),
    ),
    http.post(
      `${base}/callbacks`,
      creating(async (request, _params, o) =>
        json(await backend.requestCallback((await jsonBody(request)) as unknown as CallbackInput, o), 201),
      ),
    ),
    http.post<{ id: string }>(
      `${base}/callbacks/:id/cancel`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.cancelCallback(id, call(o)))),
    ),

    // Chat
    http.get(
      `${base}/availability`,
      route(async (_request, _params, o) => json(await backend.getAvailability(call(o)))),
    ),
    http.post(
      `${base}/conversations`,
      creating(async (request, _params, o) =>
        json(await backend.startConversation((await jsonBody(request)) as unknown as ConversationInput, o), 201),
      ),
    ),
    http.get(
      `${base}/conversations`,
      route(async (request, _params, o) => {
        const query = new URL(request.url).searchParams;
        // Junk becomes NaN, which the backend refuses with its own message.
        const limit = query.get('limit');
        const cursor = query.get('cursor');
        const page = await backend.listConversations(
          {
            ...(limit === null || limit === '' ? {} : { limit: Number(limit) }),
            ...(cursor === null ? {} : { cursor }),
          },
          call(o),
        );
        return json(page);
      }),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/messages`,
      route<{ id: string }>(async (request, { id }, o) => {
        const input = (await jsonBody(request)) as unknown as MessageInput;
        // 200 instead of 201 tells a retry that it found the first send's message. The port does not
        // say whether a message is new, so look before sending; a failed look just means "new".
        const existed =
          typeof input.clientId === 'string' &&
          (await backend.getMessages(id, 0, call(o)).then(
            (messages) => messages.some((m) => m.clientId === input.clientId),
            () => false,
          ));
        return json(await backend.sendMessage(id, input, call(o)), existed ? 200 : 201);
      }),
    ),
    http.get<{ id: string }>(
      `${base}/conversations/:id`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.getConversation(id, call(o)))),
    ),
    http.get<{ id: string }>(
      `${base}/conversations/:id/messages`,
      route<{ id: string }>(async (request, { id }, o) => {
        // Without `after`, every message; junk becomes NaN, which the backend refuses.
        const after = new URL(request.url).searchParams.get('after');
        const afterSeq = after === null || after === '' ? 0 : Number(after);
        return json({ messages: await backend.getMessages(id, afterSeq, call(o)) });
      }),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/typing`,
      route<{ id: string }>(async (request, { id }, o) => {
        const { typing } = await jsonBody(request);
        await backend.sendTyping(id, typing as boolean, call(o));
        return noContent();
      }),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/read`,
      route<{ id: string }>(async (request, { id }, o) => {
        const { upToSeq } = await jsonBody(request);
        await backend.markRead(id, upToSeq as number, call(o));
        return noContent();
      }),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/close`,
      route<{ id: string }>(async (_request, { id }, o) => json(await backend.closeConversation(id, call(o)))),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/context`,
      route<{ id: string }>(async (request, { id }, o) =>
        json(
          await backend.setConversationContext(
            id,
            (await jsonBody(request)) as unknown as ConversationContext,
            call(o),
          ),
        ),
      ),
    ),
    http.post<{ id: string }>(
      `${base}/conversations/:id/transcript`,
      route<{ id: string }>(async (request, { id }, o) => {
        const { email } = await jsonBody(request);
        await backend.emailTranscript(id, email as string, call(o));
        return noContent();
      }),
    ),

    // Surveys
    http.post(
      `${base}/surveys/responses`,
      creating(async (request, _params, o) =>
        json(await backend.submitSurvey((await jsonBody(request)) as unknown as SurveyResponseInput, o), 201),
      ),
    ),

    streamLink(base, basePath, backend, requests),
  ];

  return Object.assign(handlers, { requests });
}

/** The live stream: auth frame first, `subscribed` once the backend forwards events, then events. */
function streamLink(base: string, basePath: string, backend: KefuBackend, requests: RecordedRequest[]): AnyHandler {
  const link = ws.link(webSocketUrl(base, '/conversations/:id/stream'));
  return link.addEventListener('connection', ({ client, params }) => {
    const conversationId = String(params.id);
    const send = (frame: StreamControlFrame | ChatEvent) => client.send(JSON.stringify(frame));
    // msw delivers a sent frame a microtask later and drops it if the socket is closing by then, so a
    // close right after a send would swallow it (the error frame, above all). Close a task later.
    const closeSoon = (code: number, reason: string) => setTimeout(() => client.close(code, reason), 0);
    const refuse = (error: unknown) => {
      const { code, closeCode } = streamRefusal(error);
      send({ type: 'error', code, ...(error instanceof Error ? { message: error.message } : {}) });
      closeSoon(closeCode, code);
    };
    let stream: ChatStream | undefined;
    let state: 'awaiting_auth' | 'subscribing' | 'subscribed' | 'closed' = 'awaiting_auth';
    const pending: ChatEvent[] = [];
    const authTimer = setTimeout(() => {
      if (state === 'awaiting_auth') refuse(new KefuError('unauthorized', 'No auth frame.'));
    }, STREAM_AUTH_TIMEOUT_MS);

    client.addEventListener('close', () => {
      clearTimeout(authTimer);
      state = 'closed';
      stream?.close();
    });
    client.addEventListener('message', (message) => {
      if (state !== 'awaiting_auth') return; // Only the first frame means anything coming from the client.
      clearTimeout(authTimer);
      const token = authToken(message.data);
      // Recorded at the auth frame, so the record holds the token the stream was opened with.
      requests.push({
        method: 'WEBSOCKET',
        path: new URL(client.url).pathname.slice(basePath.length),
        url: client.url.href,
        idempotencyKey: undefined,
        token,
      });
      if (token === undefined) {
        refuse(new KefuError('unauthorized', 'The first frame must be {"type":"auth","token":"…"}.'));
        return;
      }
      state = 'subscribing';
      try {
        stream = backend.openChatStream(conversationId, token, {
          onEvent(event) {
            if (state === 'subscribed') send(event);
            else if (state === 'subscribing') pending.push(event);
          },
          onConnection(connection) {
            if (connection === 'open' && state === 'subscribing') {
              state = 'subscribed';
              send({ type: 'subscribed' });
              for (const event of pending.splice(0)) send(event);
            } else if (connection === 'closed' && state === 'subscribing') {
              // The backend dropped the stream before subscribing: it refused the token.
              state = 'closed';
              refuse(new KefuError('unauthorized', 'The conversation refused this token.'));
            } else if (connection === 'closed' && state === 'subscribed') {
              state = 'closed';
              closeSoon(1000, 'stream ended');
            }
          },
        });
        // A backend may have closed it while it was being opened (the callbacks ran inside
        // openChatStream, so the compiler cannot see `state` change); do not leak the subscription.
        if ((state as typeof state | 'closed') === 'closed') stream.close();
      } catch (error) {
        state = 'closed';
        refuse(error);
      }
    });
  });
}

function streamRefusal(error: unknown): { code: string; closeCode: number } {
  // An unknown conversation is refused like a wrong token, so the stream does not reveal which exist.
  if (error instanceof KefuError && (error.code === 'unauthorized' || error.code === 'not_found')) {
    return { code: 'unauthorized', closeCode: STREAM_UNAUTHORIZED_CLOSE_CODE };
  }
  // 1011: the server hit an unexpected condition (RFC 6455 §7.4.1).
  return { code: 'server', closeCode: 1011 };
}

function authToken(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const frame = JSON.parse(data) as Partial<StreamAuthFrame> | null;
    return frame?.type === 'auth' && typeof frame.token === 'string' && frame.token !== '' ? frame.token : undefined;
  } catch {
    return undefined;
  }
}

function bearerToken(header: string | null): string | undefined {
  const match = header === null ? null : /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** Status for KefuErrors a backend throws without one, e.g. `new KefuError('not_found', …)`. */
const statusByCode: Partial<Record<KefuErrorCode, number>> = {
  validation: 422,
  not_found: 404,
  unauthorized: 401,
  conflict: 409,
  rate_limited: 429,
  timeout: 504,
};

/**
 * The contract's error response: `{ error: { code, message, fields?, triesLeft? } }`, plus
 * Retry-After when known.
 */
export function errorResponse(error: unknown): Response {
  const kefuError =
    error instanceof KefuError
      ? error
      : new KefuError('server', error instanceof Error ? error.message : String(error), { serverCode: 'internal' });
  const status = kefuError.status ?? statusByCode[kefuError.code] ?? 500;
  const headers = new Headers();
  if (kefuError.retryAfterMs !== undefined) {
    headers.set('Retry-After', String(Math.ceil(kefuError.retryAfterMs / 1000)));
  }
  const body = {
    error: {
      // The server writes an error's details before its code, so a lookup's warning comes first here too.
      ...(kefuError.triesLeft !== undefined ? { triesLeft: kefuError.triesLeft } : {}),
      code: kefuError.serverCode ?? kefuError.code,
      message: kefuError.message,
      ...(kefuError.fields ? { fields: kefuError.fields } : {}),
    },
  };
  return HttpResponse.json(body, { status, headers });
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new KefuError('validation', 'The body must be JSON.', { status: 400, serverCode: 'invalid_json' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KefuError('validation', 'The body must be a JSON object.', { status: 400, serverCode: 'invalid_json' });
  }
  return body as Record<string, unknown>;
}

/** POST /uploads' parts: the file, what it is for, and (for a chat file) its conversation. */
async function uploadParts(request: Request): Promise<{ file: Blob; purpose?: string; conversationId?: string }> {
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data')) {
    throw new KefuError('validation', 'Send the photo as multipart/form-data.', {
      status: 415,
      serverCode: 'unsupported_media_type',
    });
  }
  const form = await request.formData();
  const file = form.get('file');
  if (!(file instanceof Blob)) throw badBody('file', 'A photo is required.');
  const purpose = form.get('purpose');
  const conversationId = form.get('conversationId');
  return {
    file,
    ...(typeof purpose === 'string' ? { purpose } : {}),
    ...(typeof conversationId === 'string' ? { conversationId } : {}),
  };
}

/** Absent is a malformed request; empty is a value like any other, for the backend to judge. */
function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null) throw badQuery(name, 'Required.');
  return value;
}

function badQuery(name: string, message: string): KefuError {
  return new KefuError('validation', `Bad query parameter "${name}".`, {
    status: 400,
    serverCode: 'invalid_query',
    fields: { [name]: message },
  });
}

/** A multipart part the port has no place for, judged here as the reference server judges it. */
function invalidPart(name: string, message: string): KefuError {
  return new KefuError('validation', 'Please check the highlighted fields.', {
    status: 422,
    serverCode: 'validation_failed',
    fields: { [name]: message },
  });
}

function badBody(name: string, message: string): KefuError {
  return new KefuError('validation', `Bad field "${name}".`, {
    status: 400,
    serverCode: 'invalid_body',
    fields: { [name]: message },
  });
}
