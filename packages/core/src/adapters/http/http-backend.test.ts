import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay, ws } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { startMockServer } from '../../../../../test/support/msw.js';
import { createContractHandlers, type ContractHandlers } from '../../../../../test/support/contract-handlers.js';
import { runBackendSuite } from '../../../test-suites/backend.suite.js';
import { demoStoreConfig } from '../../seed/demo-store.js';
import { KefuError } from '../../errors.js';
import type { KefuBackend } from '../../ports/backend.js';
import type { ChatEvent, ChatMessage, ChatStreamHandlers } from '../../model/chat.js';
import type { Order } from '../../model/orders.js';
import { createMemoryBackendWithControls, type MemoryBackendControls } from '../memory/memory-backend.js';
import { createHttpBackend } from './http-backend.js';

const apiBase = `${location.origin}/mock-api/v1`;
const configUrl = `${apiBase}/config`;
const streamBase = `${apiBase.replace(/^http/, 'ws')}/conversations`;

let worker: SetupWorker;
/** The contract server of the current test; replaced by `serve()` in the focused tests. */
let server: ContractHandlers;

before(async () => {
  worker = await startMockServer();
});
after(() => worker.stop());
/** How fast the memory backend's pretend agent joins and answers behind the msw contract handlers. */
const SUITE_AGENT_DELAY_MS = 20;

/** Serves the contract over a fresh memory backend, so no state leaks from one test to the next. */
function serveMemory(agentReplyDelayMs = SUITE_AGENT_DELAY_MS): MemoryBackendControls {
  const memory = createMemoryBackendWithControls({ agentReplyDelayMs });
  server = createContractHandlers(apiBase, memory.backend);
  worker.resetHandlers(...server);
  return memory.controls;
}
beforeEach(() => {
  memoryControls = serveMemory();
});
afterEach(() => memoryControls.dispose());
let memoryControls: MemoryBackendControls;

runBackendSuite(
  'http (msw over memory)',
  async () => {
    // The msw server can move its backend's clock, which a remote one cannot: the expiry cases run too.
    const controls = serveMemory();
    return {
      backend: createHttpBackend({ apiBase }),
      teardown: () => controls.dispose(),
      advanceTime: (ms) => controls.advanceTime(ms),
      // The memory backend behind msw takes its demo identity tokens.
      identityToken: (customerId) => `identity:${customerId}`,
    };
  },
  { controlsTime: true, signsIdentity: true },
);

async function rejection<T>(promise: Promise<T>): Promise<KefuError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      expect(error).to.be.instanceOf(KefuError);
      return error as KefuError;
    },
  );
}

const configError = (backend = createHttpBackend({ apiBase })) => rejection(backend.getConfig());

describe('http adapter: failures become typed KefuErrors', () => {
  it('maps a 404 error body to not_found, keeping the server code and message', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json({ error: { code: 'store_not_found', message: 'No such store.' } }, { status: 404 }),
      ),
    );
    const error = await configError();
    expect(error.code).to.equal('not_found');
    expect(error.serverCode).to.equal('store_not_found');
    expect(error.message).to.equal('No such store.');
    expect(error.retryable).to.equal(false);
  });

  it('maps a 422 with per-field details to validation', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json(
          { error: { code: 'invalid', message: 'Bad input.', fields: { email: 'Not an email address.' } } },
          { status: 422 },
        ),
      ),
    );
    const error = await configError();
    expect(error.code).to.equal('validation');
    expect(error.fields).to.deep.equal({ email: 'Not an email address.' });
  });

  it('reads Retry-After on a 429, in seconds or as an HTTP date', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'Slow down.' } },
          {
            status: 429,
            headers: { 'Retry-After': '30' },
          },
        ),
      ),
    );
    const seconds = await configError();
    expect(seconds.code).to.equal('rate_limited');
    expect(seconds.retryAfterMs).to.equal(30_000);
    expect(seconds.retryable).to.equal(true);

    const now = Date.parse('2026-11-22T10:00:00Z');
    worker.use(
      http.get(
        configUrl,
        () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': 'Sun, 22 Nov 2026 10:01:00 GMT' } }),
      ),
    );
    const date = await configError(createHttpBackend({ apiBase, now: () => now }));
    expect(date.retryAfterMs).to.equal(60_000);
  });

  it('treats a 5xx without a JSON body as a retryable server error', async () => {
    worker.use(http.get(configUrl, () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    const error = await configError();
    expect(error.code).to.equal('server');
    expect(error.status).to.equal(502);
    expect(error.retryable).to.equal(true);
  });

  it('treats a 200 that is not JSON (a misrouted apiBase) as a server error, not a crash', async () => {
    worker.use(http.get(configUrl, () => new HttpResponse('<!doctype html><p>Shop home</p>', { status: 200 })));
    const error = await configError();
    expect(error.code).to.equal('server');
    expect(error.status).to.equal(200);
  });

  it('reports a dropped connection as a retryable network error', async () => {
    worker.use(http.get(configUrl, () => HttpResponse.error()));
    const error = await configError();
    expect(error.code).to.equal('network');
    expect(error.retryable).to.equal(true);
  });

  it('gives up after its time limit with a timeout error', async () => {
    worker.use(
      http.get(configUrl, async () => {
        await delay(1_000);
        return HttpResponse.json(demoStoreConfig);
      }),
    );
    const error = await configError(createHttpBackend({ apiBase, timeoutMs: 50 }));
    expect(error.code).to.equal('timeout');
  });

  it('sends the token in the Authorization header, never in the URL', async () => {
    let seen: { url: string; authorization: string | null } | undefined;
    worker.use(
      http.get(configUrl, ({ request }) => {
        seen = { url: request.url, authorization: request.headers.get('authorization') };
        return HttpResponse.json(demoStoreConfig);
      }),
    );
    await createHttpBackend({ apiBase, getToken: () => 'secret-token' }).getConfig();
    expect(seen?.authorization).to.equal('Bearer secret-token');
    expect(seen?.url).not.to.contain('secret-token');
  });
});

