import { expect, waitUntil } from '@open-wc/testing';
import { createFakeSubmissionServer } from '../../../../test/support/fake-submission-server.js';
import { systemClock } from '../ports/clock.js';
import { manualNetworkStatus } from '../ports/network.js';
import type { KeyValueStorage } from '../ports/storage.js';
import { createIdbStorage } from '../storage/idb-storage.js';
import { createKefuStorage } from '../storage/kefu-storage.js';
import type { ReturnInput } from '../model/returns.js';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox.js';
import { createTabLock } from './tab-lock.js';

const returnInput: ReturnInput = {
  orderId: 'ord_1004',
  items: [{ itemId: 'item_1', quantity: 1, reason: 'too_small', photoIds: [] }],
  resolution: 'refund',
};

let databaseCount = 0;
/** A fresh IndexedDB database per test, the way a shopper's browser would hold it. */
async function persistentStorage(name = `kefu-outbox-test-${Date.now()}-${databaseCount++}`) {
  const storage = createKefuStorage({ persistent: () => createIdbStorage(name) });
  await storage.markInteraction();
  return { storage, name };
}

describe('outbox', () => {
  const open: Outbox[] = [];
  let server: ReturnType<typeof createFakeSubmissionServer>;
  let network: ReturnType<typeof manualNetworkStatus>;

  function outboxOver(storage: KeyValueStorage, overrides: Partial<OutboxOptions> = {}): Outbox {
    const outbox = createOutbox({
      backend: server.backend,
      storage,
      clock: systemClock,
      network,
      backoff: { baseMs: 5, capMs: 20 },
      channelName: `kefu-outbox-test-${databaseCount}`,
      ...overrides,
    });
    open.push(outbox);
    return outbox;
  }

  beforeEach(() => {
    server = createFakeSubmissionServer();
    network = manualNetworkStatus(true);
  });
  afterEach(() => {
    for (const outbox of open.splice(0)) outbox.dispose();
  });

  it('saves a submission before sending it, sends it once, and keeps the answer but not the payload', async () => {
    const { storage } = await persistentStorage();
    const outbox = outboxOver(storage);
    const item = await outbox.enqueue('return', returnInput);
    expect(await storage.get(`outbox/${item.id}`)).to.exist;

    const settled = await outbox.whenSettled(item.id);
    expect(settled.status).to.equal('sent');
    expect(settled.result).to.have.property('rma');
    expect(settled.payload).to.equal(undefined);
    expect(server.applied.size).to.equal(1);
    expect(server.applied.get(item.id)?.body).to.equal(JSON.stringify(returnInput));
  });

  it('waits while offline and sends as soon as the network comes back', async () => {
    const { storage } = await persistentStorage();
    network.set(false);
    const outbox = outboxOver(storage);
    const item = await outbox.enqueue('return', returnInput);
    // Asked to send now, the outbox first finishes any send under way: offline, nothing goes.
    await outbox.flush({ ignoreBackoff: true });
    expect(server.requests).to.have.length(0);
    expect(outbox.items.value[0]?.status).to.equal('pending');

    network.set(true);
    expect((await outbox.whenSettled(item.id)).status).to.equal('sent');
    expect(server.requests).to.have.length(1);
  });

  it('retries after a 5xx, a 429 and a lost response with the same key, and applies it once', async () => {
    const { storage } = await persistentStorage();
    const faults = ['server-error', 'rate-limited', 'drop-after', 'drop-before'] as const;
    let attempt = 0;
    server.setFaults(() => faults[attempt++] ?? 'none');
    const outbox = outboxOver(storage);
    const item = await outbox.enqueue('survey', { kind: 'nps', score: 9, subject: { type: 'store', id: 'web' } });
    // A dropped request looks like a dead network: the next attempt comes with the online event.
    await waitUntil(() => server.requests.length >= 4, 'four failed attempts', { timeout: 3000 });
    network.set(false);
    network.set(true);
    expect((await outbox.whenSettled(item.id)).status).to.equal('sent');
    expect(new Set(server.requests.map((request) => request.key))).to.deep.equal(new Set([item.id]));
    expect(server.applied.size).to.equal(1);
  });

  it('keeps a conversation’s messages in the order written when one meets a 5xx, and lets others by', async () => {
    // Found by the server's kill runs (issue 21): a message answered 502 while an instance died
    // waited for its backoff while the next ones went ahead, so the agent read them out of order.
    const { storage } = await persistentStorage();
    network.set(false);
    const outbox = outboxOver(storage);
    const first = await outbox.enqueue(
      'chat-message',
      { conversationId: 'c_1', message: { clientId: 'm1', text: '1' } },
      { id: 'm1' },
    );
    await outbox.enqueue(
      'chat-message',
      { conversationId: 'c_1', message: { clientId: 'm2', text: '2' } },
      { id: 'm2' },
    );
    const survey = await outbox.enqueue('survey', { kind: 'nps', score: 9, subject: { type: 'store', id: 'web' } });
    await outbox.enqueue(
      'chat-message',
      { conversationId: 'c_2', message: { clientId: 'n1', text: 'other' } },
      { id: 'n1' },
    );
    const last = await outbox.enqueue(
      'chat-message',
      { conversationId: 'c_1', message: { clientId: 'm3', text: '3' } },
      { id: 'm3' },
    );
    server.setFaults((request) => (request.key === first.id && server.requests.length === 1 ? 'server-error' : 'none'));
    network.set(true);
    expect((await outbox.whenSettled(last.id)).status).to.equal('sent');
    expect((await outbox.whenSettled(survey.id)).status).to.equal('sent');
    const order = [...server.applied.keys()];
    expect(order.filter((key) => key.startsWith('m'))).to.deep.equal(['m1', 'm2', 'm3']);
    expect(order.indexOf(survey.id), 'the survey did not wait for the chat').to.be.below(order.indexOf('m1'));
    expect(order.indexOf('n1'), 'nor did another conversation').to.be.below(order.indexOf('m1'));
  });

  it('marks a 4xx as failed with the server’s reasons, and sends a corrected copy under a new key', async () => {
    const { storage } = await persistentStorage();
    server.setFaults((request) => (request.body.includes('"quantity":5') ? 'invalid' : 'none'));
    const outbox = outboxOver(storage);
    const tooMany = { ...returnInput, items: [{ ...returnInput.items[0]!, quantity: 5 }] };
    const item = await outbox.enqueue('return', tooMany);
    const failed = await outbox.whenSettled(item.id);
    expect(failed.status).to.equal('failed');
    expect(failed.error?.fields).to.deep.equal({ 'items.0.quantity': 'Too many' });
    expect(failed.payload, 'what the shopper typed is kept to fix it').to.deep.equal(tooMany);

    const corrected = (await outbox.resend<'return'>(item.id, returnInput))!;
    expect(corrected.id).not.to.equal(item.id);
    expect((await outbox.whenSettled(corrected.id)).status).to.equal('sent');
    expect(outbox.items.value.map((entry) => entry.id)).to.deep.equal([corrected.id]);
  });

  it('keeps one item for a double tap that reuses the same id', async () => {
    const { storage } = await persistentStorage();
    network.set(false);
    const outbox = outboxOver(storage);
    await outbox.enqueue('callback', callbackInput(), { id: 'tap-1' });
    await outbox.enqueue('callback', callbackInput(), { id: 'tap-1' });
    expect(outbox.items.value).to.have.length(1);
  });

  it('survives a reload: a new client on the same storage sends what the old one saved', async () => {
    const { storage, name } = await persistentStorage();
    network.set(false);
    const before = outboxOver(storage);
    const item = await before.enqueue('return', returnInput);
    before.dispose();

    network.set(true);
    const { storage: reloadedStorage } = await persistentStorage(name);
    const after = outboxOver(reloadedStorage);
    await after.start();
    expect((await after.whenSettled(item.id)).status).to.equal('sent');
    expect(server.requests.map((request) => request.key)).to.deep.equal([item.id]);
  });

  it('sends from one tab only when two tabs share the storage, and both see it sent', async () => {
    const { storage, name } = await persistentStorage();
    network.set(false);
    const tabA = outboxOver(storage);
    const { storage: storageB } = await persistentStorage(name);
    const tabB = outboxOver(storageB);
    await tabA.start();
    await tabB.start();
    const item = await tabA.enqueue('return', returnInput);
    await waitUntil(() => tabB.items.value.some((entry) => entry.id === item.id), 'tab B sees the pending item');

    network.set(true); // both tabs hear "online" and flush at once
    await tabA.whenSettled(item.id);
    await tabB.whenSettled(item.id);
    expect(server.requests).to.have.length(1);
  });

  it('still sends from one tab only where Web Locks are missing (a lease in storage)', async () => {
    const { storage, name } = await persistentStorage();
    const { storage: storageB } = await persistentStorage(name);
    network.set(false);
    const leaseLock = (shared: KeyValueStorage, tabId: string) =>
      createTabLock('kefu-outbox-lease-test', { locks: undefined, storage: shared, clock: systemClock, tabId });
    const tabA = outboxOver(storage, { lock: leaseLock(storage, 'tab-a') });
    const tabB = outboxOver(storageB, { lock: leaseLock(storageB, 'tab-b') });
    await tabA.start();
    await tabB.start();
    const item = await tabA.enqueue('return', returnInput);
    await waitUntil(() => tabB.items.value.some((entry) => entry.id === item.id));

    network.set(true);
    await tabA.whenSettled(item.id);
    await tabB.whenSettled(item.id);
    expect(server.requests).to.have.length(1);
  });
});

function callbackInput() {
  return {
    name: 'Ana',
    phone: '+33612345678',
    slot: '2026-11-23T09:00:00.000Z',
    timezone: 'Europe/Paris',
    topic: 'Delivery',
    consent: true,
  };
}
