import { expect, waitUntil } from '@open-wc/testing';
import { createKefu } from '../client.js';
import { createMemoryBackend } from '../adapters/memory/memory-backend.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { manualNetworkStatus } from '../ports/network.js';
import { systemClock } from '../ports/clock.js';
import type { KefuBackend } from '../ports/backend.js';

const ana = { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' };
const tenMinutes = 10 * 60_000;

/** A visit ten minutes ago that looked Ana's order up; returns the device's storage. */
async function earlierVisit(backend: KefuBackend) {
  const disk = createMemoryStorage();
  const earlier = createKefu({
    backend,
    storage: () => disk,
    clock: { ...systemClock, now: () => Date.now() - tenMinutes },
    network: manualNetworkStatus(true),
  });
  await earlier.activate();
  await earlier.orders.lookup(ana);
  earlier.dispose();
  return disk;
}

describe('orders store', () => {
  it('shows the cached order offline and refreshes it as soon as the shopper is back online', async () => {
    const memory = createMemoryBackend();
    let fetches = 0;
    const backend: KefuBackend = { ...memory, getOrder: (id, options) => (fetches++, memory.getOrder(id, options)) };
    const disk = await earlierVisit(backend);
    const network = manualNetworkStatus(false);
    const client = createKefu({ backend, storage: () => disk, network });
    await client.activate();

    await client.orders.restoreLast();
    const cached = client.orders.current.value;
    expect(cached.data?.number).to.equal('MM-1004');
    expect(Date.now() - cached.updatedAt!).to.be.greaterThan(tenMinutes - 1000);
    expect(fetches).to.equal(0);

    network.set(true);
    await waitUntil(() => client.orders.current.value.status === 'ready' && fetches === 1, 'refreshed');
    expect(Date.now() - client.orders.current.value.updatedAt!).to.be.lessThan(5000);

    // Going offline and online again does not fetch a fresh order again.
    network.set(false);
    network.set(true);
    // A refresh would read the order's token first, then fetch. Reading the return token reads
    // that same token after one more read of the same storage: once it is back, a refresh started
    // by coming online would have fetched already.
    await client.orders.returnTokenFor(client.orders.current.value.data!.id);
    expect(fetches).to.equal(1);
    client.dispose();
  });

  it('opens one of a signed-in shopper’s orders and remembers it for the next visit', async () => {
    const backend = createMemoryBackend();
    const disk = createMemoryStorage();
    const client = createKefu({ backend, storage: () => disk, identityToken: 'identity:cus_ana' });
    await client.activate();
    await client.orders.loadMine();
    const mine = client.orders.mine.value.data!;
    expect(mine.map((order) => order.number)).to.deep.equal(['MM-1001', 'MM-1004']);

    await client.orders.open(mine[1]!.id);
    expect(client.orders.current.value.data?.number).to.equal('MM-1004');
    client.dispose();

    const next = createKefu({ backend, storage: () => disk });
    await next.activate();
    await next.orders.restoreLast();
    expect(next.orders.current.value.data?.number).to.equal('MM-1004');
    next.dispose();
  });

  it('keeps the email of a lookup that found the order, in memory only, for the pre-chat form', async () => {
    const disk = createMemoryStorage();
    const client = createKefu({ backend: createMemoryBackend(), storage: () => disk });
    await client.activate();
    // An address that found nothing may be a typo: not kept.
    await client.orders.lookup({ orderNumber: ana.orderNumber, email: 'ana@example.org' });
    expect(client.orders.lookupEmail.value).to.equal(undefined);

    await client.orders.lookup(ana);
    expect(client.orders.lookupEmail.value).to.equal(ana.email);
    expect(client.chat.contact.value.email).to.equal(ana.email);
    // A later lookup by postal code does not make the shopper's address unknown.
    await client.orders.lookup({ orderNumber: 'MM-1001', postalCode: '75011' });
    expect(client.orders.current.value.data?.number).to.equal('MM-1001');
    expect(client.chat.contact.value.email).to.equal(ana.email);
    // The order is cached, the address is not.
    expect(disk.entries.size).to.be.greaterThan(0);
    expect(JSON.stringify([...disk.entries.values()])).not.to.contain(ana.email);

    // Another shopper signs in: not theirs to see.
    client.session.identify('identity:cus_oliver');
    expect(client.orders.lookupEmail.value).to.equal(undefined);
    expect(client.chat.contact.value.email).to.equal(undefined);
    client.dispose();
  });
});
