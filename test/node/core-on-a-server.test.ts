// createKefu() on a server (issue 30): a server-rendered React or Vue app makes a client for every
// request. Node has no window, document or IndexedDB, so creating one must not reach for them, and
// nothing may outlive the request: no timer, listener or BroadcastChannel that keeps the process
// busy or piles up per request. Browser work starts on the shopper's intent (activate), in a browser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createKefu, type KefuOptions } from '@kefu/core';

/** What keeps this Node process alive (timers, sockets, message ports), by kind. */
const activeResources = () => [...process.getActiveResourcesInfo()].sort();

const clients: Record<string, KefuOptions> = {
  'over HTTP': { apiBase: 'https://shop.example/kefu/v1', locale: 'zh-CN' },
  'on the demo store': {},
};

describe('createKefu() in Node, as a server renders', () => {
  it('has no window, document or IndexedDB to reach for here', () => {
    for (const name of ['window', 'document', 'indexedDB', 'localStorage', 'location', 'history'])
      assert.equal(name in globalThis, false, `${name} is a browser's`);
  });

  for (const [label, options] of Object.entries(clients)) {
    it(`creates a client ${label} without touching the browser, and holds nothing open`, () => {
      const before = activeResources();
      const client = createKefu(options);
      try {
        assert.deepEqual(activeResources(), before, 'no timer, listener or channel left running');
        // What a component reads while it renders on the server: the stores' first state.
        assert.equal(client.connectivity.online.value, true);
        assert.deepEqual(client.orders.current.value, { status: 'idle' });
        assert.equal(typeof client.session.locale.value, 'string');
        if (options.locale) assert.equal(client.session.locale.value, options.locale);
      } finally {
        client.dispose();
      }
      assert.deepEqual(activeResources(), before);
    });
  }

  it('creates and disposes a client per request, as a server does, without keeping any', () => {
    const before = activeResources();
    for (let request = 0; request < 20; request += 1) createKefu({ apiBase: '/v1' }).dispose();
    for (let request = 0; request < 20; request += 1) createKefu({ apiBase: '/v1' });
    assert.deepEqual(activeResources(), before, 'a client a server forgets to dispose holds nothing either');
  });
});
