import { expect, waitUntil } from '@open-wc/testing';
import { createKefu, type KefuClient, type KefuOptions } from '../client.js';
import { createMemoryBackend, createMemoryBackendWithControls } from '../adapters/memory/memory-backend.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createIdbStorage } from '../storage/idb-storage.js';
import { manualNetworkStatus } from '../ports/network.js';
import type { KefuBackend } from '../ports/backend.js';
import type { KeyValueStorage } from '../ports/storage.js';
import { manualPageLocation } from '../faq/page-location.js';
import { createFaqIndex } from '../search/faq-index.js';
import { faqQueryTable } from '../search/faq-queries.test-data.js';
import { demoArticles } from '../seed/articles.js';

/** Counts the calls a client makes, to prove that an offline search never asks the network. */
function counting(backend: KefuBackend) {
  const calls: string[] = [];
  const wrapped = new Proxy(backend, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { backend: wrapped, calls };
}

const localeOf = (articleId: string) => (articleId.startsWith('zh-') ? 'zh-CN' : 'en');

describe('the FAQ store', () => {
  const clients: KefuClient[] = [];
  function open(options: KefuOptions & { storage: () => KeyValueStorage }) {
    const client = createKefu({ faq: { pageLocation: manualPageLocation('/') }, ...options });
    clients.push(client);
    return client;
  }
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });

  describe('answers the query table', () => {
    const disk = createMemoryStorage();
    const network = manualNetworkStatus(true);
    const counted = counting(createMemoryBackend({ latencyMs: 1 }));
    const byLocale: Record<string, KefuClient> = {};

    async function ready(locale: string) {
      const client = open({ backend: counted.backend, storage: () => disk, network, locale });
      await client.activate(); // the shopper's intent: from now on the cache is on disk
      await client.faq.loadIndex();
      expect(client.faq.index.value.status).to.equal('ready');
      byLocale[locale] = client;
      return client;
    }

    it('online: syncs the articles and builds the index (loaded on demand)', async () => {
      const en = await ready('en');
      const zh = await ready('zh-CN');
      expect(en.faq.index.value.size).to.equal(demoArticles.filter((a) => a.locale === 'en').length);
      expect(zh.faq.index.value.size).to.equal(demoArticles.filter((a) => a.locale === 'zh-CN').length);
    });

    for (const [query, expected, within = 3] of faqQueryTable) {
      it(`online: “${query}” → ${expected}`, () => {
        const client = byLocale[localeOf(expected)]!;
        expect(client.faq.search(query, { limit: within }).map((hit) => hit.article.id)).to.include(expected);
      });
    }

    it('offline after a reload: a new client on the same storage builds the index from the cache', async () => {
      for (const client of clients.splice(0)) client.dispose();
      network.set(false);
      counted.calls.length = 0;
      await ready('en');
      await ready('zh-CN');
      expect(counted.calls).to.deep.equal([]);
    });

    for (const [query, expected, within = 3] of faqQueryTable) {
      it(`offline: “${query}” → ${expected}`, () => {
        const client = byLocale[localeOf(expected)]!;
        expect(client.faq.search(query, { limit: within }).map((hit) => hit.article.id)).to.include(expected);
      });
    }
  });

  it('searches offline from IndexedDB after a reload, with a cached index for a large help centre', async () => {
    const databaseName = `kefu-faq-test-${Math.random()}`;
    const backend = createMemoryBackend({ latencyMs: 1 });
    const options = { backend, locale: 'zh-CN', faq: { cacheIndexAbove: 10, pageLocation: manualPageLocation() } };
    const first = open({ ...options, storage: () => createIdbStorage(databaseName) });
    await first.activate();
    await first.faq.loadIndex();
    await waitUntil(async () => (await createIdbStorage(databaseName).get('cache/search-index/zh-CN')) !== undefined);
    first.dispose();

    const offline = counting(backend);
    const second = open({
      ...options,
      backend: offline.backend,
      network: manualNetworkStatus(false),
      storage: () => createIdbStorage(databaseName),
    });
    await second.activate();
    await second.faq.loadIndex();
    expect(second.faq.search('如何退货', { limit: 3 }).map((hit) => hit.article.id)).to.include(
      'zh-returns-how-to-start',
    );
    expect(offline.calls).to.deep.equal([]);
  });

  it('keeps the index current through delta sync: new, changed and deleted articles', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 1 });
    const client = open({ backend, storage: () => createMemoryStorage(), locale: 'en' });
    await client.faq.loadIndex(createFaqIndex);
    expect(client.faq.search('kayak')).to.deep.equal([]);
    const version = client.faq.index.value.version;

    const base = demoArticles.find((article) => article.id === 'en-returns-how-to-start')!;
    controls.upsertArticle({ ...base, id: 'en-kayak', title: 'Can I return a kayak?', tags: ['kayak'] });
    controls.deleteArticle('en-payment-gift-cards');
    await client.faq.sync();

    expect(client.faq.index.value.version).to.be.above(version);
    expect(client.faq.search('kayak').map((hit) => hit.article.id)).to.deep.equal(['en-kayak']);
    expect(client.faq.search('gift card').map((hit) => hit.article.id)).not.to.include('en-payment-gift-cards');
  });

  it('suggests up to five articles for the page, follows navigation, and takes the host’s choice', async () => {
    const page = manualPageLocation('/cart');
    const client = open({
      backend: createMemoryBackend({ latencyMs: 1 }),
      storage: () => createMemoryStorage(),
      locale: 'en',
      faq: { pageLocation: page },
    });
    await client.faq.loadIndex();
    const ids = () => client.faq.suggestions.value.map((article) => article.id);
    expect(ids()).to.include('en-shipping-costs');
    expect(ids().length).to.be.within(1, 5);

    page.go('/orders/MM-1004');
    expect(ids()).to.include('en-shipping-track-order');
    expect(ids()).not.to.include('en-shipping-costs');

    client.faq.suggest(['en-payment-gift-cards', 'missing', 'en-account-password-reset']);
    expect(ids()).to.deep.equal(['en-payment-gift-cards', 'en-account-password-reset']);
    client.faq.suggest('charged twice');
    expect(ids()[0]).to.equal('en-payment-charged-twice');
    expect(ids().length).to.be.at.most(5);

    page.go('/');
    expect(ids()).to.deep.equal([]);
  });

  it('asks the server too above the size limit, adding only what the local index did not find', async () => {
    const counted = counting(createMemoryBackend({ latencyMs: 1 }));
    const small = open({ backend: counted.backend, storage: () => createMemoryStorage(), locale: 'en' });
    await small.faq.loadIndex();
    expect(small.faq.searchesServer.value).to.equal(false);
    expect(await small.faq.searchServer('return')).to.deep.equal([]);
    expect(counted.calls).not.to.include('searchArticles');

    const large = open({
      backend: counted.backend,
      storage: () => createMemoryStorage(),
      locale: 'en',
      faq: { serverSearchAbove: 10, pageLocation: manualPageLocation() },
    });
    await large.faq.loadIndex();
    expect(large.faq.searchesServer.value).to.equal(true);
    const local = large.faq.search('e', { limit: 3 }).map((hit) => hit.article.id);
    const server = await large.faq.searchServer('e', { limit: 3 });
    expect(counted.calls).to.include('searchArticles');
    expect(server.length).to.be.above(0);
    for (const hit of server) expect(local).not.to.include(hit.article.id);
  });

  describe('a large help centre: the index is built in a Web Worker', () => {
    const NativeWorker = globalThis.Worker;
    /** Workers started (their URLs) and those that answered; `held` keeps every message to them until `release()`. */
    let started: string[] = [];
    let answered = new Set<Worker>();
    let held: (() => void)[] | undefined;
    function release() {
      for (const send of held?.splice(0) ?? []) send();
      held = undefined;
    }
    class ObservedWorker extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
        this.addEventListener('message', () => answered.add(this));
      }
      override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
        if (held) held.push(() => super.postMessage(message, transfer as StructuredSerializeOptions));
        else super.postMessage(message, transfer as StructuredSerializeOptions);
      }
    }
    beforeEach(() => {
      started = [];
      answered = new Set();
      globalThis.Worker = ObservedWorker;
    });
    afterEach(() => {
      release();
      globalThis.Worker = NativeWorker;
    });

    /** Every locale's client: the index built in a worker (above 10 articles) or on the main thread. */
    function clientFor(locale: string, indexInWorkerAbove: number, backend = createMemoryBackend({ latencyMs: 1 })) {
      return open({
        backend,
        storage: () => createMemoryStorage(),
        locale,
        faq: { indexInWorkerAbove, pageLocation: manualPageLocation() },
      });
    }

    it('answers the query table exactly as the main-thread build does', async () => {
      for (const locale of ['en', 'zh-CN']) {
        const inWorker = clientFor(locale, 10);
        const onMainThread = clientFor(locale, Infinity);
        await Promise.all([inWorker.faq.loadIndex(), onMainThread.faq.loadIndex()]);
        expect(inWorker.faq.index.value).to.include({ status: 'ready' });
        expect(inWorker.faq.index.value.size).to.equal(onMainThread.faq.index.value.size);
        for (const [query, expected] of faqQueryTable.filter(([, id]) => localeOf(id) === locale)) {
          const fromWorker = inWorker.faq.search(query).map((hit) => [hit.article.id, hit.score.toFixed(6)]);
          expect(fromWorker, query).to.deep.equal(
            onMainThread.faq.search(query).map((hit) => [hit.article.id, hit.score.toFixed(6)]),
          );
          expect(fromWorker.map(([id]) => id)).to.include(expected);
        }
      }
      // One worker per help centre, and each answered: neither index was built on the main thread.
      expect(started).to.have.length(2);
      expect(started[0]).to.match(/faq-index-worker\.js$/);
      expect(answered.size).to.equal(2);
    });

    it('answers from titles and tags while the worker builds', async () => {
      held = [];
      const client = clientFor('en', 10);
      const loading = client.faq.loadIndex();
      await waitUntil(() => started.length === 1 && client.faq.index.value.status === 'loading');
      const hits = client.faq.search('refund');
      expect(hits.length).to.be.above(0);
      for (const { article } of hits) expect(`${article.title} ${article.tags.join(' ')}`).to.match(/refund/i);
      release();
      await loading;
      expect(client.faq.index.value.status).to.equal('ready');
      expect(answered.size).to.equal(1);
      // The index finds what titles alone could not: words in the body, and typos.
      expect(client.faq.search('refnud').length).to.be.above(0);
    });

    it('puts an article that changed during the build into the index it lands', async () => {
      held = [];
      const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 1 });
      const client = clientFor('en', 10, backend);
      const loading = client.faq.loadIndex();
      await waitUntil(() => started.length === 1);
      const base = demoArticles.find((article) => article.id === 'en-returns-how-to-start')!;
      controls.upsertArticle({ ...base, id: 'en-kayak', title: 'Can I return a kayak?', tags: ['kayak'] });
      const syncing = client.faq.sync();
      await waitUntil(() => started.length === 2);
      release();
      await Promise.all([loading, syncing]);
      // The first build was given up for the second, which had the kayak.
      expect(answered.size).to.equal(1);
      expect(client.faq.search('kayak').map((hit) => hit.article.id)).to.deep.equal(['en-kayak']);
    });

    it('caches the index the worker built: after a reload, offline, it is restored without a worker', async () => {
      const databaseName = `kefu-faq-worker-test-${Math.random()}`;
      const backend = createMemoryBackend({ latencyMs: 1 });
      const faq = { indexInWorkerAbove: 10, cacheIndexAbove: 10, pageLocation: manualPageLocation() };
      const first = open({ backend, locale: 'zh-CN', faq, storage: () => createIdbStorage(databaseName) });
      await first.activate();
      await first.faq.loadIndex();
      await waitUntil(async () => (await createIdbStorage(databaseName).get('cache/search-index/zh-CN')) !== undefined);
      const online = faqQueryTable
        .filter(([, id]) => localeOf(id) === 'zh-CN')
        .map(([query]) => first.faq.search(query).map((hit) => hit.article.id));
      first.dispose();
      expect(started).to.have.length(1);

      const offline = counting(backend);
      const second = open({
        backend: offline.backend,
        network: manualNetworkStatus(false),
        locale: 'zh-CN',
        faq,
        storage: () => createIdbStorage(databaseName),
      });
      await second.activate();
      await second.faq.loadIndex();
      expect(started).to.have.length(1);
      expect(offline.calls).to.deep.equal([]);
      const restored = faqQueryTable
        .filter(([, id]) => localeOf(id) === 'zh-CN')
        .map(([query]) => second.faq.search(query).map((hit) => hit.article.id));
      expect(restored).to.deep.equal(online);
    });

    it('builds on the main thread when no worker can start (a CSP or Trusted Types refusal)', async () => {
      globalThis.Worker = class RefusedWorker extends NativeWorker {
        constructor() {
          super('data:,');
          throw new DOMException('Refused to create a worker', 'SecurityError');
        }
      };
      const client = clientFor('zh-CN', 10);
      await client.faq.loadIndex();
      expect(client.faq.index.value.status).to.equal('ready');
      for (const [query, expected, within = 3] of faqQueryTable.filter(([, id]) => localeOf(id) === 'zh-CN')) {
        expect(
          client.faq.search(query, { limit: within }).map((hit) => hit.article.id),
          query,
        ).to.include(expected);
      }
    });

    it('builds on the main thread when the worker script does not load', async () => {
      globalThis.Worker = class MissingWorker extends NativeWorker {
        constructor(_url: string | URL, options?: WorkerOptions) {
          super('/no-such-worker.js', options);
        }
      };
      const client = clientFor('en', 10);
      await client.faq.loadIndex();
      expect(client.faq.index.value.status).to.equal('ready');
      expect(client.faq.search('gift card', { limit: 3 }).map((hit) => hit.article.id)).to.include(
        'en-payment-gift-cards',
      );
    });
  });

  it('sends “was this helpful” through the outbox', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 1 });
    const client = open({ backend, storage: () => createMemoryStorage(), locale: 'en' });
    await client.activate();
    await client.faq.sendFeedback('en-shipping-costs', false);
    await waitUntil(() => controls.feedback().length === 1);
    expect(controls.feedback()[0]).to.include({ articleId: 'en-shipping-costs', helpful: false });
  });
});
