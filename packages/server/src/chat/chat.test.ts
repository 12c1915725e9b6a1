import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ChatEvent, ChatMessage, Conversation } from '@kefu/core';
import { type RunningServer, type ServerOptions } from '../server.js';
import type { AgentFeedFrame } from './agent-feed.js';
import { agentCookie, startTestServer } from '../routes/test-helpers.js';
import { DEMO_AGENT_PASSWORD } from '../agents/demo-agents.js';

/** A Monday, 10:00 in Paris: inside the demo store's business hours. */
const MONDAY_MORNING = Date.parse('2026-11-23T10:00:00+01:00');
/** A Sunday: outside them. */
const SUNDAY = Date.parse('2026-11-22T10:00:00+01:00');
const shopper = { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?', orderNumber: 'MM-1001' };

/** Every JSON frame a socket received, with a way to wait for one. */
class Frames<T> {
  readonly all: T[] = [];
  readonly closed: Promise<{ code: number }>;
  readonly opened: Promise<void>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.all.push(JSON.parse(data.toString()) as T));
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade ${response.statusCode}`)));
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve({ code })));
  }

  async waitFor(test: (frame: T) => boolean, what: string, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all.find(test);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.all)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

type StreamFrame = ChatEvent | { type: 'subscribed' } | { type: 'error'; code: string; message?: string };
const isEvent = (frame: StreamFrame): frame is ChatEvent => frame.type !== 'subscribed' && frame.type !== 'error';

function client(server: RunningServer) {
  const api = `${server.origin}/v1`;
  async function call<T>(method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    const response = await fetch(`${api}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const body = response.status === 204 ? undefined : ((await response.json()) as T);
    return { status: response.status, body: body as T };
  }
  return {
    call,
    start: async (input: Record<string, unknown> = shopper) =>
      (await call<Conversation>('POST', '/conversations', { body: input, key: crypto.randomUUID() })).body,
    send: (conversation: Conversation, text: string, clientId: string = crypto.randomUUID()) =>
      call<ChatMessage>('POST', `/conversations/${conversation.id}/messages`, {
        token: conversation.token,
        body: { clientId, text },
      }),
    history: async (conversation: Conversation, afterSeq = 0) =>
      (
        await call<{ messages: ChatMessage[] }>('GET', `/conversations/${conversation.id}/messages?after=${afterSeq}`, {
          token: conversation.token,
        })
      ).body.messages,
    /** Opens the stream and authenticates with `token` in the first frame (never in the URL). */
    async stream(conversation: Conversation, token = conversation.token) {
      const url = `ws://127.0.0.1:${server.port}/v1/conversations/${conversation.id}/stream`;
      const frames = new Frames<StreamFrame>(new WebSocket(url));
      await frames.opened;
      frames.socket.send(JSON.stringify({ type: 'auth', token }));
      return frames;
    },
  };
}

const signIn = (server: RunningServer, name = 'Mei'): Promise<string> => agentCookie(server, { name });

function agent(server: RunningServer, cookie: string) {
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.origin}/agent/api${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
    },
    async feed() {
      const frames = new Frames<AgentFeedFrame>(
        new WebSocket(`ws://127.0.0.1:${server.port}/agent/socket`, { headers: { cookie } }),
      );
      await frames.opened;
      await frames.waitFor((frame) => frame.type === 'hello', 'hello');
      return frames;
    },
  };
}

function assertGapFree(seqs: readonly number[], what: string): void {
  seqs.forEach((seq, index) => {
    if (index > 0) assert.equal(seq, seqs[index - 1]! + 1, `${what}: ${seqs.join(',')}`);
  });
}