// ---------------------------------------------------------------------------------------------
// The adapter and the contract handlers together, over a scripted backend that records each call.

interface BackendCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** A KefuBackend whose methods do what the test scripts and reject loudly when it scripted nothing. */
function scriptedBackend(script: Partial<KefuBackend>, calls: BackendCall[]): KefuBackend {
  return new Proxy({} as KefuBackend, {
    get(_target, name) {
      // Not a thenable: an `await` on the backend must not mistake it for a promise.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push({ method: name, args });
        const scripted = script[name as keyof KefuBackend] as ((...inner: unknown[]) => unknown) | undefined;
        if (scripted) return scripted(...args);
        return Promise.reject(new KefuError('server', `${name} is not scripted in this test.`));
      };
    },
  });
}

let calls: BackendCall[];
function serve(script: Partial<KefuBackend>): void {
  calls = [];
  server = createContractHandlers(apiBase, scriptedBackend(script, calls));
  worker.resetHandlers(...server);
}
function callOf(method: keyof KefuBackend): BackendCall {
  const call = calls.find((c) => c.method === method);
  if (!call) throw new Error(`the backend's ${method} was never called`);
  return call;
}

const token = 'tok_SECRET_9f3a';
const key = 'idem_7c1e';
const message: ChatMessage = { id: 'm1', clientId: 'cm-1', seq: 3, author: 'shopper', text: 'Hi', createdAt: 'now' };

interface RouteCase {
  readonly method: keyof KefuBackend;
  readonly http: string;
  /** Calls the adapter. */
  readonly invoke: (backend: KefuBackend) => Promise<unknown>;
  /** What the backend hands back (before the contract wraps lists in an object). */
  readonly result: unknown;
  /** What the adapter resolves with, when it differs from `result`. */
  readonly resolves?: unknown;
  /** The arguments the backend receives, its options object left out. */
  readonly args: readonly unknown[];
  readonly idempotencyKey?: string;
  readonly token?: string;
}

