/**
 * A page that runs the Kefu core against /v1 on its own origin, for end-to-end tests of what the
 * shopper submits: real reloads, real tabs, the browser's own offline mode.
 */
import { createKefu, type ReturnInput } from '@kefu/core';

const client = createKefu({
  apiBase: `${location.origin}/v1`,
  // The demo memory backend's identity tokens; the e2e fake server accepts any bearer token.
  identityToken: 'identity:cus_ana',
  databaseName: 'kefu-e2e',
});

const returnInput: ReturnInput = {
  orderId: 'ord_1004',
  items: [{ itemId: 'item_1004_1', quantity: 1, reason: 'too_small', photoIds: [] }],
  resolution: 'refund',
};

const harness = {
  ready: client.activate(),
  async submitReturn() {
    const item = await client.returns.submit(returnInput);
    return item.id;
  },
  items: () => client.outbox.items.value.map(({ id, kind, status, result }) => ({ id, kind, status, result })),
};

declare global {
  interface Window {
    kefuHarness: typeof harness;
  }
}
window.kefuHarness = harness;