describe('chat over real HTTP and WebSocket', () => {
  let server: RunningServer;
  const sockets: WebSocket[] = [];
  const track = <T extends { socket: WebSocket }>(frames: T) => (sockets.push(frames.socket), frames);

  before(async () => {
    server = await startTestServer({ port: 0, now: () => MONDAY_MORNING });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  after(() => server.close());

  it('starts a conversation in the queue, and counts agents with a console open', async () => {
    const shop = client(server);
    const before = (await shop.call<{ open: boolean; agentsOnline: number }>('GET', '/availability')).body;
    assert.equal(before.agentsOnline, 0);
    assert.equal(before.open, false, 'inside business hours, but nobody to answer');

    const feed = track(await agent(server, await signIn(server)).feed());
    const during = (
      await shop.call<{ open: boolean; agentsOnline: number; queueLength: number }>('GET', '/availability')
    ).body;
    assert.equal(during.agentsOnline, 1);
    assert.equal(during.open, true);

    const conversation = await shop.start();
    assert.equal(conversation.status, 'queued');
    assert.ok((conversation.queuePosition ?? 0) >= 1);
    const listed = await feed.waitFor(
      (frame) => frame.type === 'conversations' && frame.conversations.some((item) => item.id === conversation.id),
      'the new conversation in the console',
    );
    assert.equal(listed.type, 'conversations');
    feed.socket.close();
    await feed.closed;
    // The server learns of the close in its own time: ask until it counts the agent gone, bounded.
    const agentsOnline = async () =>
      (await shop.call<{ agentsOnline: number }>('GET', '/availability')).body.agentsOnline;
    const deadline = Date.now() + 3000;
    let online = await agentsOnline();
    while (online !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      online = await agentsOnline();
    }
    assert.equal(online, 0);
  });

  it('lets an agent accept: the shopper sees agent_joined, then status open; messages flow both ways', async () => {
    const shop = client(server);
    const conversation = await shop.start({ ...shopper, message: 'Hello?' });
    const stream = track(await shop.stream(conversation));
    await stream.waitFor((frame) => frame.type === 'subscribed', 'subscribed');

    const cookie = await signIn(server, 'Mei');
    const console = agent(server, cookie);
    const feed = track(await console.feed());
    const accepted = await console.call<{ status: string; agentName: string }>(
      'POST',
      `/conversations/${conversation.id}/accept`,
    );
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.status, 'open');

    const joined = await stream.waitFor((frame) => frame.type === 'agent_joined', 'agent_joined');
    const opened = await stream.waitFor((frame) => frame.type === 'status', 'status open');
    assert.deepEqual(joined, { type: 'agent_joined', seq: 2, agentName: 'Mei' });
    assert.deepEqual(opened, { type: 'status', seq: 3, status: 'open' });

    const sent = await shop.send(conversation, 'Where is my parcel?');
    assert.equal(sent.status, 201);
    const seen = await feed.waitFor(
      (frame) => frame.type === 'event' && frame.event.type === 'message' && frame.event.message.id === sent.body.id,
      'the shopper message in the console',
    );
    assert.equal(seen.type === 'event' && seen.conversationId, conversation.id);

    const replied = await console.call<ChatMessage>('POST', `/conversations/${conversation.id}/messages`, {
      clientId: crypto.randomUUID(),
      text: 'It is on its way.',
    });
    assert.equal(replied.status, 201);
    const reply = await stream.waitFor(
      (frame) => frame.type === 'message' && frame.message.id === replied.body.id,
      'the reply on the stream',
    );
    assert.equal(reply.type === 'message' && reply.message.author, 'agent');
    assert.equal(reply.type === 'message' && reply.message.authorName, 'Mei');
    assert.equal(reply.type === 'message' && reply.message.clientId, undefined, 'the console’s keys stay private');

    // Typing both ways, only on change.
    await console.call('POST', `/conversations/${conversation.id}/typing`, { typing: true });
    await console.call('POST', `/conversations/${conversation.id}/typing`, { typing: true });
    await shop.call('POST', `/conversations/${conversation.id}/typing`, {
      token: conversation.token,
      body: { typing: true },
    });
    await stream.waitFor((frame) => frame.type === 'typing' && frame.author === 'shopper', 'shopper typing');
    await feed.waitFor(
      (frame) => frame.type === 'event' && frame.event.type === 'typing' && frame.event.author === 'shopper',
      'shopper typing in the console',
    );
    const typing = stream.all.filter((frame) => frame.type === 'typing' && frame.author === 'agent');
    assert.equal(typing.length, 1, 'a repeated "typing" is not news');

    const events = stream.all.filter(isEvent);
    assertGapFree(
      events.map((event) => event.seq),
      'the stream',
    );
    assert.equal(events[0]?.seq, 2, 'the stream starts after the first message (seq 1)');
  });

  it('keeps the article a chat started from beside the shopper’s words, and says where a conversation stands', async () => {
    const shop = client(server);
    const context = { articleId: 'en-payment-charged-twice', articleTitle: 'I was charged twice' };
    const refused = await shop.call<{ error: { fields: Record<string, string> } }>('POST', '/conversations', {
      body: { ...shopper, context: { articleId: '', articleTitle: 'I was charged twice' } },
      key: crypto.randomUUID(),
    });
    assert.equal(refused.status, 422);
    assert.ok('context.articleId' in refused.body.error.fields, JSON.stringify(refused.body));

    const conversation = await shop.start({ ...shopper, message: 'It happened again.', context });
    assert.deepEqual(
      (await shop.history(conversation)).map((message) => message.text),
      ['It happened again.'],
      'the shopper’s message is what they typed',
    );
    const state = async (token = conversation.token) =>
      shop.call<Record<string, unknown>>('GET', `/conversations/${conversation.id}`, { token });
    const queued = await state();
    assert.equal(queued.status, 200);
    assert.equal(queued.body.status, 'queued');
    assert.deepEqual(queued.body.context, context);
    assert.equal((await state('not-the-token')).status, 401);

    const console = agent(server, await signIn(server, 'Mei'));
    const feed = track(await console.feed());
    const listed = await feed.waitFor(
      (frame) => frame.type === 'conversations' && frame.conversations.some((item) => item.id === conversation.id),
      'the conversation in the console',
    );
    const summary = listed.type === 'conversations' && listed.conversations.find((item) => item.id === conversation.id);
    assert.deepEqual(summary && summary.context, context);

    // Mei joins but writes nothing yet: a shopper who reloads learns it from the conversation itself.
    await console.call('POST', `/conversations/${conversation.id}/accept`);
    const joined = await state();
    assert.equal(joined.body.status, 'open');
    assert.equal(joined.body.agentName, 'Mei');
    assert.equal(joined.body.lastSeq, 3);
  });

  it('adds the article asked about to a conversation already open, beside the shopper’s words, for the agent', async () => {
    const shop = client(server);
    const conversation = await shop.start({ ...shopper, message: 'Where is my parcel?' });
    const article = { articleId: 'en-payment-charged-twice', articleTitle: 'I was charged twice' };
    const attach = (body: unknown, token: string | undefined = conversation.token) =>
      shop.call<Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } }>(
        'POST',
        `/conversations/${conversation.id}/context`,
        { body, ...(token ? { token } : {}) },
      );

    // Token-authenticated like the conversation's other routes, and validated.
    assert.equal((await attach(article, '')).status, 401);
    assert.equal((await attach(article, 'not-the-token')).status, 401);
    const invalid = await attach({ articleId: '', articleTitle: 'I was charged twice' });
    assert.equal(invalid.status, 422);
    assert.ok('articleId' in (invalid.body.error?.fields ?? {}), JSON.stringify(invalid.body));

    const console = agent(server, await signIn(server, 'Mei'));
    const feed = track(await console.feed());
    await console.call('POST', `/conversations/${conversation.id}/accept`);
    const attached = await attach(article);
    assert.equal(attached.status, 200);
    assert.deepEqual(attached.body.context, article);
    assert.equal(attached.body.status, 'open');

    // The agent's list shows it at once; the shopper's words stay what they typed.
    await feed.waitFor(
      (frame) =>
        frame.type === 'conversations' &&
        frame.conversations.some(
          (item) => item.id === conversation.id && item.context?.articleId === article.articleId,
        ),
      'the article in the console',
    );
    const words = (await shop.history(conversation)).map((message) => message.text);
    assert.deepEqual(words, ['Where is my parcel?']);
    assert.ok(!words.join(' ').includes(article.articleId));

    // An ended conversation takes no more context.
    await console.call('POST', `/conversations/${conversation.id}/close`);
    const closed = await attach(article);
    assert.equal(closed.status, 409);
    assert.equal(closed.body.error?.code, 'conversation_closed');
  });

  it('lets only the agent who accepted a conversation reply, type in or close it', async () => {
    const conversation = await client(server).start();
    const mei = agent(server, await signIn(server, 'Mei'));
    const lin = agent(server, await signIn(server, 'Lin'));
    assert.equal((await mei.call('POST', `/conversations/${conversation.id}/accept`)).status, 200);
    const path = `/conversations/${conversation.id}`;
    assert.equal((await lin.call('POST', `${path}/messages`, { clientId: 'lin-1', text: 'Hi!' })).status, 409);
    assert.equal((await lin.call('POST', `${path}/typing`, { typing: true })).status, 409);
    assert.equal((await lin.call('POST', `${path}/close`)).status, 409);
    assert.equal((await mei.call('POST', `${path}/messages`, { clientId: 'mei-1', text: 'Hello' })).status, 201);
  });

  it('stores a repeated clientId once, even when the requests race', async () => {
    const shop = client(server);
    const conversation = await shop.start();
    const clientId = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => shop.send(conversation, 'Only once', clientId)));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((answer) => answer.body.id)).size, 1);
    const messages = await shop.history(conversation);
    assert.equal(messages.filter((message) => message.clientId === clientId).length, 1);
  });

  it('validates like the memory backend and refuses the wrong token', async () => {
    const shop = client(server);
    const conversation = await shop.start();
    const other = await shop.start();
    const empty = await shop.send(conversation, '   ');
    assert.equal(empty.status, 422);
    const long = await shop.send(conversation, 'x'.repeat(5001));
    assert.equal(long.status, 422);
    const foreign = await shop.call('POST', `/conversations/${conversation.id}/messages`, {
      token: other.token,
      body: { clientId: 'a', text: 'hi' },
    });
    assert.equal(foreign.status, 401);
    const noKey = await shop.call('POST', '/conversations', { body: shopper });
    assert.equal(noKey.status, 400);
    // The key is checked before the body, as the contract orders it.
    const noKeyInvalid = await shop.call('POST', '/conversations', { body: { ...shopper, name: '' } });
    assert.equal(noKeyInvalid.status, 400);
    const read = await shop.call('POST', `/conversations/${conversation.id}/read`, {
      token: conversation.token,
      body: { upToSeq: 99 },
    });
    assert.equal(read.status, 422);
    const transcript = await shop.call('POST', `/conversations/${conversation.id}/transcript`, {
      token: conversation.token,
      body: { email: 'not an email' },
    });
    assert.deepEqual(Object.keys((transcript.body as { error: { fields: object } }).error.fields), ['email']);
    const closed = await shop.call<Conversation>('POST', `/conversations/${conversation.id}/close`, {
      token: conversation.token,
    });
    assert.equal(closed.body.status, 'closed');
    const late = await shop.send(conversation, 'hello?');
    assert.equal(late.status, 409);
    assert.equal((late.body as unknown as { error: { code: string } }).error.code, 'conversation_closed');
  });

  it('refuses a stream with the wrong token with an error frame and 4401, and never reads a token from the URL', async () => {
    const shop = client(server);
    const conversation = await shop.start();
    const wrong = track(await shop.stream(conversation, 'wrong'));
    assert.deepEqual((await wrong.closed).code, 4401);
    assert.equal(wrong.all.length, 1);
    assert.deepEqual(
      { ...wrong.all[0], message: undefined },
      { type: 'error', code: 'unauthorized', message: undefined },
    );

    // The right token in the query string opens nothing: only the first frame counts.
    const url = `ws://127.0.0.1:${server.port}/v1/conversations/${conversation.id}/stream?token=${conversation.token}`;
    const queried = track(new Frames<StreamFrame>(new WebSocket(url)));
    await queried.opened;
    queried.socket.send(JSON.stringify({ type: 'hello' }));
    assert.equal((await queried.closed).code, 4401);
    assert.equal(queried.all[0]?.type, 'error');

    const viaQuery = await fetch(
      `${server.origin}/v1/conversations/${conversation.id}/messages?token=${conversation.token}`,
    );
    assert.equal(viaQuery.status, 401);
  });

  it('guards the console: wrong passwords, then 429 with Retry-After; no cookie, no feed', async () => {
    const signInWith = (password: string) =>
      fetch(`${server.origin}/agent/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'mei@maple-and-moss.example', password }),
      });
    for (let attempt = 0; attempt < 5; attempt += 1) assert.equal((await signInWith('guess')).status, 401);
    const limited = await signInWith(DEMO_AGENT_PASSWORD);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);

    const anonymous = new Frames<AgentFeedFrame>(new WebSocket(`ws://127.0.0.1:${server.port}/agent/socket`));
    await assert.rejects(anonymous.opened, /upgrade 401/);
    assert.equal((await fetch(`${server.origin}/agent/api/conversations`)).status, 401);
  });

  it('serves the console page under a strict Content-Security-Policy, with its script bundled', async () => {
    const page = await fetch(`${server.origin}/agent`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'; style-src 'self'/);
    assert.doesNotMatch(await page.text(), /<script>|style=/);
    const script = await fetch(`${server.origin}/agent/console.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /kefu-console/);
  });
});

describe('chat availability outside business hours', () => {
  it('is closed and says when it opens, unless chat is always open (KEFU_CHAT_ALWAYS_OPEN=1)', async () => {
    const closed = await startTestServer({ port: 0, now: () => SUNDAY });
    const body = (await (await fetch(`${closed.origin}/v1/availability`)).json()) as {
      open: boolean;
      nextOpeningAt: string;
    };
    await closed.close();
    assert.equal(body.open, false);
    assert.equal(body.nextOpeningAt, '2026-11-23T08:00:00.000Z');

    const open = await startTestServer({ port: 0, now: () => SUNDAY, chatAlwaysOpen: true });
    const always = (await (await fetch(`${open.origin}/v1/availability`)).json()) as { open: boolean };
    await open.close();
    assert.equal(always.open, true);
  });
});

describe('chat across a restart and a dropped socket', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-chat-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const options = (): ServerOptions => ({ port: 0, dataDir });

  it('keeps every acknowledged message through close() and a new server on the same data', async () => {
    const first = await startTestServer(options());
    const shop = client(first);
    const conversation = await shop.start({ ...shopper, message: 'First' });
    const console = agent(first, await signIn(first));
    await console.call('POST', `/conversations/${conversation.id}/accept`);
    const acknowledged: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const sent =
        index % 3 === 0
          ? await console.call<ChatMessage>('POST', `/conversations/${conversation.id}/messages`, {
              clientId: crypto.randomUUID(),
              text: `agent ${index}`,
            })
          : await shop.send(conversation, `shopper ${index}`);
      assert.ok(sent.status === 201);
      acknowledged.push(sent.body.id);
    }
    const lastSeq = (await shop.history(conversation)).at(-1)!.seq;
    await first.close();

    const second = await startTestServer(options());
    try {
      const again = client(second);
      const messages = await again.history(conversation);
      for (const id of acknowledged)
        assert.ok(
          messages.some((message) => message.id === id),
          `message ${id} lost`,
        );
      assert.equal(messages[0]?.text, 'First');
      // The token still opens the conversation, and the counter carries on without a gap.
      const next = await again.send(conversation, 'After the restart');
      assert.equal(next.status, 201);
      assert.equal(next.body.seq, lastSeq + 1);
    } finally {
      await second.close();
    }
  });

  it('lets a client that lost its socket resubscribe and fetch after its last seq: every message once, in order', async () => {
    const server = await startTestServer(options());
    try {
      const shop = client(server);
      const conversation = await shop.start({ ...shopper, message: 'Hi' });
      const console = agent(server, await signIn(server));
      await console.call('POST', `/conversations/${conversation.id}/accept`);
      const reply = (text: string) =>
        console.call<ChatMessage>('POST', `/conversations/${conversation.id}/messages`, {
          clientId: crypto.randomUUID(),
          text,
        });

      const seen = new Map<string, ChatMessage>();
      const receive = (messages: readonly ChatMessage[]) => {
        for (const message of messages) {
          assert.ok(!seen.has(message.id) || seen.get(message.id)?.seq === message.seq);
          seen.set(message.id, message);
        }
      };
      let stream = await shop.stream(conversation);
      await stream.waitFor((frame) => frame.type === 'subscribed', 'subscribed');
      receive(await shop.history(conversation, 0));
      await shop.send(conversation, 'one');
      await reply('two');
      await stream.waitFor((frame) => frame.type === 'message' && frame.message.text === 'two', 'two');

      assert.equal(server.services.sockets.drop({ conversationId: conversation.id }), 1);
      await stream.closed;
      const streamed = (frames: StreamFrame[]) =>
        frames
          .filter((frame) => frame.type === 'message')
          .map((frame) => (frame.type === 'message' ? frame.message : undefined)!);
      receive(streamed(stream.all));
      const lastSeq = Math.max(...stream.all.filter(isEvent).map((event) => event.seq));

      // Both sides keep writing while the socket is down.
      await shop.send(conversation, 'three');
      await reply('four');

      stream = await shop.stream(conversation);
      await stream.waitFor((frame) => frame.type === 'subscribed', 'subscribed again');
      receive(await shop.history(conversation, lastSeq));
      await shop.send(conversation, 'five');
      await stream.waitFor((frame) => frame.type === 'message' && frame.message.text === 'five', 'five');
      receive(streamed(stream.all));
      stream.socket.close();

      const ordered = [...seen.values()].sort((a, b) => a.seq - b.seq).map((message) => message.text);
      assert.deepEqual(ordered, ['Hi', 'one', 'two', 'three', 'four', 'five']);
      assert.deepEqual(
        (await shop.history(conversation)).map((message) => message.text),
        ordered,
        'the server’s history agrees',
      );
    } finally {
      await server.close();
    }
  });
});