const routes: readonly RouteCase[] = [
  { method: 'getConfig', http: 'GET /config', invoke: (b) => b.getConfig(), result: demoStoreConfig, args: [] },
  {
    method: 'listArticles',
    http: 'GET /articles',
    invoke: (b) => b.listArticles({ locale: 'zh-CN', since: 'sync 1' }),
    result: { full: false, articles: [], deleted: ['a9'], syncToken: 'sync 2' },
    args: [{ locale: 'zh-CN', since: 'sync 1' }],
  },
  {
    method: 'getArticle',
    http: 'GET /articles/a%2F1%3Fx',
    invoke: (b) => b.getArticle('a/1?x'),
    result: { id: 'a/1?x' },
    args: ['a/1?x'],
  },
  {
    method: 'sendArticleFeedback',
    http: 'POST /articles/a1/feedback',
    invoke: (b) =>
      b.sendArticleFeedback({ articleId: 'a1', helpful: false, comment: 'Too vague' }, { idempotencyKey: key }),
    result: undefined,
    args: [{ articleId: 'a1', helpful: false, comment: 'Too vague' }],
    idempotencyKey: key,
  },
  {
    method: 'searchArticles',
    http: 'GET /search',
    invoke: (b) => b.searchArticles({ q: '退货 & size', locale: 'zh-CN' }),
    result: [{ id: 'a1' }],
    args: [{ q: '退货 & size', locale: 'zh-CN' }],
  },
  {
    method: 'lookupOrder',
    http: 'POST /orders/lookup',
    invoke: (b) => b.lookupOrder({ orderNumber: 'MM-1001', postalCode: '75011' }),
    result: { order: { id: 'o1' }, accessToken: 'at', expiresAt: 'later' },
    args: [{ orderNumber: 'MM-1001', postalCode: '75011' }],
  },
  {
    method: 'getOrder',
    http: 'GET /orders/o1',
    invoke: (b) => b.getOrder('o1', { token }),
    result: { id: 'o1' },
    args: ['o1'],
    token,
  },
  {
    method: 'listMyOrders',
    http: 'GET /orders',
    invoke: (b) => b.listMyOrders({ token }),
    result: [{ id: 'o1' }, { id: 'o2' }],
    args: [],
    token,
  },
  {
    method: 'createReturn',
    http: 'POST /returns',
    invoke: (b) =>
      b.createReturn(
        {
          orderId: 'o1',
          items: [{ itemId: 'i1', quantity: 1, reason: 'too_small', photoIds: ['p1'] }],
          resolution: 'refund',
        },
        { token, idempotencyKey: key },
      ),
    result: { id: 'r1', rma: 'RMA-1' },
    args: [
      {
        orderId: 'o1',
        items: [{ itemId: 'i1', quantity: 1, reason: 'too_small', photoIds: ['p1'] }],
        resolution: 'refund',
      },
    ],
    idempotencyKey: key,
    token,
  },
  {
    method: 'getReturn',
    http: 'GET /returns/r1',
    invoke: (b) => b.getReturn('r1', { token }),
    result: { id: 'r1' },
    args: ['r1'],
    token,
  },
  {
    method: 'getCallbackSlots',
    http: 'GET /callbacks/slots',
    invoke: (b) => b.getCallbackSlots({ from: '2026-11-23T08:00:00Z', days: 3 }),
    result: [{ start: 's', end: 'e', remaining: 2 }],
    args: [{ from: '2026-11-23T08:00:00Z', days: 3 }],
  },
  {
    method: 'requestCallback',
    http: 'POST /callbacks',
    invoke: (b) =>
      b.requestCallback(
        { name: 'Li', phone: '+8613812345678', slot: 's', timezone: 'Asia/Shanghai', topic: 'order', consent: true },
        { idempotencyKey: key },
      ),
    result: { id: 'cb1' },
    args: [
      { name: 'Li', phone: '+8613812345678', slot: 's', timezone: 'Asia/Shanghai', topic: 'order', consent: true },
    ],
    idempotencyKey: key,
  },
  {
    method: 'cancelCallback',
    http: 'POST /callbacks/cb1/cancel',
    invoke: (b) => b.cancelCallback('cb1', { token }),
    result: { id: 'cb1', status: 'cancelled' },
    args: ['cb1'],
    token,
  },
  {
    method: 'getAvailability',
    http: 'GET /availability',
    invoke: (b) => b.getAvailability(),
    result: { open: true, agentsOnline: 2, queueLength: 0, estimatedWaitSeconds: 30 },
    args: [],
  },
  {
    method: 'startConversation',
    http: 'POST /conversations',
    invoke: (b) =>
      b.startConversation({ name: 'Li', email: 'li@example.com', topic: 'order' }, { idempotencyKey: key }),
    result: { id: 'c1', token: 'ct', status: 'queued' },
    args: [{ name: 'Li', email: 'li@example.com', topic: 'order' }],
    idempotencyKey: key,
  },
  {
    method: 'listConversations',
    http: 'GET /conversations',
    invoke: (b) => b.listConversations({ limit: 3, cursor: 'next-page' }, { token }),
    result: {
      conversations: [
        { id: 'c1', status: 'open', topic: 'order', createdAt: 'then', updatedAt: 'now', lastSeq: 4, unread: 1 },
      ],
      nextCursor: 'after-c1',
    },
    args: [{ limit: 3, cursor: 'next-page' }],
    token,
  },
  {
    method: 'sendMessage',
    http: 'POST /conversations/c1/messages',
    invoke: (b) => b.sendMessage('c1', { clientId: 'cm-1', text: 'Hi' }, { token }),
    result: message,
    args: ['c1', { clientId: 'cm-1', text: 'Hi' }],
    idempotencyKey: 'cm-1',
    token,
  },
  {
    method: 'getConversation',
    http: 'GET /conversations/c1',
    invoke: (b) => b.getConversation('c1', { token }),
    result: { id: 'c1', status: 'open', agentName: 'Mei', lastSeq: 3 },
    args: ['c1'],
    token,
  },
  {
    method: 'getMessages',
    http: 'GET /conversations/c1/messages',
    invoke: (b) => b.getMessages('c1', 7, { token }),
    result: [message],
    args: ['c1', 7],
    token,
  },
  {
    method: 'sendTyping',
    http: 'POST /conversations/c1/typing',
    invoke: (b) => b.sendTyping('c1', true, { token }),
    result: undefined,
    args: ['c1', true],
    token,
  },
  {
    method: 'markRead',
    http: 'POST /conversations/c1/read',
    invoke: (b) => b.markRead('c1', 12, { token }),
    result: undefined,
    args: ['c1', 12],
    token,
  },
  {
    method: 'closeConversation',
    http: 'POST /conversations/c1/close',
    invoke: (b) => b.closeConversation('c1', { token }),
    result: { id: 'c1', token: 'ct', status: 'closed' },
    args: ['c1'],
    token,
  },
  {
    method: 'setConversationContext',
    http: 'POST /conversations/c1/context',
    invoke: (b) => b.setConversationContext('c1', { articleId: 'a1', articleTitle: 'Refunds' }, { token }),
    result: { id: 'c1', status: 'open', lastSeq: 3, context: { articleId: 'a1', articleTitle: 'Refunds' } },
    args: ['c1', { articleId: 'a1', articleTitle: 'Refunds' }],
    token,
  },
  {
    method: 'emailTranscript',
    http: 'POST /conversations/c1/transcript',
    invoke: (b) => b.emailTranscript('c1', 'li@example.com', { token }),
    result: undefined,
    args: ['c1', 'li@example.com'],
    token,
  },
  {
    method: 'submitSurvey',
    http: 'POST /surveys/responses',
    invoke: (b) =>
      b.submitSurvey({ kind: 'csat', score: 5, subject: { type: 'conversation', id: 'c1' } }, { idempotencyKey: key }),
    result: { id: 's1', createdAt: 'now' },
    args: [{ kind: 'csat', score: 5, subject: { type: 'conversation', id: 'c1' } }],
    idempotencyKey: key,
  },
];

describe('http adapter ⇄ contract handlers: every route', () => {
  it('has a route case here for every method but the uploads and the stream, tested on their own', () => {
    const covered = new Set<string>([
      ...routes.map((r) => r.method),
      'uploadPhoto',
      'uploadAttachment',
      'openChatStream',
    ]);
    expect(Object.keys(createHttpBackend({ apiBase })).sort()).to.deep.equal([...covered].sort());
  });

  for (const route of routes) {
    it(`${route.method}: ${route.http}`, async () => {
      serve({ [route.method]: () => Promise.resolve(route.result) });
      const resolved = await route.invoke(createHttpBackend({ apiBase }));
      expect(resolved).to.deep.equal(route.resolves ?? route.result);

      const [method, path] = route.http.split(' ');
      const seen = server.requests.filter((r) => r.method !== 'WEBSOCKET');
      expect(seen.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`${method} ${path}`]);
      expect(seen[0]!.idempotencyKey).to.equal(route.idempotencyKey);
      expect(seen[0]!.token).to.equal(route.token);
      expect(seen[0]!.url).not.to.contain(token);

      const call = callOf(route.method);
      expect(call.args.slice(0, route.args.length)).to.deep.equal(route.args);
      const options = call.args[route.args.length] as { token?: string; idempotencyKey?: string; signal?: unknown };
      expect(options.token).to.equal(route.token);
      if (route.idempotencyKey && route.method !== 'sendMessage') {
        expect(options.idempotencyKey).to.equal(route.idempotencyKey);
      }
      expect(options.signal).to.be.instanceOf(AbortSignal);
    });
  }

  it('sends query parameters encoded, and `after` as the message cursor', async () => {
    serve({
      searchArticles: () => Promise.resolve([]),
      getMessages: () => Promise.resolve([]),
    });
    const backend = createHttpBackend({ apiBase });
    await backend.searchArticles({ q: 'a&b=c #1', locale: 'en' });
    await backend.getMessages('c1', 0, { token });
    const urls = server.requests.map((r) => new URL(r.url));
    expect(urls[0]!.searchParams.get('q')).to.equal('a&b=c #1');
    expect(urls[1]!.searchParams.get('after')).to.equal('0');
  });

  it('prefers the call’s token over getToken, and uses getToken when the call brings none', async () => {
    serve({ getOrder: () => Promise.resolve({} as Order), getConfig: () => Promise.resolve(demoStoreConfig) });
    const backend = createHttpBackend({ apiBase, getToken: () => 'identity' });
    await backend.getOrder('o1', { token: 'order-access' });
    await backend.getConfig();
    expect(server.requests.map((r) => r.token)).to.deep.equal(['order-access', 'identity']);
  });
});

