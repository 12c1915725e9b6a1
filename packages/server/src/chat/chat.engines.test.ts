// The chat service on both engines (decision 0016): the embedded SQLite, and a real PostgreSQL
// cluster started for this file, where two requests' transactions truly overlap.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatEvent, ConversationInput } from '@kefu/core';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import { inTransaction } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { createChatHub } from './hub.js';
import { createChatService } from './service.js';

describeOnBothEngines('the chat', (engineOf) => {
  // One database per engine for the file: each test starts its own conversations and looks only at them.
  function setup(now: () => number = Date.now) {
    const engine = engineOf();
    const store = testStoreContext(engine, now);
    const hub = createChatHub();
    const published: { conversationId: string; event: ChatEvent }[] = [];
    hub.subscribeAll((conversationId, event) => published.push({ conversationId, event }));
    let listChanges = 0;
    hub.onListChanged(() => (listChanges += 1));
    // Built from the Kysely instance, the clock and the hours alone: no better-sqlite3 handle.
    const service = createChatService({ db: store.db, now: store.now, config: store.config }, hub, {
      alwaysOpen: true,
      agentsOnline: () => 1,
    });
    const start = async (input: Partial<ConversationInput> = {}, customerId?: string) => {
      const { conversation, publish } = await service.start(
        { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?', ...input },
        customerId,
      );
      publish();
      return conversation;
    };
    const eventsOf = (conversationId: string) =>
      published.filter((entry) => entry.conversationId === conversationId).map((entry) => entry.event);
    return { engine, store, service, published, eventsOf, start, listChanges: () => listChanges };
  }

  it('starts, accepts, exchanges messages and closes, every event in seq order', async () => {
    const { service, start, eventsOf, listChanges } = setup();
    const before = listChanges();
    const conversation = await start({ message: 'Hello?' });
    assert.equal(conversation.status, 'queued');
    assert.equal(listChanges(), before + 1, 'the consoles’ list is told');

    const accepted = await service.accept(conversation.id, 'Mei');
    assert.equal(accepted.status, 'open');
    assert.equal(accepted.agent_name, 'Mei');
    assert.equal(accepted.queue_position, null);
    const fromShopper = await service.send(conversation.id, 'shopper', { clientId: 's1', text: 'My parcel' });
    const fromAgent = await service.send(conversation.id, 'agent', { clientId: 'a1', text: 'Let me look' }, 'Mei');
    assert.equal(fromShopper.created, true);
    assert.equal(fromAgent.message.authorName, 'Mei');
    await service.typing(conversation.id, 'shopper', true);
    await service.typing(conversation.id, 'shopper', true);
    await service.markRead(conversation.id, 'shopper', fromAgent.message.seq);
    await service.markRead(conversation.id, 'shopper', 1);
    const closed = await service.close(conversation.id);
    assert.equal(closed.status, 'closed');
    assert.equal(typeof closed.closed_at, 'string');

    const stored = await service.events(conversation.id, 0);
    assert.deepEqual(
      stored.map((event) => [event.seq, event.type]),
      [
        [1, 'message'],
        [2, 'agent_joined'],
        [3, 'status'],
        [4, 'message'],
        [5, 'message'],
        [6, 'typing'],
        [7, 'read'],
        [8, 'status'],
      ],
      'repeated typing and an older receipt are no news',
    );
    assert.deepEqual(eventsOf(conversation.id), stored, 'published as stored, once each, in order');
    assert.deepEqual(
      (await service.messages(conversation.id, 0)).map((message) => [message.seq, message.author, message.text]),
      [
        [1, 'shopper', 'Hello?'],
        [4, 'shopper', 'My parcel'],
        [5, 'agent', 'Let me look'],
      ],
    );
    assert.deepEqual(
      (await service.messagesForAgent(conversation.id, 4)).map((message) => message.clientId),
      ['a1'],
      'the console sees its own keys',
    );
    const state = await service.state(conversation.id);
    assert.deepEqual(state, { id: conversation.id, status: 'closed', agentName: 'Mei', lastSeq: 8 });
    await assert.rejects(
      service.send(conversation.id, 'shopper', { clientId: 's2', text: 'Still there?' }),
      (error: unknown) => error instanceof ApiError && error.code === 'conversation_closed',
    );
    const summary = (await service.summaries()).find((entry) => entry.id === conversation.id);
    assert.equal(summary?.status, 'closed');
    assert.equal(summary?.shopperReadUpTo, 5);
  });

  it('counts as numbers on both engines: the queue, unread messages', async () => {
    const { service, start } = setup();
    const { queueLength } = await service.availability();
    assert.equal(typeof queueLength, 'number');
    const conversation = await start({}, 'cust_counts');
    assert.equal((await service.availability()).queueLength, queueLength + 1);
    await service.accept(conversation.id, 'Mei');
    await service.send(conversation.id, 'agent', { clientId: 'a1', text: 'Hi' }, 'Mei');
    await service.send(conversation.id, 'agent', { clientId: 'a2', text: 'Still there?' }, 'Mei');
    const [entry] = (await service.history('cust_counts', 5)).conversations;
    assert.equal(entry?.unread, 2);
    assert.equal(entry?.lastMessage?.text, 'Still there?');
  });

  it('gives two shoppers who start at once two places in the queue, in the order they arrived', async () => {
    const { store, service, eventsOf } = setup();
    const queueLength = (await service.availability()).queueLength;
    // On PostgreSQL each start runs in its own idempotency record's transaction on its own
    // connection. Each waits (bounded) after starting until both have: without the queue lock both
    // count the queue before either commits and take the same place; with it the second waits for
    // the first to commit, then counts it.
    let started = 0;
    const starts = ['Ana', 'Ben'].map((name) =>
      store.idempotency.run({ route: 'POST /conversations', key: `race-${name}`, hash: name }, async (trx) => {
        const { conversation } = await service.start({ name, email: 'x@example.com', topic: 'Help' }, undefined, trx);
        started += 1;
        for (let waited = 0; started < 2 && waited < 40; waited += 1) await delay(10);
        return { status: 201, body: JSON.stringify(conversation) };
      }),
    );
    const conversations = (await Promise.all(starts)).map(
      (answer) => JSON.parse(answer.body ?? '') as { id: string; queuePosition: number },
    );
    assert.deepEqual(
      conversations.map((conversation) => conversation.queuePosition).sort((a, b) => a - b),
      [queueLength + 1, queueLength + 2],
    );
    const [first, second] = [...conversations].sort((a, b) => a.queuePosition - b.queuePosition);
    assert.ok(first && second);
    const live = (await service.summaries()).map((summary) => summary.id);
    assert.ok(live.indexOf(first.id) < live.indexOf(second.id), 'the list follows arrival');

    // The first is taken: the second moves up, and is told so.
    await service.accept(first.id, 'Mei');
    assert.equal((await service.conversation(second.id)).queue_position, queueLength + 1);
    assert.deepEqual(
      eventsOf(second.id).map((event) => (event.type === 'queue' ? event.position : event.type)),
      [queueLength + 1],
    );
    await service.close(first.id);
    await service.close(second.id);
  });

  it('stores a message once when the same client id is sent twice at once', async () => {
    const { service, start, eventsOf } = setup();
    const conversation = await start();
    const answers = await Promise.all(
      [1, 2].map(() => service.send(conversation.id, 'shopper', { clientId: 'same', text: 'Once' })),
    );
    assert.deepEqual(answers.map((answer) => answer.created).sort(), [false, true]);
    assert.equal(answers[0]?.message.id, answers[1]?.message.id);
    assert.equal((await service.messages(conversation.id, 0)).length, 1);
    assert.equal(eventsOf(conversation.id).length, 1, 'told once');
  });

  it('numbers 20 messages sent at once 1 to 20, without gaps or repeats, and tells each once, in order', async () => {
    const { service, start, eventsOf } = setup();
    const conversation = await start();
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        service.send(conversation.id, 'shopper', { clientId: `m${index}`, text: `Message ${index}` }),
      ),
    );
    const range = Array.from({ length: 20 }, (_, index) => index + 1);
    assert.deepEqual(
      sent.map((answer) => answer.message.seq).sort((a, b) => a - b),
      range,
    );
    assert.deepEqual(
      (await service.messages(conversation.id, 0)).map((message) => message.seq),
      range,
    );
    // Each write publishes after its commit, and the row lock orders the commits.
    assert.deepEqual(
      eventsOf(conversation.id).map((event) => event.seq),
      range,
    );
    assert.equal((await service.state(conversation.id)).lastSeq, 20);
  });

  it('publishes a start only once the caller’s transaction committed, and never a rolled-back one', async () => {
    const { store, service, published, eventsOf } = setup();
    const input = { name: 'Ana', email: 'ana@example.com', topic: 'Help', message: 'Hi' };

    let rolledBack = '';
    await assert.rejects(
      inTransaction(store.db, async (trx) => {
        const { conversation } = await service.start(input, undefined, trx);
        rolledBack = conversation.id;
        throw new Error('the record could not be kept');
      }),
      /could not be kept/,
    );
    await assert.rejects(service.conversation(rolledBack), (error: unknown) => error instanceof ApiError);
    assert.deepEqual(eventsOf(rolledBack), []);

    const count = published.length;
    const { conversation, publish } = await inTransaction(store.db, async (trx) => {
      const started = await service.start(input, undefined, trx);
      assert.equal(published.length, count, 'nothing told inside the transaction');
      return started;
    });
    assert.equal(published.length, count, 'nor before the caller publishes');
    publish();
    assert.deepEqual(
      eventsOf(conversation.id).map((event) => event.type),
      ['message'],
    );
  });

  it('tells nothing of a write that fails after it appended, and keeps its seq', async () => {
    const { store, service, start, eventsOf } = setup();
    const conversation = await start({ message: 'Hi' });
    // A message row already holding the next seq: the send appends its event, then its message
    // insert fails, and the whole write is rolled back.
    await store.db
      .insertInto('chat_messages')
      .values({
        id: `m_in_the_way_${conversation.id}`,
        conversation_id: conversation.id,
        seq: 2,
        author: 'system',
        author_name: null,
        client_id: null,
        text: 'in the way',
        attachments: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    await assert.rejects(service.send(conversation.id, 'shopper', { clientId: 'lost', text: 'Hello?' }));
    assert.deepEqual(
      eventsOf(conversation.id).map((event) => event.seq),
      [1],
    );
    assert.deepEqual(
      (await service.events(conversation.id, 0)).map((event) => event.seq),
      [1],
    );
    assert.equal((await service.state(conversation.id)).lastSeq, 1);
  });

  it('pages a shopper’s conversations newest first, ties broken by id, none split or repeated', async () => {
    // A frozen clock: every conversation was active at the same instant.
    const { service, start } = setup(() => Date.parse('2026-12-07T10:00:00.000Z'));
    const customer = `cust_pages_${Date.now()}`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push((await start({ topic: `Topic ${index}` }, customer)).id);
    const seen: string[] = [];
    let page = await service.history(customer, 2);
    seen.push(...page.conversations.map((entry) => entry.id));
    while (page.next) {
      page = await service.history(customer, 2, page.next);
      seen.push(...page.conversations.map((entry) => entry.id));
    }
    // Ids are compared bytewise on both engines (collate "C" on PostgreSQL).
    const expected = [...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    assert.deepEqual(seen, expected);
    assert.equal(await service.ownerOf(ids[0] ?? ''), customer);
  });
});
