import { expect, waitUntil } from '@open-wc/testing';
import { createKefu, type KefuClient } from '../client.js';
import { createMemoryBackendWithControls } from '../adapters/memory/memory-backend.js';
import { manualNetworkStatus } from '../ports/network.js';
import type { KefuBackend } from '../ports/backend.js';

const shopper = { name: 'Ana Garcia', email: 'ana.garcia@example.com', topic: 'My refund' };
const anaToken = 'identity:cust_ana';

/**
 * A signed-in shopper's chat history across devices: each device is its own IndexedDB database,
 * so the second one starts with nothing stored and learns everything from the server.
 */
describe('chat store: a signed-in shopper’s conversations on every device', () => {
  const clients: KefuClient[] = [];
  const databases: string[] = [];
  let backend: KefuBackend;
  let controls: ReturnType<typeof createMemoryBackendWithControls>['controls'];

  beforeEach(() => {
    ({ backend, controls } = createMemoryBackendWithControls({ simulateAgent: false, latencyMs: 2 }));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.dispose();
    controls.dispose();
    // A fresh device next time: nothing from this test stays in IndexedDB.
    for (const name of databases.splice(0)) {
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    }
  });

  /** A browser of its own (its own IndexedDB database); opening it again is a reload. */
  function device(name: string) {
    const databaseName = `kefu-chat-store-test-${name}-${crypto.randomUUID()}`;
    databases.push(databaseName);
    return {
      async open(identityToken?: string) {
        const client = createKefu({
          backend,
          databaseName,
          network: manualNetworkStatus(true),
          locale: 'en',
          ...(identityToken ? { identityToken } : {}),
        });
        clients.push(client);
        await client.activate();
        return client;
      },
    };
  }

  const texts = (client: KefuClient) => client.chat.transcript.value.map((entry) => entry.text);

  it('lists the conversation started on the phone on the laptop, which resumes it and chats on', async () => {
    const phone = await device('phone').open(anaToken);
    const started = await phone.chat.start({ ...shopper, message: 'Where is my refund?' });
    expect(started).to.not.equal(undefined);
    await phone.chat.send('It was for order MM-1004.');
    await waitUntil(() => phone.chat.transcript.value.every((entry) => entry.state === 'sent'), 'sent from the phone');

    const laptopDevice = device('laptop');
    const laptop = await laptopDevice.open(anaToken);
    await laptop.chat.restore();
    expect(laptop.chat.conversation.value, 'nothing stored on the laptop').to.equal(undefined);
    expect(laptop.chat.recent.value).to.deep.equal([]);
    await laptop.chat.loadRecent();
    expect(laptop.chat.history.value.status).to.equal('ready');
    const [listed] = laptop.chat.recent.value;
    expect(listed).to.include({ id: started!.id, status: 'queued', topic: 'My refund' });
    expect(listed!.lastMessage).to.include({ author: 'shopper', text: 'It was for order MM-1004.' });

    const resumed = await laptop.chat.resume(started!.id);
    expect(resumed.ok).to.equal(true);
    expect(laptop.chat.conversation.value).to.include({ id: started!.id, token: '' });
    expect(texts(laptop)).to.deep.equal(['Where is my refund?', 'It was for order MM-1004.']);
    await waitUntil(() => laptop.chat.connection.value === 'open', 'the laptop live');

    // Both devices see what the other sends, and the agent reaches both.
    await laptop.chat.send('Sending from my laptop now.');
    await waitUntil(() => texts(phone).includes('Sending from my laptop now.'), 'the laptop’s message on the phone');
    controls.agentJoin(started!.id, 'Mei');
    controls.agentSend(started!.id, 'Your refund left yesterday.');
    await waitUntil(() => texts(laptop).includes('Your refund left yesterday.'), 'the agent on the laptop');
    await waitUntil(() => texts(phone).includes('Your refund left yesterday.'), 'the agent on the phone');
    expect(laptop.chat.recent.value[0]).to.include({ id: started!.id, status: 'open', agentName: 'Mei' });

    // The laptop reloads: the conversation comes back from its cache, live again with the identity token.
    laptop.dispose();
    const reloaded = await laptopDevice.open(anaToken);
    await reloaded.chat.restore();
    expect(reloaded.chat.conversation.value?.id).to.equal(started!.id);
    expect(texts(reloaded)).to.include('Your refund left yesterday.');
    await waitUntil(() => reloaded.chat.connection.value === 'open', 'live after the reload');
  });

  it('lists two past conversations newest first, and opens an ended one to read', async () => {
    const phone = await device('phone').open(anaToken);
    const first = await phone.chat.start({ ...shopper, topic: 'A late parcel', message: 'My parcel is late.' });
    controls.agentJoin(first!.id, 'Mei');
    controls.agentSend(first!.id, 'It is on its way.');
    controls.closeAsAgent(first!.id);
    const second = await phone.chat.start({ ...shopper, topic: 'Sizes', message: 'Do you have it in M?' });

    const laptop = await device('laptop').open(anaToken);
    await laptop.chat.loadRecent();
    expect(laptop.chat.recent.value.map((item) => [item.id, item.status])).to.deep.equal([
      [second!.id, 'queued'],
      [first!.id, 'closed'],
    ]);
    expect(laptop.chat.recent.value[1]!.unread).to.equal(1);

    const opened = await laptop.chat.resume(first!.id);
    expect(opened.ok).to.equal(true);
    expect(texts(laptop)).to.deep.equal(['My parcel is late.', 'It is on its way.']);
    expect(laptop.chat.conversation.value?.status).to.equal('closed');
    // An ended conversation is read, not joined: no stream.
    expect(laptop.chat.connection.value).to.not.equal('open');
    expect(laptop.chat.unread.value).to.equal(1);
    await laptop.chat.markRead();
    expect(laptop.chat.unread.value).to.equal(0);
  });

  it('forgets a conversation only the shopper’s identity opened when they sign out, and shows it to nobody after', async () => {
    const phone = await device('phone').open(anaToken);
    const started = await phone.chat.start({ ...shopper, message: 'Private question' });
    const laptopDevice = device('laptop');
    const laptop = await laptopDevice.open(anaToken);
    await laptop.chat.loadRecent();
    expect((await laptop.chat.resume(started!.id)).ok).to.equal(true);

    laptop.session.identify(undefined);
    expect(laptop.chat.conversation.value).to.equal(undefined);
    expect(laptop.chat.recent.value).to.deep.equal([]);

    const nextVisitor = await laptopDevice.open();
    await nextVisitor.chat.restore();
    expect(nextVisitor.chat.conversation.value).to.equal(undefined);
    await nextVisitor.chat.loadRecent();
    expect(nextVisitor.chat.history.value.status).to.equal('idle');
  });

  it('refuses to resume a conversation that is not in the shopper’s list, or without an identity', async () => {
    const bo = await device('bo').open('identity:cust_bo');
    await bo.chat.loadRecent();
    const unknown = await bo.chat.resume('conv_1');
    expect(unknown.ok).to.equal(false);
    expect(!unknown.ok && unknown.error.code).to.equal('not_found');
    expect(bo.chat.conversation.value).to.equal(undefined);
  });

  it('shows an anonymous shopper the one conversation this device has, and asks the server nothing', async () => {
    const visitor = await device('visitor').open();
    const started = await visitor.chat.start({ ...shopper, message: 'Hello' });
    await visitor.chat.loadRecent();
    expect(visitor.chat.history.value.status).to.equal('idle');
    expect(visitor.chat.recent.value).to.have.length(1);
    expect(visitor.chat.recent.value[0]).to.include({ id: started!.id, status: 'queued', topic: 'My refund' });
    await waitUntil(
      () => visitor.chat.recent.value[0]!.lastMessage?.text === 'Hello',
      'the first message in the preview',
    );
    const anonymous = await backend.listConversations({}, { token: started!.token }).catch((error: unknown) => error);
    expect(anonymous).to.have.property('code', 'unauthorized');
  });
});