describe('contract handlers: status codes and refusals on the wire', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers creates with 201, body-less calls with 204, and a repeated message with 200', async () => {
    const stored: ChatMessage[] = [];
    serve({
      submitSurvey: () => Promise.resolve({ id: 's1', createdAt: 'now' }),
      sendTyping: () => Promise.resolve(),
      getMessages: () => Promise.resolve([...stored]),
      sendMessage: () => {
        stored.splice(0, stored.length, message);
        return Promise.resolve(message);
      },
    });
    const survey = { kind: 'csat', score: 4, subject: { type: 'store', id: 'shop' } };
    expect((await post('/surveys/responses', survey, { 'idempotency-key': key })).status).to.equal(201);
    expect((await post('/conversations/c1/typing', { typing: true })).status).to.equal(204);
    const first = await post('/conversations/c1/messages', { clientId: 'cm-1', text: 'Hi' });
    const again = await post('/conversations/c1/messages', { clientId: 'cm-1', text: 'Hi' });
    expect([first.status, again.status]).to.deep.equal([201, 200]);
    expect(await again.json()).to.deep.equal(message);
  });

  it('refuses a create without an Idempotency-Key before the backend sees it', async () => {
    serve({ submitSurvey: () => Promise.resolve({ id: 's1', createdAt: 'now' }) });
    const response = await post('/surveys/responses', { kind: 'csat', score: 4 });
    expect(response.status).to.equal(400);
    expect(await response.json()).to.have.nested.property('error.code', 'idempotency_key_required');
    expect(calls).to.deep.equal([]);
  });

  it('refuses a body that is not a JSON object with 400', async () => {
    serve({});
    const response = await fetch(`${apiBase}/orders/lookup`, { method: 'POST', body: '{not json' });
    expect(response.status).to.equal(400);
    expect(await response.json()).to.have.nested.property('error.code', 'invalid_json');
  });

  it('refuses a missing required query parameter with 400 and the field named', async () => {
    serve({});
    const response = await fetch(`${apiBase}/articles`);
    expect(response.status).to.equal(400);
    expect(await response.json()).to.deep.include({
      error: { code: 'invalid_query', message: 'Bad query parameter "locale".', fields: { locale: 'Required.' } },
    });
    expect(calls).to.deep.equal([]);
  });

  it('writes an unexpected exception as a 500 with code "internal"', async () => {
    serve({ getConfig: () => Promise.reject(new TypeError('boom')) });
    const error = await configError();
    expect(error.status).to.equal(500);
    expect(error.serverCode).to.equal('internal');
    expect(error.retryable).to.equal(true);
  });
});

describe('http adapter ⇄ contract handlers: backend errors round-trip', () => {
  it('a taken callback slot comes back as conflict with serverCode slot_taken', async () => {
    serve({
      requestCallback: () =>
        Promise.reject(
          new KefuError('conflict', 'That slot just filled up.', { status: 409, serverCode: 'slot_taken' }),
        ),
    });
    const error = await rejection(
      createHttpBackend({ apiBase }).requestCallback(
        { name: 'Li', phone: '+33612345678', slot: 's', timezone: 'Europe/Paris', topic: 'order', consent: true },
        { idempotencyKey: key },
      ),
    );
    expect(error.code).to.equal('conflict');
    expect(error.status).to.equal(409);
    expect(error.serverCode).to.equal('slot_taken');
    expect(error.message).to.equal('That slot just filled up.');
  });

  it('validation errors keep every field, with 422 even when the backend set no status', async () => {
    const fields = { email: 'Not an email address.', name: 'Required.' };
    serve({ startConversation: () => Promise.reject(new KefuError('validation', 'Check the form.', { fields })) });
    const error = await rejection(
      createHttpBackend({ apiBase }).startConversation(
        { name: '', email: 'x', topic: 'order' },
        { idempotencyKey: key },
      ),
    );
    expect(error.code).to.equal('validation');
    expect(error.status).to.equal(422);
    expect(error.serverCode).to.equal('validation');
    expect(error.fields).to.deep.equal(fields);
  });

  it('rate limiting carries Retry-After, rounded up to whole seconds', async () => {
    serve({
      lookupOrder: () =>
        Promise.reject(new KefuError('rate_limited', 'Slow down.', { status: 429, retryAfterMs: 1_500 })),
    });
    const error = await rejection(
      createHttpBackend({ apiBase }).lookupOrder({ orderNumber: 'MM-1', email: 'a@example.com' }),
    );
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfterMs).to.equal(2_000);
  });

  it('unauthorized and not_found keep their codes', async () => {
    serve({
      getOrder: () => Promise.reject(new KefuError('unauthorized', 'Expired.', { serverCode: 'token_expired' })),
      getReturn: () => Promise.reject(new KefuError('not_found', 'No such return.')),
    });
    const backend = createHttpBackend({ apiBase });
    const expired = await rejection(backend.getOrder('o1', { token }));
    expect([expired.code, expired.status, expired.serverCode]).to.deep.equal(['unauthorized', 401, 'token_expired']);
    const missing = await rejection(backend.getReturn('r9', { token }));
    expect([missing.code, missing.status]).to.deep.equal(['not_found', 404]);
  });

  it('rejects with aborted when the caller cancels, before or during the call', async () => {
    serve({ getOrder: () => delay(2_000).then(() => ({}) as Order) });
    const backend = createHttpBackend({ apiBase });
    const early = new AbortController();
    early.abort();
    expect((await rejection(backend.getOrder('o1', { token, signal: early.signal }))).code).to.equal('aborted');

    const late = new AbortController();
    const pending = rejection(backend.getOrder('o1', { token, signal: late.signal }));
    setTimeout(() => late.abort(new Error('the shopper closed the panel')), 30);
    expect((await pending).code).to.equal('aborted');
  });
});

