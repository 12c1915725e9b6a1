import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { ChatEvent, ChatMessage, Conversation, ConversationPage } from '@kefu/core';
import { openSqliteEngine } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { type RunningServer } from '../server.js';
import {
  agentCookie,
  call,
  errorOf,
  IDENTITY_SECRET,
  identityToken,
  testClock,
  startTestServer,
} from '../routes/test-helpers.js';

const shopper = { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' };
type StreamFrame = ChatEvent | { type: 'subscribed' } | { type: 'error'; code: string };

/**
 * A signed-in shopper's chat history: conversations started with an identity token are theirs,
 * listed newest first on any device, and opened with that token instead of the conversation's.
 */
describe('chat history of a signed-in shopper (identity tokens)', () => {
  const clock = testClock();
  let server: RunningServer;
  let base: string;
  const sockets: WebSocket[] = [];

  before(async () => {
    server = await startTestServer({ port: 0, now: clock.now, identitySecret: IDENTITY_SECRET });
    base = `${server.origin}/v1`;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  after(() => server.close());

  /** A customer id no other test uses: the server outlives each test. */
  const newCustomer = () => `cust_${crypto.randomUUID()}`;
  /** The store's token for a signed-in customer, valid for an hour of the server's (moving) clock. */
  const signedIn = (customerId: string = newCustomer()) =>
    identityToken(customerId, { expiresAt: clock.now() + 3_600_000 });

  async function start(token?: string, input: Record<string, unknown> = shopper): Promise<Conversation> {
    const answer = await call<Conversation>(base, 'POST', '/conversations', {
      body: input,
      key: crypto.randomUUID(),
      ...(token === undefined ? {} : { token }),
    });
    assert.equal(answer.status, 201, answer.text);
    return answer.body;
  }

  const list = (token: string | undefined, query = '') =>
    call<ConversationPage>(base, 'GET', `/conversations${query}`, token === undefined ? {} : { token });

  const send = (id: string, token: string, text: string) =>
    call<ChatMessage>(base, 'POST', `/conversations/${id}/messages`, {
      token,
      body: { clientId: crypto.randomUUID(), text },
    });

  /** Opens the stream and sends `token` as the auth frame; resolves with the frames and how it closed. */
  async function stream(conversationId: string, token: string) {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/v1/conversations/${conversationId}/stream`);
    sockets.push(socket);
    const frames: StreamFrame[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as StreamFrame));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'auth', token }));
    const waitFor = async (test: (frame: StreamFrame) => boolean, what: string) => {
      const deadline = Date.now() + 3000;
      for (;;) {
        const found = frames.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(frames)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    return { frames, closed, waitFor };
  }

  it('lists the signed-in shopper’s conversations, most recently active first, with a preview and unread count', async () => {
    const customer = newCustomer();
    const token = await signedIn(customer);
    const older = await start(token, { ...shopper, topic: 'A refund', message: 'First   question,\n\nplease' });
    clock.advance(60_000);
    const newer = await start(token, { ...shopper, topic: 'Delivery' });
    clock.advance(60_000);
    // Anonymous conversations belong to nobody, even with the same name and email.
    await start();

    const first = await list(token);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      first.body.conversations.map((conversation) => conversation.id),
      [newer.id, older.id],
    );
    assert.equal(first.body.nextCursor, undefined);
    const [newest, oldest] = first.body.conversations;
    assert.deepEqual(newest, {
      id: newer.id,
      status: 'queued',
      topic: 'Delivery',
      createdAt: newest!.createdAt,
      updatedAt: newest!.createdAt,
      lastSeq: 0,
      unread: 0,
    });
    assert.equal(oldest!.lastMessage?.text, 'First question, please');
    assert.equal(oldest!.lastMessage?.author, 'shopper');
    assert.equal(oldest!.lastMessage?.attachmentCount, 0);

    // A message moves the older conversation to the top; a long one is shortened on one line.
    clock.advance(60_000);
    const long = `${'word '.repeat(60)}end`;
    assert.equal((await send(older.id, older.token, long)).status, 201);
    const after = (await list(token)).body.conversations;
    assert.deepEqual(
      after.map((conversation) => conversation.id),
      [older.id, newer.id],
    );
    assert.equal([...after[0]!.lastMessage!.text].length, 140);
    assert.ok(after[0]!.lastMessage!.text.endsWith('…'));
    assert.ok(Date.parse(after[0]!.updatedAt) > Date.parse(after[0]!.createdAt));
    assert.equal(after[0]!.lastSeq, 2);
  });

  it('counts agent messages after the shopper’s last read receipt as unread', async () => {
    const token = await signedIn();
    const conversation = await start(token, { ...shopper, message: 'Hello?' });
    const cookie = await signInAgent(server);
    const agent = (path: string, body?: unknown) =>
      fetch(`${server.origin}/agent/api${path}`, {
        method: 'POST',
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    assert.equal((await agent(`/conversations/${conversation.id}/accept`)).status, 200);
    for (const text of ['Hi, Mei here.', 'Let me check.']) {
      const reply = await agent(`/conversations/${conversation.id}/messages`, { clientId: crypto.randomUUID(), text });
      assert.equal(reply.status, 201);
    }
    const listed = (await list(token)).body.conversations[0]!;
    assert.equal(listed.status, 'open');
    assert.equal(listed.agentName, 'Mei');
    assert.equal(listed.unread, 2);
    assert.deepEqual(
      { author: listed.lastMessage?.author, text: listed.lastMessage?.text },
      { author: 'agent', text: 'Let me check.' },
    );

    const read = await call(base, 'POST', `/conversations/${conversation.id}/read`, {
      token,
      body: { upToSeq: listed.lastSeq },
    });
    assert.equal(read.status, 204, read.text);
    assert.equal((await list(token)).body.conversations[0]!.unread, 0);
  });

  it('pages with limit and cursor without repeating or skipping one, and refuses a bad limit or cursor', async () => {
    const token = await signedIn();
    const started: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      started.unshift((await start(token, { ...shopper, topic: `Topic ${index}` })).id);
      clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await list(token, query);
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.conversations.length <= 2);
      seen.push(...page.body.conversations.map((conversation) => conversation.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    assert.deepEqual(seen, started);
    assert.equal(pages, 3);

    for (const limit of ['0', '51', 'two', '1.5']) {
      const answer = await list(token, `?limit=${limit}`);
      assert.equal(answer.status, 422, `limit=${limit}`);
      assert.deepEqual(errorOf(answer).fields, { limit: 'Expected a whole number from 1 to 50.' });
    }
    const junk = await list(token, '?cursor=not-a-cursor');
    assert.equal(junk.status, 422);
    assert.deepEqual(Object.keys(errorOf(junk).fields ?? {}), ['cursor']);
  });

  it('keeps customers apart: nobody lists, reads, writes to or streams another customer’s conversation', async () => {
    const ana = await signedIn();
    const bo = await signedIn();
    const anas = await start(ana, { ...shopper, message: 'My address is private' });
    await start(bo);

    const bosList = (await list(bo)).body.conversations;
    assert.equal(bosList.length, 1);
    assert.ok(!bosList.some((conversation) => conversation.id === anas.id));

    // Bo's identity on Ana's conversation gets the very answer an unknown id gets.
    const unknown = await call(base, 'GET', '/conversations/c_does_not_exist/messages', { token: bo });
    const foreign = await call(base, 'GET', `/conversations/${anas.id}/messages`, { token: bo });
    assert.equal(unknown.status, 404);
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, unknown.body);
    for (const [path, body] of [
      ['messages', { clientId: crypto.randomUUID(), text: 'hi' }],
      ['typing', { typing: true }],
      ['read', { upToSeq: 1 }],
      ['transcript', { email: 'bo@example.com' }],
      ['close', undefined],
    ] as const) {
      const answer = await call(base, 'POST', `/conversations/${anas.id}/${path}`, {
        token: bo,
        ...(body === undefined ? {} : { body }),
      });
      assert.equal(answer.status, 404, `${path}: ${answer.text}`);
      assert.equal(errorOf(answer).code, 'conversation_not_found');
    }
    // Nor does an identity open an anonymous conversation.
    const anonymous = await start();
    assert.equal((await call(base, 'GET', `/conversations/${anonymous.id}/messages`, { token: ana })).status, 404);

    const refused = await stream(anas.id, bo);
    assert.equal(await refused.closed, 4401);
    assert.deepEqual(refused.frames, [
      { type: 'error', code: 'unauthorized', message: 'The conversation refused this token.' },
    ]);
    const texts = await call<{ messages: ChatMessage[] }>(base, 'GET', `/conversations/${anas.id}/messages`, {
      token: anas.token,
    });
    assert.deepEqual(
      texts.body.messages.map((message) => message.text),
      ['My address is private'],
    );
  });

  it('lets the owner’s identity token do what the conversation token does: messages, typing, read, transcript, stream, close', async () => {
    const token = await signedIn();
    const conversation = await start(token, { ...shopper, message: 'Started on my phone' });

    // Another device: only the identity token, never the conversation's.
    const live = await stream(conversation.id, token);
    await live.waitFor((frame) => frame.type === 'subscribed', 'subscribed');
    const sent = await send(conversation.id, token, 'Now on my laptop');
    assert.equal(sent.status, 201, sent.text);
    const delivered = await live.waitFor(
      (frame) => frame.type === 'message' && frame.message.id === sent.body.id,
      'the message on the stream',
    );
    assert.equal(delivered.type === 'message' && delivered.message.text, 'Now on my laptop');

    const history = await call<{ messages: ChatMessage[] }>(base, 'GET', `/conversations/${conversation.id}/messages`, {
      token,
    });
    assert.deepEqual(
      history.body.messages.map((message) => message.text),
      ['Started on my phone', 'Now on my laptop'],
    );
    const typing = await call(base, 'POST', `/conversations/${conversation.id}/typing`, {
      token,
      body: { typing: true },
    });
    assert.equal(typing.status, 204);
    await live.waitFor((frame) => frame.type === 'typing' && frame.author === 'shopper', 'typing');
    const read = await call(base, 'POST', `/conversations/${conversation.id}/read`, { token, body: { upToSeq: 2 } });
    assert.equal(read.status, 204);
    const transcript = await call(base, 'POST', `/conversations/${conversation.id}/transcript`, {
      token,
      body: { email: 'ana@example.com' },
    });
    assert.equal(transcript.status, 204);

    // Closing answers the conversation without a token: an identity token is never handed back as one.
    const closed = await call<Conversation>(base, 'POST', `/conversations/${conversation.id}/close`, { token });
    assert.equal(closed.status, 200);
    assert.deepEqual(closed.body, { id: conversation.id, token: '', status: 'closed' });
    const byOwnToken = await call<Conversation>(base, 'POST', `/conversations/${conversation.id}/close`, {
      token: conversation.token,
    });
    assert.equal(byOwnToken.body.token, conversation.token);
    assert.equal((await list(token)).body.conversations[0]!.status, 'closed');
  });

  it('treats expired, other-secret and malformed identity tokens as no identity', async () => {
    const customer = newCustomer();
    const valid = await signedIn(customer);
    const conversation = await start(valid, { ...shopper, message: 'Hello' });
    const expired = await identityToken(customer, { expiresAt: clock.now() - 1000 });
    const forged = await identityToken(customer, { secret: 'not-the-store-secret-0123456789abcdef' });

    for (const [what, token] of [
      ['expired', expired],
      ['signed with another secret', forged],
      ['not a JWT', 'garbage'],
    ] as const) {
      const listed = await list(token);
      assert.equal(listed.status, 401, what);
      assert.equal(errorOf(listed).code, 'unauthorized');
      const read = await call(base, 'GET', `/conversations/${conversation.id}/messages`, { token });
      assert.equal(read.status, 401, `${what}: ${read.text}`);
      const refused = await stream(conversation.id, token);
      assert.equal(await refused.closed, 4401, what);
    }
    assert.equal((await list(undefined)).status, 401);

    // A chat still starts with an expired token (the host page's token ran out): it is anonymous.
    const anonymous = await start(expired);
    const mine = (await list(valid)).body.conversations.map((item) => item.id);
    assert.deepEqual(mine, [conversation.id]);
    assert.ok(!mine.includes(anonymous.id));

    // The token's expiry is the server's clock's: an hour on, the same token no longer opens it.
    clock.advance(2 * 3_600_000);
    assert.equal((await list(valid)).status, 401);
  });

  it('refuses the same Idempotency-Key from another shopper instead of answering their conversation', async () => {
    const key = crypto.randomUUID();
    const ana = await signedIn();
    const bo = await signedIn();
    const first = await call<Conversation>(base, 'POST', '/conversations', { body: shopper, key, token: ana });
    assert.equal(first.status, 201);
    const again = await call<Conversation>(base, 'POST', '/conversations', { body: shopper, key, token: ana });
    assert.equal(again.body.id, first.body.id);
    const other = await call(base, 'POST', '/conversations', { body: shopper, key, token: bo });
    assert.equal(other.status, 409);
    assert.equal(errorOf(other).code, 'idempotency_key_reused');
  });
});

describe('migration 4 (conversation owner)', () => {
  it('adds the owner and dates existing conversations by their last event', async () => {
    const engine = openSqliteEngine(':memory:');
    const db = engine.sqlite;
    await migrate(
      engine,
      migrations.filter((migration) => migration.id < 4),
    );
    db.prepare(
      `INSERT INTO chat_conversations (id, token_hash, status, shopper_name, shopper_email, topic, created_at)
       VALUES ('c_old', 'hash', 'open', 'Ana', 'ana@example.com', 'Help', '2026-01-01T10:00:00.000Z'),
              ('c_quiet', 'hash2', 'queued', 'Bo', 'bo@example.com', 'Help', '2026-01-02T10:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO chat_events (conversation_id, seq, type, payload, created_at)
       VALUES ('c_old', 1, 'status', '{}', '2026-01-03T09:00:00.000Z')`,
    ).run();
    await migrate(engine, migrations);
    const rows = db.prepare('SELECT id, customer_id, updated_at FROM chat_conversations ORDER BY id').all();
    assert.deepEqual(rows, [
      { id: 'c_old', customer_id: null, updated_at: '2026-01-03T09:00:00.000Z' },
      { id: 'c_quiet', customer_id: null, updated_at: '2026-01-02T10:00:00.000Z' },
    ]);
    await engine.close();
  });
});

const signInAgent = (server: RunningServer): Promise<string> => agentCookie(server);
