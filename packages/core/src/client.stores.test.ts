import { expect, waitUntil } from '@open-wc/testing';
import { createKefu, type KefuClient, type KefuOptions } from './client.js';
import { createMemoryBackend, createMemoryBackendWithControls } from './adapters/memory/memory-backend.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import { manualNetworkStatus } from './ports/network.js';
import { systemClock } from './ports/clock.js';
import type { KefuBackend } from './ports/backend.js';

/** One browser's storage, surviving "reloads" (new clients) within a test. */
function device() {
  const disk = createMemoryStorage();
  const network = manualNetworkStatus(true);
  const clients: KefuClient[] = [];
  return {
    disk,
    network,
    open(backend: KefuBackend, options: Partial<KefuOptions> = {}) {
      const client = createKefu({ backend, storage: () => disk, network, locale: 'en', ...options });
      clients.push(client);
      return client;
    },
    closeAll() {
      for (const client of clients.splice(0)) client.dispose();
    },
  };
}

/** A clock in real time that can also run every timer still pending at once, as if their time had come. */
function createHurryingClock() {
  const pending = new Map<unknown, () => void>();
  return {
    now: systemClock.now,
    setTimeout(callback: () => void, ms: number): unknown {
      const handle = systemClock.setTimeout(() => {
        pending.delete(handle);
        callback();
      }, ms);
      pending.set(handle, callback);
      return handle;
    },
    clearTimeout(handle: unknown) {
      pending.delete(handle);
      systemClock.clearTimeout(handle);
    },
    runPending() {
      for (const [handle, callback] of [...pending]) {
        this.clearTimeout(handle);
        callback();
      }
    },
  };
}