describe('http adapter: photo uploads', () => {
  const uploadedPhoto = { id: 'p1', contentType: 'image/png', size: 0 } as const;
  const pngBytes = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };

  it('POSTs the file as multipart "file" with Idempotency-Key and Authorization, reporting progress up to 1', async () => {
    let received: Blob | undefined;
    serve({
      uploadPhoto: (file) => {
        received = file;
        return Promise.resolve({ ...uploadedPhoto, size: file.size });
      },
    });
    const photo = new File([pngBytes(512 * 1024)], 'sleeve.png', { type: 'image/png' });
    const progress: number[] = [];
    const result = await createHttpBackend({ apiBase }).uploadPhoto(photo, {
      token,
      idempotencyKey: key,
      onProgress: (fraction) => progress.push(fraction),
    });

    expect(result).to.deep.equal({ ...uploadedPhoto, size: photo.size });
    expect(server.requests).to.have.length(1);
    expect(server.requests[0]).to.include({ method: 'POST', path: '/uploads', idempotencyKey: key, token });
    expect(server.requests[0]!.url).not.to.contain(token);
    expect(received!.size).to.equal(photo.size);
    expect(new Uint8Array(await received!.arrayBuffer()).subarray(0, 8)).to.deep.equal(pngBytes(8));
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.at(-1)).to.equal(1);
    expect([...progress].sort((a, b) => a - b)).to.deep.equal(progress, 'progress never goes backwards');
    expect(progress.every((f) => f >= 0 && f <= 1)).to.equal(true);
    const options = callOf('uploadPhoto').args[1] as { idempotencyKey?: string; token?: string };
    expect(options).to.include({ idempotencyKey: key, token });
  });

  it('fetches and uploads below a relative apiBase ("/v1", as the script tag is told)', async () => {
    serve({
      getConfig: () => Promise.resolve(demoStoreConfig),
      uploadPhoto: (file) => Promise.resolve({ ...uploadedPhoto, size: file.size }),
    });
    const backend = createHttpBackend({ apiBase: '/mock-api/v1' });
    expect(await backend.getConfig()).to.deep.equal(demoStoreConfig);
    const photo = new File([pngBytes(1024)], 'sleeve.png', { type: 'image/png' });
    await backend.uploadPhoto(photo, { token, idempotencyKey: key });
    expect(server.requests.map((request) => request.url)).to.deep.equal([configUrl, `${apiBase}/uploads`]);
  });

  it('reports real progress fractions, never backwards, and only times out when progress stalls', async () => {
    // Through msw's service worker the whole body is "sent" at once; a scripted XHR shows the steps.
    const opened: ScriptedUpload[] = [];
    class ScriptedUpload extends EventTarget {
      readonly upload = new EventTarget();
      readonly headers: Record<string, string> = {};
      url = '';
      withCredentials = true;
      status = 0;
      statusText = '';
      responseText = '';
      open(_method: string, url: string) {
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      getAllResponseHeaders() {
        return 'content-type: application/json\r\n';
      }
      send() {
        opened.push(this);
      }
      abort() {}
      sent(loaded: number) {
        this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total: 100 }));
      }
      finish(status: number, body: unknown) {
        this.upload.dispatchEvent(new ProgressEvent('load'));
        Object.assign(this, { status, responseText: JSON.stringify(body) });
        this.dispatchEvent(new ProgressEvent('load'));
      }
    }
    const progress: number[] = [];
    const xhr = () => opened[0]!;
    const pending = createHttpBackend({
      apiBase,
      timeoutMs: 100,
      XMLHttpRequest: ScriptedUpload as unknown as typeof XMLHttpRequest,
    }).uploadPhoto(new Blob([pngBytes(100)]), { token, idempotencyKey: key, onProgress: (f) => progress.push(f) });

    // 300 ms in all, longer than the 100 ms limit, but never 100 ms without progress.
    for (const loaded of [25, 50, 40, 75]) {
      await delay(60);
      xhr().sent(loaded);
    }
    await delay(60);
    xhr().finish(201, uploadedPhoto);
    expect(await pending).to.deep.equal(uploadedPhoto);
    expect(progress).to.deep.equal([0.25, 0.5, 0.75, 1]);
    expect(xhr().withCredentials).to.equal(false);
    expect(xhr().headers).to.include({ authorization: `Bearer ${token}`, 'idempotency-key': key });
    expect(xhr().url).to.equal(`${apiBase}/uploads`);
  });

  it('says what the file is for: a return photo, or a chat attachment of a named conversation', async () => {
    const received: { purpose: string | null; conversationId: string | null; name: string }[] = [];
    serve({});
    // The parts the port has no place for are read here, off the wire.
    worker.use(
      http.post(`${apiBase}/uploads`, async ({ request }) => {
        const form = await request.formData();
        const file = form.get('file') as File;
        received.push({
          purpose: form.get('purpose') as string | null,
          conversationId: form.get('conversationId') as string | null,
          name: file.name,
        });
        return HttpResponse.json({ id: 'u1', contentType: 'application/pdf', size: file.size }, { status: 201 });
      }),
    );
    const backend = createHttpBackend({ apiBase });
    await backend.uploadPhoto(new Blob([pngBytes(8)]), { token, idempotencyKey: key });
    const pdf = new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' });
    const attachment = await backend.uploadAttachment('c1', pdf, { token, idempotencyKey: 'k2' });
    expect(attachment).to.deep.equal({ id: 'u1', contentType: 'application/pdf', size: pdf.size });
    expect(received).to.deep.equal([
      { purpose: 'return', conversationId: null, name: 'photo' },
      { purpose: 'chat', conversationId: 'c1', name: 'invoice.pdf' },
    ]);
  });

  it('sends a Blob without a name too', async () => {
    serve({ uploadPhoto: (file) => Promise.resolve({ ...uploadedPhoto, size: file.size }) });
    const result = await createHttpBackend({ apiBase }).uploadPhoto(new Blob([pngBytes(64)], { type: 'image/png' }), {
      idempotencyKey: key,
    });
    expect(result.size).to.equal(64);
  });

  it('maps a 413 and a 415 to validation with the server code', async () => {
    serve({
      uploadPhoto: (file) =>
        Promise.reject(
          file.size > 100
            ? new KefuError('validation', 'Too large.', { status: 413, serverCode: 'file_too_large' })
            : new KefuError('validation', 'Not a photo.', { status: 415, serverCode: 'unsupported_type' }),
        ),
    });
    const backend = createHttpBackend({ apiBase });
    const tooLarge = await rejection(backend.uploadPhoto(new Blob([pngBytes(200)]), { idempotencyKey: 'k1' }));
    expect([tooLarge.code, tooLarge.status, tooLarge.serverCode]).to.deep.equal(['validation', 413, 'file_too_large']);
    expect(tooLarge.message).to.equal('Too large.');
    const notPhoto = await rejection(backend.uploadPhoto(new Blob(['%PDF-1.7']), { idempotencyKey: 'k2' }));
    expect([notPhoto.code, notPhoto.status, notPhoto.serverCode]).to.deep.equal([
      'validation',
      415,
      'unsupported_type',
    ]);
  });

  it('reads Retry-After on a rate-limited upload', async () => {
    serve({
      uploadPhoto: () =>
        Promise.reject(new KefuError('rate_limited', 'Slow down.', { status: 429, retryAfterMs: 7_000 })),
    });
    const error = await rejection(
      createHttpBackend({ apiBase }).uploadPhoto(new Blob([pngBytes(8)]), { idempotencyKey: key }),
    );
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfterMs).to.equal(7_000);
  });

  it('times out when the server stops answering', async () => {
    serve({ uploadPhoto: () => delay(2_000).then(() => uploadedPhoto) });
    const error = await rejection(
      createHttpBackend({ apiBase, timeoutMs: 100 }).uploadPhoto(new Blob([pngBytes(8)]), { idempotencyKey: key }),
    );
    expect(error.code).to.equal('timeout');
    expect(error.retryable).to.equal(true);
  });

  it('rejects with aborted when cancelled before or during the upload', async () => {
    serve({ uploadPhoto: () => delay(2_000).then(() => uploadedPhoto) });
    const backend = createHttpBackend({ apiBase });
    const early = new AbortController();
    early.abort();
    const before = await rejection(
      backend.uploadPhoto(new Blob([pngBytes(8)]), { idempotencyKey: key, signal: early.signal }),
    );
    expect(before.code).to.equal('aborted');
    expect(server.requests).to.have.length(0);

    const late = new AbortController();
    const pending = rejection(
      backend.uploadPhoto(new Blob([pngBytes(8)]), { idempotencyKey: key, signal: late.signal }),
    );
    setTimeout(() => late.abort(), 50);
    expect((await pending).code).to.equal('aborted');
  });

  it('reports a dropped connection as a network error', async () => {
    serve({});
    worker.use(http.post(`${apiBase}/uploads`, () => HttpResponse.error()));
    const error = await rejection(
      createHttpBackend({ apiBase }).uploadPhoto(new Blob([pngBytes(8)]), { idempotencyKey: key }),
    );
    expect(error.code).to.equal('network');
  });
});