describe('chat store: where the conversation stands, from the conversation itself', () => {
  it('is with the agent once an agent message arrives, joined or not, and names them', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ simulateAgent: false, latencyMs: 2 });
    const client = createKefu({ backend, network: manualNetworkStatus(true), locale: 'en' });
    try {
      await client.activate();
      const started = await client.chat.start({ ...shopper, message: 'Hello' });
      await waitUntil(() => client.chat.connection.value === 'open', 'connected');
      expect(client.chat.stage.value).to.equal('queued');
      expect(client.chat.agentName.value).to.equal(undefined);
      // An agent answers without the join being seen (as after a catch-up): the message says who.
      controls.agentSend(started!.id, 'Hi, I am on it.');
      await waitUntil(() => client.chat.stage.value === 'with-agent', 'with the agent');
      expect(client.chat.agentName.value).to.equal('Mei');
      expect(client.chat.recent.value[0]).to.include({ status: 'open', agentName: 'Mei' });
      controls.closeAsAgent(started!.id);
      await waitUntil(() => client.chat.stage.value === 'closed', 'closed');
    } finally {
      client.dispose();
      controls.dispose();
    }
  });
});

describe('chat store: after a reload, the conversation as it stands now', () => {
  it('knows the agent joined while the page was closed, though they have not written yet', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ simulateAgent: false, latencyMs: 2 });
    const databaseName = `kefu-chat-store-test-reload-${crypto.randomUUID()}`;
    const open = async () => {
      const client = createKefu({ backend, databaseName, network: manualNetworkStatus(true), locale: 'en' });
      await client.activate();
      return client;
    };
    const first = await open();
    let reloaded: KefuClient | undefined;
    try {
      const started = await first.chat.start({ ...shopper, message: 'Hello' });
      await waitUntil(() => first.chat.connection.value === 'open', 'connected');
      expect(first.chat.stage.value).to.equal('queued');
      first.dispose();
      // Mei accepts the chat while the shopper's page reloads; she has not written anything yet.
      controls.agentJoin(started!.id, 'Mei');

      reloaded = await open();
      await reloaded.chat.restore();
      await waitUntil(() => reloaded!.chat.connection.value === 'open', 'live again');
      await waitUntil(() => reloaded!.chat.stage.value === 'with-agent', 'with the agent after the reload');
      expect(reloaded.chat.agentName.value).to.equal('Mei');
      expect(reloaded.chat.queue.value).to.equal(undefined);
    } finally {
      reloaded?.dispose();
      controls.dispose();
      indexedDB.deleteDatabase(databaseName);
    }
  });
});