const ana = { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' };

describe('the client’s stores over the memory backend', () => {
  let phone: ReturnType<typeof device>;
  let backend: KefuBackend;
  beforeEach(() => {
    phone = device();
    backend = createMemoryBackend({ agentReplyDelayMs: 20 });
  });
  afterEach(() => phone.closeAll());

  it('writes nothing to storage until the shopper shows intent', async () => {
    const client = phone.open(backend);
    await client.config.load();
    await client.orders.lookup(ana);
    expect(client.orders.current.value.status).to.equal('ready');
    expect(phone.disk.entries.size).to.equal(0);
    await client.activate();
    expect([...phone.disk.entries.keys()]).to.include.members(['cache/config', 'cache/order/last']);
  });

  it('looks an order up by number and email, and by number and postal code', async () => {
    const client = phone.open(backend);
    const byEmail = await client.orders.lookup(ana);
    expect(byEmail?.number).to.equal('MM-1004');
    const byPostalCode = await client.orders.lookup({ orderNumber: 'MM-1004', postalCode: '75011' });
    expect(byPostalCode?.id).to.equal(byEmail?.id);
  });

  it('says the same for an unknown number and a wrong email', async () => {
    const client = phone.open(backend);
    await client.orders.lookup({ orderNumber: 'MM-9999', email: ana.email });
    const unknown = client.orders.current.value.error;
    await client.orders.lookup({ orderNumber: 'MM-1004', email: 'someone.else@example.com' });
    const wrongEmail = client.orders.current.value.error;
    expect(unknown?.code).to.equal('not_found');
    expect([wrongEmail?.code, wrongEmail?.message]).to.deep.equal([unknown?.code, unknown?.message]);
  });

  it('does not queue a lookup made offline, and says it will work once online', async () => {
    const client = phone.open(backend);
    phone.network.set(false);
    await client.orders.lookup(ana);
    expect(client.orders.current.value.status).to.equal('error');
    expect(client.orders.current.value.error?.code).to.equal('network');
    expect(client.outbox.items.value).to.have.length(0);
  });

  it('shows the last order at once after a reload, with when it was fetched', async () => {
    const first = phone.open(backend);
    await first.activate();
    await first.orders.lookup(ana);
    first.dispose();

    const reloaded = phone.open(backend);
    await reloaded.activate();
    await reloaded.orders.restoreLast();
    const state = reloaded.orders.current.value;
    expect(state.data?.number).to.equal('MM-1004');
    expect(state.updatedAt).to.be.a('number');
  });

  it('submits a return through the outbox and gets an RMA, once, even when tapped twice', async () => {
    const client = phone.open(backend);
    await client.activate();
    const order = await client.orders.lookup(ana);
    const input = {
      orderId: order!.id,
      items: [{ itemId: order!.items[0]!.id, quantity: 1, reason: 'too_small', photoIds: [] }],
      resolution: 'refund' as const,
    };
    const first = await client.returns.submit(input, { submissionId: 'tap' });
    await client.returns.submit(input, { submissionId: 'tap' });
    const settled = await client.outbox.whenSettled(first.id);
    expect(settled.status).to.equal('sent');
    expect((settled.result as { rma: string }).rma).to.match(/^RMA-/);
    expect(client.returns.submissions.value).to.have.length(1);
    await client.orders.refresh();
    expect(client.orders.current.value.data?.returns.length).to.equal(1);
  });

  it('sends a return queued offline once when back online, hours after the order token expired', async () => {
    const { backend: memory, controls } = createMemoryBackendWithControls({ simulateAgent: false });
    const clock = { ...systemClock, now: () => controls.now() };
    const client = phone.open(memory, { clock });
    await client.activate();
    const order = await client.orders.lookup(ana);
    phone.network.set(false);
    const queued = await client.returns.submit({
      orderId: order!.id,
      items: [{ itemId: order!.items[0]!.id, quantity: 1, reason: 'too_small', photoIds: [] }],
      resolution: 'refund',
    });
    expect(queued.status).to.equal('pending');
    // A long train ride: the order's access token (30 minutes) is long gone when the signal returns.
    controls.advanceTime(5 * 60 * 60_000);
    phone.network.set(true);
    const settled = await client.outbox.whenSettled(queued.id);
    expect(settled.status, settled.error?.message).to.equal('sent');
    expect(client.returns.submissions.value).to.have.length(1);
    expect(controls.order(order!.id)?.returns).to.have.length(1);
    controls.dispose();
  });

  it('keeps a rejected return with the server’s per-field reasons, for the shopper to fix', async () => {
    const client = phone.open(backend);
    const order = await client.orders.lookup(ana);
    const item = await client.returns.submit({
      orderId: order!.id,
      items: [{ itemId: order!.items[0]!.id, quantity: 99, reason: 'too_small', photoIds: [] }],
      resolution: 'refund',
    });
    const settled = await client.outbox.whenSettled(item.id);
    expect(settled.status).to.equal('failed');
    expect(settled.error?.code).to.equal('validation');
    expect(Object.keys(settled.error?.fields ?? {})).to.deep.equal(['items.0.quantity']);
    expect(settled.payload).to.exist;
  });

  it('syncs the FAQ, and shows it from the cache offline after a reload', async () => {
    const first = phone.open(backend);
    await first.activate();
    await first.faq.sync();
    const count = first.faq.articles.value.data?.length ?? 0;
    expect(count).to.be.at.least(40);
    first.dispose();

    phone.network.set(false);
    const offline = phone.open(backend);
    await offline.activate();
    await offline.faq.sync();
    expect(offline.faq.articles.value.data?.length).to.equal(count);
  });

  it('chats: the agent joins and answers; a message typed offline waits, then is sent once', async () => {
    const client = phone.open(backend);
    await client.activate();
    await client.chat.start({ name: 'Ana', email: ana.email, topic: 'Delivery' });
    await waitUntil(() => client.chat.conversation.value?.agentName, 'agent joined', { timeout: 3000 });
    await client.chat.send('Where is my order?');
    await waitUntil(() => client.chat.transcript.value.some((entry) => entry.author === 'agent'), 'agent answered', {
      timeout: 3000,
    });

    phone.network.set(false);
    await client.chat.send('Thanks!');
    const waiting = client.chat.transcript.value.find((entry) => entry.text === 'Thanks!');
    expect(waiting?.state).to.equal('waiting');
    phone.network.set(true);
    await waitUntil(
      () => client.chat.transcript.value.find((entry) => entry.text === 'Thanks!')?.state === 'sent',
      'sent when back online',
    );
    const shopperLines = client.chat.transcript.value.filter((entry) => entry.author === 'shopper');
    expect(shopperLines.map((entry) => entry.text)).to.deep.equal(['Where is my order?', 'Thanks!']);
    const seqs = client.chat.transcript.value.map((entry) => entry.seq ?? 0);
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
  });

  it('restores a conversation after a reload, and stops (no reconnect loop) when its token is refused', async () => {
    const first = phone.open(backend);
    await first.activate();
    const conversation = await first.chat.start({ name: 'Ana', email: ana.email, topic: 'Returns' });
    await first.chat.send('Hello');
    await waitUntil(() => first.chat.transcript.value.some((entry) => entry.state === 'sent'));
    first.dispose();

    const reloaded = phone.open(backend);
    await reloaded.activate();
    await reloaded.chat.restore();
    expect(reloaded.chat.transcript.value.map((entry) => entry.text)).to.include('Hello');
    await waitUntil(() => reloaded.chat.connection.value === 'open', 'reconnected');
    reloaded.dispose();

    // The same cached conversation against a backend that never issued its token. Its clock runs in
    // real time, and can run every timer still pending at once: as if the longest backoff had passed.
    const clock = createHurryingClock();
    const otherServer = phone.open(createMemoryBackend(), { clock });
    await otherServer.activate();
    await otherServer.chat.restore();
    expect(otherServer.chat.conversation.value?.id).to.equal(conversation?.id);
    await waitUntil(() => otherServer.chat.connection.value === 'closed', 'gave up on a refused token');
    // A reconnect would be a timer; running them all now would start it, and connecting says so at once.
    clock.runPending();
    expect(otherServer.chat.connection.value).to.equal('closed');
  });

  it('keeps working from memory when IndexedDB is unavailable, and says so once', async () => {
    const client = createKefu({
      backend,
      network: phone.network,
      locale: 'en',
      storage: () => {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    });
    await client.activate();
    expect(client.connectivity.storageMode.value).to.equal('memory');
    expect(client.connectivity.storageFailure.value?.code).to.equal('storage');
    const order = await client.orders.lookup(ana);
    const item = await client.returns.submit({
      orderId: order!.id,
      items: [{ itemId: order!.items[0]!.id, quantity: 1, reason: 'too_small', photoIds: [] }],
      resolution: 'refund',
    });
    expect((await client.outbox.whenSettled(item.id)).status).to.equal('sent');
    client.dispose();
  });

  it('shows an agent message sent while the stream was down, even after the outbox delivered a later one', async () => {
    const { backend: memory, controls } = createMemoryBackendWithControls({ simulateAgent: false });
    let streamDown = false;
    let dropStream: (() => void) | undefined;
    const flaky: KefuBackend = {
      ...memory,
      openChatStream(id, token, handlers) {
        if (streamDown) {
          setTimeout(() => handlers.onConnection('closed', 'dropped'), 0);
          return { close() {} };
        }
        const inner = memory.openChatStream(id, token, handlers);
        dropStream = () => {
          inner.close();
          handlers.onConnection('closed', 'dropped');
        };
        return inner;
      },
    };
    const client = phone.open(flaky);
    await client.activate();
    const conversation = await client.chat.start({ name: 'Ana', email: ana.email, topic: 'Delivery' });
    await waitUntil(() => client.chat.connection.value === 'open');
    controls.agentJoin(conversation!.id, 'Mei');
    await waitUntil(() => client.chat.conversation.value?.agentName === 'Mei');

    streamDown = true;
    dropStream!();
    controls.agentSend(conversation!.id, 'Your parcel left Lyon this morning.');
    await client.chat.send('Thank you!');
    await waitUntil(() => client.chat.transcript.value.find((entry) => entry.text === 'Thank you!')?.state === 'sent');

    // The stream comes back; the browser's online event reconnects at once.
    streamDown = false;
    phone.network.set(false);
    phone.network.set(true);
    await waitUntil(() => client.chat.connection.value === 'open', 'reconnected');
    await waitUntil(
      () => client.chat.transcript.value.some((entry) => entry.text === 'Your parcel left Lyon this morning.'),
      'the agent message sent while the stream was down',
    );
    const texts = client.chat.transcript.value.map((entry) => entry.text);
    expect(texts.indexOf('Your parcel left Lyon this morning.')).to.be.lessThan(texts.indexOf('Thank you!'));
    controls.dispose();
  });

  it('forgets everything it stored', async () => {
    const client = phone.open(backend);
    await client.activate();
    await client.orders.lookup(ana);
    await client.faq.sync();
    expect(phone.disk.entries.size).to.be.greaterThan(0);
    await client.forget();
    expect(phone.disk.entries.size).to.equal(0);
  });

  it('forgets a live conversation too: nothing of it is written back afterwards, and it is gone on screen', async () => {
    const { backend: memory, controls } = createMemoryBackendWithControls({ simulateAgent: false });
    const clock = createHurryingClock();
    const client = phone.open(memory, { clock });
    await client.activate();
    const conversation = await client.chat.start({ name: 'Ana', email: ana.email, topic: 'Delivery' });
    await waitUntil(() => client.chat.connection.value === 'open');
    // A message from the stream is written to storage a moment later (writes are coalesced)...
    controls.agentJoin(conversation!.id, 'Mei');
    controls.agentSend(conversation!.id, 'Your parcel left Lyon this morning.');
    await waitUntil(() => client.chat.transcript.value.some((entry) => entry.author === 'agent'));
    // ...and the shopper asks Kefu to forget this device before it is. Whatever write was still
    // pending runs now, as if its moment had come.
    await client.forget();
    clock.runPending();
    await Promise.resolve();
    expect([...phone.disk.entries.keys()]).to.not.include('cache/conversation');
    expect(client.chat.conversation.value).to.equal(undefined);
    expect(client.chat.connection.value).to.not.equal('open');
    // The agent's next message reaches nobody here: a stream still open gets it, and by then the
    // forgotten one would have had it too.
    const heard: string[] = [];
    let listening!: () => void;
    const listens = new Promise<void>((resolve) => (listening = resolve));
    const listener = memory.openChatStream(conversation!.id, conversation!.token, {
      onEvent: (event) => event.type === 'message' && heard.push(event.message.text),
      onConnection: (state) => state === 'open' && listening(),
    });
    await listens;
    controls.agentSend(conversation!.id, 'Anything else?');
    await waitUntil(() => heard.includes('Anything else?'), 'the message on an open stream');
    listener.close();
    expect(client.chat.transcript.value).to.deep.equal([]);
    expect([...phone.disk.entries.keys()]).to.not.include('cache/conversation');
    controls.dispose();
  });
});