describe('http adapter: the chat stream', () => {
  /** Records what the adapter reports, in order, so a test can assert what came before what. */
  function recorder() {
    const log: string[] = [];
    const events: ChatEvent[] = [];
    const handlers: ChatStreamHandlers = {
      onEvent: (event) => {
        log.push(`event ${event.seq}`);
        events.push(event);
      },
      onConnection: (state) => log.push(state),
    };
    return { log, events, handlers };
  }
  const until = async (condition: () => boolean, what: string) => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 2_000) throw new Error(`timed out waiting for ${what}`);
      await delay(10);
    }
  };
  /**
   * Opens one more stream and waits for its first report (`open`, or `closed` when refused): a whole
   * round trip through the mock server, begun after everything before it, so whatever an earlier
   * stream still had coming has come.
   */
  const anotherStreamReports = async (state: 'open' | 'closed') => {
    const other = recorder();
    const stream = createHttpBackend({ apiBase }).openChatStream('c1', token, other.handlers);
    await until(() => other.log.includes(state), `another stream ${state}`);
    stream.close();
  };
  const typing: ChatEvent = { type: 'typing', seq: 4, author: 'agent', typing: true };
  const statusEvent: ChatEvent = { type: 'status', seq: 5, status: 'open' };

  it('authenticates in the first frame, never the URL, and reports open only once subscribed', async () => {
    let backendHandlers: ChatStreamHandlers | undefined;
    let backendToken: string | undefined;
    serve({
      openChatStream: (_id, streamToken, handlers) => {
        backendToken = streamToken;
        backendHandlers = handlers;
        return { close: () => undefined };
      },
    });
    const { log, events, handlers } = recorder();
    const stream = createHttpBackend({ apiBase }).openChatStream('c1', token, handlers);
    await until(() => backendHandlers !== undefined, 'the backend subscription');
    expect(backendToken).to.equal(token);
    expect(callOf('openChatStream').args[0]).to.equal('c1');

    // Events the backend emits before it has subscribed are held back, then delivered in order: the
    // typing event, sent first, comes after 'open' below (the socket keeps the server's order).
    backendHandlers!.onEvent(typing);
    expect(log, 'nothing before subscribed').to.deep.equal([]);
    backendHandlers!.onConnection('open');
    backendHandlers!.onEvent(statusEvent);
    await until(() => log.length === 3, 'open and two events');
    expect(log).to.deep.equal(['open', 'event 4', 'event 5']);
    expect(events).to.deep.equal([typing, statusEvent]);

    const [connection] = server.requests;
    expect(connection!.method).to.equal('WEBSOCKET');
    expect(connection!.url).to.equal(`${streamBase}/c1/stream`);
    expect(connection!.url).not.to.contain(token);
    expect(connection!.token).to.equal(token);
    stream.close();
  });

  it('makes an attachment’s address absolute below apiBase, whether the message is sent, fetched or streamed', async () => {
    const file = (url: string) => ({ id: 'u1', name: 'a.png', contentType: 'image/png', size: 3, url });
    const message: ChatMessage = {
      id: 'm1',
      seq: 6,
      author: 'shopper',
      text: '',
      attachments: [file('/files/u1?sig=abc'), file('https://cdn.example/u2.png')],
      createdAt: '2026-01-01T10:00:00.000Z',
    };
    const linked = [file(`${apiBase}/files/u1?sig=abc`), file('https://cdn.example/u2.png')];
    let backendHandlers: ChatStreamHandlers | undefined;
    serve({
      sendMessage: async () => message,
      getMessages: async () => [
        message,
        { id: 'm2', seq: 7, author: 'agent', text: 'Hi', createdAt: message.createdAt },
      ],
      openChatStream: (_id, _token, handlers) => {
        backendHandlers = handlers;
        return { close: () => undefined };
      },
    });
    const backend = createHttpBackend({ apiBase: `${apiBase}/` });
    const sent = await backend.sendMessage('c1', { clientId: 'k1', text: '', attachmentIds: ['u1'] }, { token });
    expect(sent.attachments).to.deep.equal(linked);
    const [fetched, plain] = await backend.getMessages('c1', 0, { token });
    expect(fetched!.attachments).to.deep.equal(linked);
    expect(plain!.attachments).to.equal(undefined);

    const { events, handlers } = recorder();
    const stream = backend.openChatStream('c1', token, handlers);
    await until(() => backendHandlers !== undefined, 'the backend subscription');
    backendHandlers!.onConnection('open');
    backendHandlers!.onEvent({ type: 'message', seq: 6, message });
    backendHandlers!.onEvent(typing);
    await until(() => events.length === 2, 'two events');
    expect(events).to.deep.equal([{ type: 'message', seq: 6, message: { ...message, attachments: linked } }, typing]);
    stream.close();
  });

  it('speaks the protocol exactly: {"type":"auth","token"} first, ignores junk and events before subscribed', async () => {
    const frames: unknown[] = [];
    const link = ws.link(`${streamBase}/:id/stream`);
    worker.resetHandlers(
      link.addEventListener('connection', ({ client }) => {
        client.addEventListener('message', (message) => {
          frames.push(JSON.parse(String(message.data)));
          client.send(JSON.stringify(typing)); // too early: not subscribed yet
          client.send('not json');
          client.send(JSON.stringify({ type: 'subscribed' }));
          client.send(JSON.stringify({ type: 'future_kind', seq: 9 }));
          client.send(JSON.stringify(statusEvent));
        });
      }),
    );
    const { log, handlers } = recorder();
    const stream = createHttpBackend({ apiBase }).openChatStream('c 1', token, handlers);
    await until(() => log.length === 2, 'open and one event');
    expect(frames).to.deep.equal([{ type: 'auth', token }]);
    expect(log).to.deep.equal(['open', 'event 5']);
    stream.close();
  });

  it('a refused token: error frame, close code 4401, and the adapter reports closed, never open', async () => {
    serve({
      openChatStream: () => {
        throw new KefuError('unauthorized', 'Bad conversation token.');
      },
    });
    // The handler's side, seen by a bare socket.
    const socket = new WebSocket(`${streamBase}/c1/stream`);
    const received: unknown[] = [];
    socket.addEventListener('message', (m) => received.push(JSON.parse(String(m.data))));
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: 'wrong' })));
    const closeEvent = await new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
    expect(closeEvent.code).to.equal(4401);
    expect(received).to.have.length(1);
    expect(received[0]).to.include({ type: 'error', code: 'unauthorized' });

    // The adapter's side.
    const { log, handlers } = recorder();
    createHttpBackend({ apiBase }).openChatStream('c1', 'wrong', handlers);
    await until(() => log.length > 0, 'closed');
    await anotherStreamReports('closed');
    expect(log).to.deep.equal(['closed']);
  });

  it('refuses a first frame that is not an auth frame', async () => {
    serve({ openChatStream: () => ({ close: () => undefined }) });
    const socket = new WebSocket(`${streamBase}/c1/stream`);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello' })));
    const closeEvent = await new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
    expect(closeEvent.code).to.equal(4401);
    expect(calls).to.deep.equal([]);
  });

  it('reports closed when the server ends the stream, and frees the backend subscription', async () => {
    let backendHandlers: ChatStreamHandlers | undefined;
    serve({
      openChatStream: (_id, _token, handlers) => {
        backendHandlers = handlers;
        queueMicrotask(() => handlers.onConnection('open'));
        return { close: () => undefined };
      },
    });
    const { log, handlers } = recorder();
    createHttpBackend({ apiBase }).openChatStream('c1', token, handlers);
    await until(() => log.includes('open'), 'open');
    backendHandlers!.onConnection('closed');
    await until(() => log.includes('closed'), 'closed');
    expect(log).to.deep.equal(['open', 'closed']);
  });

  it('close() closes the socket quietly: no "closed", no later events, and the server unsubscribes', async () => {
    let backendHandlers: ChatStreamHandlers | undefined;
    let unsubscribed = false;
    serve({
      openChatStream: (_id, _token, handlers) => {
        backendHandlers = handlers;
        queueMicrotask(() => handlers.onConnection('open'));
        return {
          close: () => {
            unsubscribed = true;
          },
        };
      },
    });
    const { log, handlers } = recorder();
    const stream = createHttpBackend({ apiBase }).openChatStream('c1', token, handlers);
    await until(() => log.includes('open'), 'open');
    stream.close();
    backendHandlers!.onEvent(typing);
    await until(() => unsubscribed, 'the server to unsubscribe');
    await anotherStreamReports('open');
    expect(log).to.deep.equal(['open']);
  });

  it('close() before the socket opened reports nothing', async () => {
    serve({
      openChatStream: (_id, _token, handlers) => {
        handlers.onConnection('open');
        return { close: () => undefined };
      },
    });
    const { log, handlers } = recorder();
    createHttpBackend({ apiBase }).openChatStream('c1', token, handlers).close();
    await anotherStreamReports('open');
    expect(log).to.deep.equal([]);
  });

  it('resolves a relative apiBase ("/v1", as the script tag is told) against the page, for the stream too', async () => {
    // Issue 20: the demo's data-api-base="/v1" made `new URL()` throw, so chat never connected.
    let backendHandlers: ChatStreamHandlers | undefined;
    serve({
      openChatStream: (_id, _token, handlers) => {
        backendHandlers = handlers;
        return { close: () => undefined };
      },
    });
    const { log, handlers } = recorder();
    const stream = createHttpBackend({ apiBase: '/mock-api/v1/' }).openChatStream('c1', token, handlers);
    await until(() => backendHandlers !== undefined, 'the backend subscription');
    backendHandlers!.onConnection('open');
    await until(() => log.includes('open'), 'open');
    expect(server.requests.at(-1)!.url).to.equal(`${streamBase}/c1/stream`);
    stream.close();
  });

  it('links an attachment absolutely below a relative apiBase, so another device opens it', async () => {
    const file = { id: 'u1', name: 'a.png', contentType: 'image/png', size: 3, url: '/files/u1?sig=abc' };
    const createdAt = '2026-01-01T10:00:00.000Z';
    serve({
      getMessages: async () => [{ id: 'm1', seq: 6, author: 'shopper', text: '', attachments: [file], createdAt }],
    });
    const [message] = await createHttpBackend({ apiBase: '/mock-api/v1' }).getMessages('c1', 0, { token });
    expect(message!.attachments![0]!.url).to.equal(`${apiBase}/files/u1?sig=abc`);
  });

  it('uses wss for an https apiBase', () => {
    const opened: string[] = [];
    const FakeSocket = class extends EventTarget {
      readonly CONNECTING = 0;
      readonly OPEN = 1;
      readyState = 0;
      constructor(url: string) {
        super();
        opened.push(url);
      }
      close() {}
      send() {}
    } as unknown as typeof WebSocket;
    createHttpBackend({ apiBase: 'https://shop.example/kefu/v1/', WebSocket: FakeSocket }).openChatStream(
      'c1',
      token,
      recorder().handlers,
    );
    expect(opened).to.deep.equal(['wss://shop.example/kefu/v1/conversations/c1/stream']);
  });
});

