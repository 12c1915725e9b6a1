import { expect, waitUntil } from '@open-wc/testing';
import { effect } from '@preact/signals-core';
import type { KeyValueStorage } from '../ports/storage.js';
import { createMemoryStorage } from './memory-storage.js';
import { createIdbStorage } from './idb-storage.js';
import { createKefuStorage } from './kefu-storage.js';

/** Fails every call the way browsers do: missing IndexedDB, quota, a lost connection. */
function failingStorage(error: () => Error, failFrom: 'open' | 'set' | 'always' = 'always'): () => KeyValueStorage {
  return () => {
    if (failFrom === 'open') throw error();
    const working = createMemoryStorage();
    const fail = () => Promise.reject(error());
    return {
      ...working,
      set: fail,
      ...(failFrom === 'always' ? { get: fail, keys: fail, delete: fail, clear: fail } : {}),
    };
  };
}

const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const noIndexedDb = () => new ReferenceError('indexedDB is not defined');
const connectionLost = () => new DOMException('Connection to Indexed Database server lost.', 'UnknownError');

describe('Kefu storage', () => {
  let unhandled: unknown[];
  const onUnhandled = (event: PromiseRejectionEvent) => {
    unhandled.push(event.reason);
    event.preventDefault();
  };
  beforeEach(() => {
    unhandled = [];
    window.addEventListener('unhandledrejection', onUnhandled);
  });
  afterEach(async () => {
    // The browser reports unhandled rejections in order, after the task they happened in: once a
    // canary rejected now is reported, every rejection left unhandled before it has been too.
    const canary = new Error('canary: rejected on purpose, so the ones before it have been reported');
    void Promise.reject(canary);
    await waitUntil(() => unhandled.includes(canary), 'the canary rejection reported');
    window.removeEventListener('unhandledrejection', onUnhandled);
    expect(
      unhandled.filter((reason) => reason !== canary),
      'no unhandled rejection',
    ).to.deep.equal([]);
  });

  it('writes nothing to IndexedDB before the shopper interacts, then moves what it kept there', async () => {
    const name = `kefu-gate-${Date.now()}`;
    const storage = createKefuStorage({ persistent: () => createIdbStorage(name) });
    await storage.set('cache/config', { brand: 'x' });
    expect(storage.mode.value).to.equal('deferred');
    expect((await indexedDB.databases()).map((db) => db.name)).not.to.include(name);

    await storage.markInteraction();
    expect(storage.mode.value).to.equal('persistent');
    expect(await createIdbStorage(name).get('cache/config')).to.deep.equal({ brand: 'x' });
  });

  it('waits for the host’s consent as well as the interaction', async () => {
    let opened = 0;
    const storage = createKefuStorage({
      consent: 'pending',
      persistent: () => {
        opened += 1;
        return createMemoryStorage();
      },
    });
    await storage.markInteraction();
    expect(opened).to.equal(0);
    expect(storage.mode.value).to.equal('deferred');
    await storage.setConsent('granted');
    expect(opened).to.equal(1);
    expect(storage.mode.value).to.equal('persistent');
  });

  for (const [situation, make] of [
    ['IndexedDB is missing', failingStorage(noIndexedDb, 'open')],
    ['every write is over quota', failingStorage(quotaExceeded, 'set')],
    ['the connection is lost for good', failingStorage(connectionLost, 'always')],
  ] as const) {
    it(`keeps the shopper’s data in memory and says so once when ${situation}`, async () => {
      const storage = createKefuStorage({ persistent: make });
      const failures: unknown[] = [];
      const stop = effect(() => {
        if (storage.failure.value) failures.push(storage.failure.value);
      });
      await storage.markInteraction();
      await storage.set('outbox/1', { text: 'my return reason' });
      await storage.set('outbox/2', { text: 'another' });
      stop();
      expect(storage.mode.value).to.equal('memory');
      expect(failures).to.have.length(1);
      expect(failures[0]).to.have.property('code', 'storage');
      expect(await storage.get('outbox/1')).to.deep.equal({ text: 'my return reason' });
      expect(await storage.keys('outbox/')).to.have.members(['outbox/1', 'outbox/2']);
    });
  }

  it('reopens a lost connection once before giving up (Safari)', async () => {
    const backing = createMemoryStorage();
    let connections = 0;
    const storage = createKefuStorage({
      persistent: () => ({
        ...backing,
        set: (key: string, value: unknown) =>
          connections === 0 ? Promise.reject(connectionLost()) : backing.set(key, value),
        reopen: () => {
          connections += 1;
        },
      }),
    });
    await storage.markInteraction();
    await storage.set('cache/order', { number: 'MM-1004' });
    expect(storage.mode.value).to.equal('persistent');
    expect(storage.failure.value).to.equal(undefined);
    expect(await backing.get('cache/order')).to.deep.equal({ number: 'MM-1004' });
  });
});
