import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Order, OrderAccess, StoreConfig } from '@kefu/core';
import { type RunningServer } from '../server.js';
import { call, startTestServer } from './test-helpers.js';

describe('GET /v1/config', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ port: 0 });
  });
  after(() => server.close());

  it('gives the store’s contact channels: an e-mail address and a phone line', async () => {
    const config = (await call<StoreConfig>(`${server.origin}/v1`, 'GET', '/config')).body;
    assert.deepEqual(config.contact, {
      email: 'help@maple-and-moss.example',
      phone: { number: '+33 1 23 45 67 89' },
    });
    // The phone's hours are the store's business hours, in the store's timezone.
    assert.equal(config.businessHours.timezone, 'Europe/Paris');
  });

  it('gives the return reasons of each product category, and order items their category', async () => {
    const base = `${server.origin}/v1`;
    const config = (await call<StoreConfig>(base, 'GET', '/config')).body;
    const { reasonsByCategory, defaultReasons } = config.returnPolicy;
    assert.ok(reasonsByCategory?.['apparel']?.includes('too_small'));
    assert.ok(!reasonsByCategory?.['tableware']?.includes('too_small'));
    assert.ok(defaultReasons && !defaultReasons.includes('too_small'));

    const access = (
      await call<OrderAccess>(base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1003', email: 'lena.schmidt@example.com' },
      })
    ).body;
    const order: Order = access.order;
    assert.equal(order.items.find((item) => item.id === 'item_1003_2')?.category, 'tableware');
  });
});