describe('http adapter over the memory backend: a whole conversation', () => {
  it('streams the agent joining, typing and answering, and the history agrees with the stream', async () => {
    memoryControls.dispose();
    // The agent is driven by hand once the stream is open: a pretend agent on a timer could join
    // before a slow machine has finished subscribing, and the test would wait for a missed event.
    memoryControls = serveMemory(60_000);
    const backend = createHttpBackend({ apiBase });
    const conversation = await backend.startConversation(
      { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?', message: 'Where is my parcel?' },
      { idempotencyKey: crypto.randomUUID() },
    );
    const options = { token: conversation.token };
    const events: ChatEvent[] = [];
    const states: string[] = [];
    const stream = backend.openChatStream(conversation.id, conversation.token, {
      onEvent: (event) => events.push(event),
      onConnection: (state) => states.push(state),
    });
    const waitFor = async (what: string, found: () => boolean) => {
      for (let waited = 0; !found(); waited += 10) {
        if (waited > 3_000) throw new Error(`timed out waiting for ${what}`);
        await delay(10);
      }
    };
    await waitFor('open', () => states.includes('open'));
    memoryControls.agentJoin(conversation.id, 'Mei');
    memoryControls.agentTyping(conversation.id, true);
    memoryControls.agentSend(conversation.id, 'It left our warehouse this morning.');
    const agentAnswer = () =>
      events.find((event) => event.type === 'message' && event.message.author === 'agent') as
        Extract<ChatEvent, { type: 'message' }> | undefined;
    await waitFor('the agent to answer', () => agentAnswer() !== undefined);

    expect(events.some((event) => event.type === 'agent_joined')).to.equal(true);
    expect(events.some((event) => event.type === 'typing' && event.author === 'agent' && event.typing)).to.equal(true);
    // Subscribed before anything below happened, so the stream saw every event since, without gaps.
    const seqs = events.map((event) => event.seq);
    seqs.forEach((seq, index) => {
      if (index > 0) expect(seq).to.equal(seqs[index - 1]! + 1);
    });
    // Fetched after the answer arrived on the stream, so the history holds it, at the same place.
    const history = await backend.getMessages(conversation.id, 0, options);
    expect(history.find((message) => message.id === agentAnswer()!.message.id)?.seq).to.equal(agentAnswer()!.seq);
    expect(history[0]).to.include({ seq: 1, author: 'shopper', text: 'Where is my parcel?' });

    stream.close();
    await backend.closeConversation(conversation.id, options);
    expect(states).to.deep.equal(['open']);
  });
});
