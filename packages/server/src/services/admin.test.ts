import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallbackRecord, CallbackSlot, Order, OrderAccess, ReturnRecord } from '@kefu/core';
import { ApiError } from '../errors.js';
import { call, serverForSuite, testClock } from '../routes/test-helpers.js';
import {
  approveReturn,
  findOrderByNumber,
  listCallbacks,
  listReturns,
  markCallback,
  rejectReturn,
  reopenCallback,
  surveyStats,
} from './admin.js';

const DAY_MS = 86_400_000;

/** The ApiError `work` throws. */
async function apiError(work: () => Promise<unknown>): Promise<ApiError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('admin services for the agent console', () => {
  const clock = testClock();
  const api = serverForSuite({ now: clock.now });

  it('lists callbacks with who to call, and records the outcome', async () => {
    const slot = (
      await call<{ slots: CallbackSlot[] }>(
        api.base,
        'GET',
        `/callbacks/slots?from=${new Date(clock.now()).toISOString()}&days=7`,
      )
    ).body.slots[0]!;
    const record = (
      await call<CallbackRecord>(api.base, 'POST', '/callbacks', {
        key: crypto.randomUUID(),
        body: {
          name: 'Ana',
          phone: '+33612345678',
          slot: slot.start,
          timezone: 'Europe/Paris',
          topic: 'Sizes',
          consent: true,
        },
      })
    ).body;
    const [listed] = await listCallbacks(api.server.services);
    assert.deepEqual(listed, {
      id: record.id,
      status: 'scheduled',
      slot: record.slot,
      createdAt: record.createdAt,
      name: 'Ana',
      phone: '+33612345678',
      timezone: 'Europe/Paris',
      topic: 'Sizes',
    });
    // Before the slot the shopper was given, no outcome can be recorded.
    assert.equal(
      (await apiError(() => markCallback(api.server.services, record.id, 'called'))).code,
      'callback_not_due',
    );
    const untilSlot = Date.parse(slot.start) - clock.now();
    clock.advance(untilSlot);
    try {
      assert.equal((await markCallback(api.server.services, record.id, 'no_answer')).status, 'no_answer');
      assert.equal((await markCallback(api.server.services, record.id, 'called')).status, 'called');
      assert.equal((await apiError(() => markCallback(api.server.services, record.id, 'called'))).status, 409);
      assert.equal((await reopenCallback(api.server.services, record.id)).status, 'scheduled');
      assert.equal((await apiError(() => reopenCallback(api.server.services, record.id))).code, 'callback_not_done');
      assert.equal(
        (await apiError(() => markCallback(api.server.services, 'cb_nope', 'called'))).code,
        'callback_not_found',
      );
    } finally {
      // The suite's other tests date their orders and surveys from the clock as it was.
      clock.advance(-untilSlot);
    }
  });

  it('lists returns with their order number, and approves or rejects requested ones', async () => {
    const access = (
      await call<OrderAccess>(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' },
      })
    ).body;
    const create = async (itemId: string) =>
      (
        await call<ReturnRecord>(api.base, 'POST', '/returns', {
          key: crypto.randomUUID(),
          token: access.accessToken,
          body: {
            orderId: 'ord_1004',
            resolution: 'refund',
            comment: 'Too warm',
            items: [{ itemId, quantity: 1, reason: 'changed_mind', photoIds: [] }],
          },
        })
      ).body;
    const first = await create('item_1004_1');
    const second = await create('item_1004_2');
    const listed = await listReturns(api.server.services);
    assert.deepEqual(
      listed.map((record) => [record.rma, record.orderNumber]),
      [
        [second.rma, 'MM-1004'],
        [first.rma, 'MM-1004'],
        ['RMA-3001', 'MM-1006'],
      ],
    );
    assert.equal(listed[0]!.comment, 'Too warm');

    const approved = await approveReturn(api.server.services, first.id, 'https://labels.example/RMA.pdf');
    assert.deepEqual(approved, { ...first, status: 'approved', labelUrl: 'https://labels.example/RMA.pdf' });
    const rejected = await rejectReturn(api.server.services, second.id, ' Worn. ');
    assert.equal(rejected.rejectionReason, 'Worn.');
    // The shopper sees the decisions on the return and on the order.
    const fetched = await call<ReturnRecord>(api.base, 'GET', `/returns/${first.id}`, { token: access.accessToken });
    assert.equal(fetched.body.labelUrl, 'https://labels.example/RMA.pdf');
    const order = (await call<Order>(api.base, 'GET', '/orders/ord_1004', { token: access.accessToken })).body;
    assert.deepEqual(
      order.returns.map((summary) => summary.status),
      ['approved', 'rejected'],
    );
    // The rejected item is returnable again (one more try, with what was missing); the approved one is not.
    const itemsById = new Map(order.items.map((item) => [item.id, item]));
    assert.equal(itemsById.get('item_1004_2')!.returnableQuantity, itemsById.get('item_1004_2')!.quantity);
    assert.equal(itemsById.get('item_1004_2')!.notReturnableReason, undefined);
    assert.equal(itemsById.get('item_1004_1')!.returnableQuantity, itemsById.get('item_1004_1')!.quantity - 1);

    assert.equal(
      (await apiError(() => approveReturn(api.server.services, first.id, 'https://x.example'))).code,
      'return_not_pending',
    );
    assert.equal(
      (await apiError(() => approveReturn(api.server.services, 'ret_nope', 'https://x.example'))).status,
      404,
    );
    assert.deepEqual(
      (await apiError(() => approveReturn(api.server.services, second.id, 'javascript:alert(1)'))).fields,
      {
        labelUrl: 'Enter the label’s http(s) address.',
      },
    );
    assert.equal((await apiError(() => rejectReturn(api.server.services, second.id, '  '))).status, 422);
  });

  it('sums up survey answers: CSAT and CES averages, NPS, day by day in the store’s timezone', async () => {
    const submit = (kind: string, score: number) =>
      call(api.base, 'POST', '/surveys/responses', {
        key: crypto.randomUUID(),
        body: { kind, score, subject: { type: 'store', id: 'demo' } },
      });
    await submit('csat', 5);
    await submit('nps', 10);
    await submit('nps', 3);
    clock.advance(DAY_MS);
    await submit('csat', 2);
    await submit('ces', 6);
    await submit('nps', 9);

    const stats = await surveyStats(api.server.services, 7);
    assert.deepEqual(stats.csat, { average: 3.5, count: 2 });
    // 2 promoters, 1 detractor of 3: (2 − 1) / 3 = 33 %.
    assert.deepEqual(stats.nps, { score: 33, count: 3 });
    assert.deepEqual(stats.ces, { average: 6, count: 1 });
    assert.equal(stats.byDay.length, 7);
    const [yesterday, today] = stats.byDay.slice(-2);
    assert.deepEqual({ ...yesterday, day: '' }, { day: '', csat: 5, nps: 0, ces: null, count: 3 });
    assert.deepEqual({ ...today, day: '' }, { day: '', csat: 2, nps: 100, ces: 6, count: 3 });
    assert.ok(stats.byDay.slice(0, 5).every((day) => day.count === 0 && day.csat === null));
  });

  it('finds the order a shopper names in chat, with what the store knows about them', async () => {
    const found = await findOrderByNumber(api.server.services, ' #mm-1002');
    assert.equal(found?.order.id, 'ord_1002');
    assert.equal(found?.email, 'oliver.bennett@example.com');
    assert.equal(found?.customerId, 'cus_oliver');
    assert.equal(await findOrderByNumber(api.server.services, 'MM-0000'), undefined);
  });
});
