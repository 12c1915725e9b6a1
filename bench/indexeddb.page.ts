/**
 * The page side of bench/indexeddb.ts: Kefu's IndexedDB storage (idb-keyval underneath) and its
 * outbox, next to localStorage and a bare idb-keyval `set`, timed with performance.now().
 */
import { createStore, getMany, set } from 'idb-keyval';
import { createIdbStorage } from '../packages/core/src/storage/idb-storage.js';
import { createOutbox } from '../packages/core/src/outbox/outbox.js';
import { createMemoryBackend } from '../packages/core/src/adapters/memory/memory-backend.js';
import { systemClock } from '../packages/core/src/ports/clock.js';
import { manualNetworkStatus } from '../packages/core/src/ports/network.js';

const DATABASE = 'kefu-bench';
const key = (index: number) => `cache/orders/${index}`;

/** A record the size of a cached order (a few hundred bytes of JSON). */
const record = (index: number) => ({
  value: {
    number: `MM-${10000 + index}`,
    placedAt: '2026-11-02T10:15:00Z',
    status: 'shipped',
    items: [
      { sku: 'LIN-DUV-140', name: 'Linen duvet cover', quantity: 1, price: { amount: 12900, currency: 'EUR' } },
      { sku: 'STO-MUG-2', name: 'Stoneware mug, set of 2', quantity: 2, price: { amount: 3400, currency: 'EUR' } },
    ],
    shipment: { carrier: 'DHL', tracking: `JD0146000${index}`, events: 4 },
  },
  fetchedAt: 1_795_000_000_000 + index,
});

async function time<T>(work: () => Promise<T> | T): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const bench = {
  /** Writes `count` records to IndexedDB and to localStorage (then the page reloads). */
  async seed(count: number) {
    const storage = createIdbStorage(DATABASE);
    await Promise.all(Array.from({ length: count }, (_, index) => storage.set(key(index), record(index))));
    for (let index = 0; index < count; index += 1) localStorage.setItem(key(index), JSON.stringify(record(index)));
  },
  /** On a fresh page: one read, opening the database included; then localStorage's first read. */
  async firstRead() {
    const storage = createIdbStorage(DATABASE);
    const indexedDbMs = await time(() => storage.get(key(0)));
    const localStorageMs = await time(() => JSON.parse(localStorage.getItem(key(1)) ?? 'null') as unknown);
    return { indexedDbMs, localStorageMs };
  },
  /**
   * `count` records read at once from an open database through Kefu's storage (one get each, as the
   * cache reads); the same in one transaction (idb-keyval getMany); the same from localStorage.
   */
  async warmRead(count: number) {
    const storage = createIdbStorage(DATABASE);
    await storage.get(key(0));
    const keys = Array.from({ length: count }, (_, index) => key(index));
    const indexedDbMs = await time(() => Promise.all(keys.map((name) => storage.get(name))));
    const store = createStore(DATABASE, 'kv');
    await getMany([key(0)], store);
    const oneTransactionMs = await time(() => getMany(keys, store));
    const localStorageMs = await time(() =>
      Array.from({ length: count }, (_, index) => JSON.parse(localStorage.getItem(key(index)) ?? 'null') as unknown),
    );
    return { indexedDbMs, oneTransactionMs, localStorageMs };
  },
  /**
   * The outbox's enqueue (offline, so nothing is sent: what is timed is saving it) against a bare
   * idb-keyval set of the same item, both on an open database; median of `count` puts each.
   */
  async outboxPut(count: number) {
    const storage = createIdbStorage(`${DATABASE}-outbox`);
    await storage.get('warm-up');
    const outbox = createOutbox({
      backend: createMemoryBackend({ latencyMs: 0 }),
      storage,
      clock: systemClock,
      network: manualNetworkStatus(false),
      channelName: null,
    });
    const bare = createStore(`${DATABASE}-bare`, 'kv');
    await set('warm-up', 1, bare);
    const outboxMs: number[] = [];
    const bareMs: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const payload = {
        kind: 'csat',
        score: 4,
        comment: 'Quick answer',
        subject: { type: 'store', id: 'maple-moss' },
      } as const;
      outboxMs.push(await time(() => outbox.enqueue('survey', payload)));
      const item = {
        id: crypto.randomUUID(),
        kind: 'survey',
        payload,
        createdAt: Date.now(),
        attempts: 0,
        status: 'pending',
      };
      bareMs.push(await time(() => set(`outbox/${item.id}`, item, bare)));
    }
    outbox.dispose();
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    return { outboxMs: median(outboxMs), bareSetMs: median(bareMs) };
  },
};

declare global {
  interface Window {
    indexedDbBench: typeof bench;
  }
}
window.indexedDbBench = bench;
