import { expect, waitUntil } from '@open-wc/testing';
import { newKey, rejection, runBackendSuite } from '../../../test-suites/backend.suite.js';
import type { KefuError } from '../../errors.js';
import type { ChatEvent } from '../../model/chat.js';
import type { OrderItem } from '../../model/orders.js';
import { createDemoOrders, demoArticles } from '../../seed/index.js';
import {
  createMemoryBackend,
  createMemoryBackendWithControls,
  type MemoryBackendControls,
  type MemoryBackendOptions,
} from './memory-backend.js';
import { createScheduler } from './scheduler.js';
import { zonedTimeToUtc } from '../../domain/zoned-time.js';

runBackendSuite(
  'memory',
  async () => {
    const { backend, controls } = createMemoryBackendWithControls({ agentReplyDelayMs: 20 });
    return {
      backend,
      teardown: () => controls.dispose(),
      advanceTime: (ms) => controls.advanceTime(ms),
      identityToken: (customerId) => `identity:${customerId}`,
    };
  },
  { controlsTime: true, signsIdentity: true },
);

const MINUTE_MS = 60_000;

/** A memory backend whose clock stands still at `iso` until the test advances it. */
function backendAt(iso: string, options: MemoryBackendOptions = {}) {
  const at = Date.parse(iso);
  return createMemoryBackendWithControls({ now: () => at, ...options });
}

describe('zonedTimeToUtc', () => {
  it('turns Paris wall time into UTC in winter and in summer', () => {
    expect(zonedTimeToUtc('2027-01-15', '09:00', 'Europe/Paris').toISOString()).to.equal('2027-01-15T08:00:00.000Z');
    expect(zonedTimeToUtc('2027-07-15', '09:00', 'Europe/Paris').toISOString()).to.equal('2027-07-15T07:00:00.000Z');
  });

  it('moves a time skipped by the spring change forward by the gap', () => {
    // 02:30 does not exist in Paris on 2027-03-28; it means 03:30 CEST.
    expect(zonedTimeToUtc('2027-03-28', '02:30', 'Europe/Paris').toISOString()).to.equal('2027-03-28T01:30:00.000Z');
  });

  it('takes the first of the two 02:30s of the autumn change', () => {
    expect(zonedTimeToUtc('2027-10-31', '02:30', 'Europe/Paris').toISOString()).to.equal('2027-10-31T00:30:00.000Z');
  });

  it('works for zones on either side of UTC, with and without daylight saving', () => {
    expect(zonedTimeToUtc('2027-03-14', '09:00', 'America/New_York').toISOString()).to.equal(
      '2027-03-14T13:00:00.000Z',
    );
    expect(zonedTimeToUtc('2027-01-15', '09:00', 'Asia/Shanghai').toISOString()).to.equal('2027-01-15T01:00:00.000Z');
    expect(zonedTimeToUtc('2027-01-15', '00:00', 'Pacific/Kiritimati').toISOString()).to.equal(
      '2027-01-14T10:00:00.000Z',
    );
  });

  it('refuses input that is not YYYY-MM-DD and HH:MM', () => {
    expect(() => zonedTimeToUtc('15/01/2027', '09:00', 'Europe/Paris')).to.throw(RangeError);
    expect(() => zonedTimeToUtc('2027-01-15', '9h', 'Europe/Paris')).to.throw(RangeError);
  });
});

describe('memory backend scheduler', () => {
  it('runs due timers in order when time is advanced, each seeing its own time', () => {
    const scheduler = createScheduler(() => 0);
    const ran: string[] = [];
    scheduler.schedule(200, () => ran.push(`b@${scheduler.now()}`));
    scheduler.schedule(100, () => {
      ran.push(`a@${scheduler.now()}`);
      scheduler.schedule(50, () => ran.push(`a2@${scheduler.now()}`));
    });
    scheduler.schedule(1000, () => ran.push('late'));
    scheduler.advanceTime(300);
    expect(ran).to.deep.equal(['a@100', 'a2@150', 'b@200']);
    expect(scheduler.now()).to.equal(300);
    scheduler.dispose();
  });
});

describe('memory backend', () => {
  let controls: MemoryBackendControls | undefined;
  afterEach(() => {
    controls?.dispose();
    controls = undefined;
  });

  function setUp(iso: string, options: MemoryBackendOptions = {}) {
    const created = backendAt(iso, options);
    controls = created.controls;
    return created;
  }

  describe('FAQ', () => {
    it('sends exactly what changed since a token: the edit, the new article and the deletion', async () => {
      const { backend, controls } = setUp('2027-03-01T10:00:00Z');
      const first = await backend.listArticles({ locale: 'en' });
      const [edited, removed] = first.articles;
      controls.upsertArticle({ ...edited!, title: 'Edited title' });
      controls.upsertArticle({ ...edited!, id: 'en-new-article', title: 'Brand new' });
      controls.deleteArticle(removed!.id);
      controls.upsertArticle({ ...edited!, id: 'zh-only-change', locale: 'zh-CN' });

      const delta = await backend.listArticles({ locale: 'en', since: first.syncToken });
      expect(delta.full).to.equal(false);
      expect(delta.articles.map((article) => [article.id, article.title])).to.have.deep.members([
        [edited!.id, 'Edited title'],
        ['en-new-article', 'Brand new'],
      ]);
      expect(delta.deleted).to.deep.equal([removed!.id]);

      const nothing = await backend.listArticles({ locale: 'en', since: delta.syncToken });
      expect(nothing).to.include({ full: false });
      expect(nothing.articles).to.deep.equal([]);
      expect(nothing.deleted).to.deep.equal([]);
      await rejection(backend.getArticle(removed!.id));
    });

    it('answers a token from another backend (an earlier page load) with a full sync', async () => {
      const other = createMemoryBackend();
      const { syncToken } = await other.listArticles({ locale: 'en' });
      const { backend } = setUp('2027-03-01T10:00:00Z');
      expect((await backend.listArticles({ locale: 'en', since: syncToken })).full).to.equal(true);
    });

    it('searches case-insensitively, Chinese with spaces removed, best matches first, at most 20', async () => {
      const { backend } = setUp('2027-03-01T10:00:00Z');
      const spaced = await backend.searchArticles({ q: '退 货', locale: 'zh-CN' });
      const plain = await backend.searchArticles({ q: '退货', locale: 'zh-CN' });
      expect(spaced.map((article) => article.id)).to.deep.equal(plain.map((article) => article.id));
      const shouting = await backend.searchArticles({ q: 'RETURN', locale: 'en' });
      expect(shouting.length).to.be.greaterThan(0);
      const everything = await backend.searchArticles({ q: 'e', locale: 'en' });
      expect(everything.length).to.equal(20);
      expect(await backend.searchArticles({ q: '   ', locale: 'en' })).to.deep.equal([]);
    });

    it('keeps feedback sent with one key once', async () => {
      const { backend, controls } = setUp('2027-03-01T10:00:00Z');
      const idempotencyKey = newKey();
      const feedback = { articleId: demoArticles[0]!.id, helpful: false, comment: 'Too vague' };
      await backend.sendArticleFeedback(feedback, { idempotencyKey });
      await backend.sendArticleFeedback({ ...feedback }, { idempotencyKey });
      expect(controls.feedback()).to.deep.equal([feedback]);
    });
  });

  describe('orders', () => {
    const now = '2027-03-01T10:00:00Z';
    const seed = createDemoOrders(new Date(now));

    it('lists a signed-in shopper’s orders, newest first (demo identity token)', async () => {
      const { backend } = setUp(now);
      const orders = await backend.listMyOrders({ token: 'identity:cus_ana' });
      const anas = seed.filter((order) => order.customerId === 'cus_ana');
      expect(orders.map((order) => order.id)).to.have.members(anas.map((order) => order.order.id));
      expect(orders.length).to.equal(2);
      expect(Date.parse(orders[0]!.placedAt)).to.be.at.least(Date.parse(orders[1]!.placedAt));
      expect(await backend.listMyOrders({ token: 'identity:cus_nobody' })).to.deep.equal([]);
    });

    it('lets an identity token open its own orders only', async () => {
      const { backend } = setUp(now);
      const own = seed.find((order) => order.customerId === 'cus_ana')!;
      const other = seed.find((order) => order.customerId !== 'cus_ana')!;
      expect((await backend.getOrder(own.order.id, { token: 'identity:cus_ana' })).id).to.equal(own.order.id);
      const error = await rejection(backend.getOrder(other.order.id, { token: 'identity:cus_ana' }));
      expect(error.code).to.equal('unauthorized');
    });

    it('rate-limits 20 failed lookups a minute across all order numbers', async () => {
      const { backend, controls } = setUp(now);
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const error = await rejection(backend.lookupOrder({ orderNumber: `MM-90${attempt}`, email: 'x@example.com' }));
        expect(error.code).to.equal('not_found');
      }
      const limited = await rejection(backend.lookupOrder({ orderNumber: 'MM-9999', email: 'x@example.com' }));
      expect(limited.code).to.equal('rate_limited');
      expect(limited.retryAfterMs).to.be.within(1, MINUTE_MS);
      controls.advanceTime(limited.retryAfterMs!);
      expect((await rejection(backend.lookupOrder({ orderNumber: 'MM-9999', email: 'x@example.com' }))).code).to.equal(
        'not_found',
      );
    });

    it('honours a lower lookup limit: warns before the last try, then slows down, doubling the wait', async () => {
      const { backend, controls } = setUp(now, { lookupLimit: 2 });
      const target = seed[0]!;
      const wrong = { orderNumber: target.order.number, email: 'wrong@example.com' };
      const first = await rejection(backend.lookupOrder(wrong));
      expect([first.code, first.triesLeft]).to.deep.equal(['not_found', 1]);
      const second = await rejection(backend.lookupOrder(wrong));
      expect([second.code, second.triesLeft]).to.deep.equal(['not_found', 0]);
      const limited = await rejection(backend.lookupOrder({ ...wrong, email: target.email }));
      expect(limited.code).to.equal('rate_limited');
      expect(limited.retryAfterMs).to.equal(30_000);
      controls.advanceTime(30_000);
      expect((await rejection(backend.lookupOrder(wrong))).code).to.equal('not_found');
      expect((await rejection(backend.lookupOrder(wrong))).retryAfterMs).to.equal(60_000);
      controls.advanceTime(60_000);
      expect((await backend.lookupOrder({ ...wrong, email: target.email })).order.id).to.equal(target.order.id);
    });

    it('reads the number as the store writes it, and a number that cannot be one as a form error', async () => {
      const { backend } = setUp(now, { lookupLimit: 1 });
      const target = seed.find((order) => order.order.number === 'MM-1003')!;
      for (const typed of ['mm1003', 'MM 1003', '#MM-1003', 'ＭＭ－１００３', 'MM-１００３', '1003']) {
        const access = await backend.lookupOrder({ orderNumber: typed, email: target.email });
        expect(access.order.number, typed).to.equal('MM-1003');
      }
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const typo = await rejection(backend.lookupOrder({ orderNumber: 'MM-10O3', email: target.email }));
        expect(typo.code).to.equal('validation');
        expect(typo.fields).to.deep.equal({ orderNumber: 'Check the order number: it looks like MM-1001.' });
      }
      // The typos were no guesses: the one allowed failure is still there.
      expect((await backend.lookupOrder({ orderNumber: 'MM-1003', email: target.email })).order.number).to.equal(
        'MM-1003',
      );
    });

    it('hands out copies: changing a result changes nothing in the store', async () => {
      const { backend } = setUp(now);
      const target = seed[0]!;
      const access = await backend.lookupOrder({ orderNumber: target.order.number, email: target.email });
      (access.order.items[0] as { name: string }).name = 'Tampered';
      const order = await backend.getOrder(target.order.id, { token: access.accessToken });
      expect(order.items[0]!.name).to.equal(target.order.items[0]!.name);
    });

    it('rejects a lookup still waiting for its latency when the caller cancels', async () => {
      const backend = createMemoryBackend({ latencyMs: 200 });
      const controller = new AbortController();
      const target = seed[0]!;
      const pending = backend.lookupOrder(
        { orderNumber: target.order.number, email: target.email },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 5);
      expect((await rejection(pending)).code).to.equal('aborted');
    });
  });

  describe('returns', () => {
    const now = '2027-03-01T10:00:00Z';
    const seed = createDemoOrders(new Date(now));
    const returnable = (item: OrderItem) =>
      !item.finalSale &&
      item.returnableQuantity > 0 &&
      item.returnDeadline !== undefined &&
      Date.parse(item.returnDeadline) > Date.parse(now);

    async function orderWith(test: (item: OrderItem) => boolean) {
      const created = setUp(now);
      const target = seed.find(({ order }) => order.items.some(test))!;
      const access = await created.backend.lookupOrder({ orderNumber: target.order.number, email: target.email });
      const item = access.order.items.find(test)!;
      return { ...created, access, item, token: access.accessToken };
    }

    it('marks an item already_returned once everything is returned, and refuses another return', async () => {
      const { backend, access, item, token } = await orderWith(returnable);
      const input = {
        orderId: access.order.id,
        resolution: 'refund' as const,
        items: [{ itemId: item.id, quantity: item.returnableQuantity, reason: 'changed_mind', photoIds: [] }],
      };
      const first = await backend.createReturn(input, { idempotencyKey: newKey(), token });
      expect(first.rma).to.equal('RMA-4001');
      const order = await backend.getOrder(access.order.id, { token });
      const after = order.items.find((candidate) => candidate.id === item.id)!;
      expect(after.returnableQuantity).to.equal(0);
      expect(after.notReturnableReason).to.equal('already_returned');
      const again = await rejection(
        backend.createReturn(
          { ...input, items: [{ ...input.items[0]!, quantity: 1 }] },
          { idempotencyKey: newKey(), token },
        ),
      );
      expect(again.fields).to.have.property('items.0.itemId');
    });

    it('numbers returns RMA-4001, RMA-4002, …', async () => {
      const { backend, access, item, token } = await orderWith(
        (candidate) => returnable(candidate) && candidate.returnableQuantity >= 2,
      );
      const line = { itemId: item.id, quantity: 1, reason: 'changed_mind', photoIds: [] };
      const input = { orderId: access.order.id, resolution: 'store_credit' as const, items: [line] };
      const first = await backend.createReturn(input, { idempotencyKey: newKey(), token });
      const second = await backend.createReturn(input, { idempotencyKey: newKey(), token });
      expect([first.rma, second.rma]).to.deep.equal(['RMA-4001', 'RMA-4002']);
      const order = await backend.getOrder(access.order.id, { token });
      expect(order.returns.slice(-2).map((summary) => summary.rma)).to.deep.equal(['RMA-4001', 'RMA-4002']);
    });

    it('needs an in-stock variant for an exchange', async () => {
      const { backend, access, item, token } = await orderWith(
        (candidate) => returnable(candidate) && (candidate.exchangeVariants?.length ?? 0) > 0,
      );
      const line = { itemId: item.id, quantity: 1, reason: 'changed_mind', photoIds: [] };
      const input = { orderId: access.order.id, resolution: 'exchange' as const, items: [line] };
      const missing = await rejection(backend.createReturn(input, { idempotencyKey: newKey(), token }));
      expect(missing.fields).to.have.property('items.0.exchangeVariantId');
      const outOfStock = item.exchangeVariants!.find((variant) => !variant.inStock);
      if (outOfStock) {
        const error = await rejection(
          backend.createReturn(
            { ...input, items: [{ ...line, exchangeVariantId: outOfStock.id }] },
            { idempotencyKey: newKey(), token },
          ),
        );
        expect(error.fields).to.have.property('items.0.exchangeVariantId');
      }
      const inStock = item.exchangeVariants!.find((variant) => variant.inStock)!;
      const record = await backend.createReturn(
        { ...input, items: [{ ...line, exchangeVariantId: inStock.id }] },
        { idempotencyKey: newKey(), token },
      );
      expect(record.resolution).to.equal('exchange');
    });

    it('reports every mistake at once, each under its line', async () => {
      const { backend, access, item, token } = await orderWith(returnable);
      const error = await rejection(
        backend.createReturn(
          {
            orderId: access.order.id,
            resolution: 'cash' as 'refund',
            items: [
              { itemId: item.id, quantity: 0, reason: 'changed_mind', photoIds: [] },
              { itemId: 'not-in-this-order', quantity: 1, reason: 'changed_mind', photoIds: [] },
              { itemId: item.id, quantity: 1, reason: 'damaged', photoIds: ['upl_404'] },
            ],
          },
          { idempotencyKey: newKey(), token },
        ),
      );
      expect(Object.keys(error.fields ?? {})).to.have.members([
        'resolution',
        'items.0.quantity',
        'items.1.itemId',
        'items.2.photoIds',
      ]);
    });

    it('recognizes JPEG and WebP by their bytes, and refuses GIF', async () => {
      const { backend, token } = await orderWith(returnable);
      const upload = (bytes: number[]) =>
        backend.uploadPhoto(new Blob([new Uint8Array(bytes)]), { idempotencyKey: newKey(), token });
      const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));
      expect((await upload([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).contentType).to.equal('image/jpeg');
      expect((await upload([...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WEBPVP8 ')])).contentType).to.equal(
        'image/webp',
      );
      const gif = await rejection(upload(ascii('GIF89a')));
      expect(gif.serverCode).to.equal('unsupported_type');
      expect(gif.status).to.equal(422);
    });

    it('needs a token to upload, and refuses a key reused for another file', async () => {
      const { backend, token } = await orderWith(returnable);
      const jpeg = (size: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff]), new Uint8Array(size)]);
      expect((await rejection(backend.uploadPhoto(jpeg(1), { idempotencyKey: newKey() }))).code).to.equal(
        'unauthorized',
      );
      const idempotencyKey = newKey();
      await backend.uploadPhoto(jpeg(1), { idempotencyKey, token });
      const reused = await rejection(backend.uploadPhoto(jpeg(2), { idempotencyKey, token }));
      expect(reused.serverCode).to.equal('idempotency_key_reused');
    });
  });

  describe('callbacks', () => {
    // Friday 2027-03-26, 06:00 in Paris; clocks go forward on Sunday the 28th.
    const beforeSpringChange = '2027-03-26T05:00:00Z';

    it('keeps slots at 09:00 Paris time across the spring change: 08:00Z before, 07:00Z after', async () => {
      const { backend } = setUp(beforeSpringChange);
      const slots = await backend.getCallbackSlots({ from: '2027-03-26', days: 4 });
      const friday = slots.filter((slot) => slot.start.startsWith('2027-03-26'));
      const monday = slots.filter((slot) => slot.start.startsWith('2027-03-29'));
      const weekend = slots.filter((slot) => /^2027-03-2[78]/.test(slot.start));
      expect(weekend).to.deep.equal([]);
      expect(friday[0]!.start).to.equal('2027-03-26T08:00:00.000Z');
      expect(friday.at(-1)!.start).to.equal('2027-03-26T16:30:00.000Z');
      expect(monday[0]!.start).to.equal('2027-03-29T07:00:00.000Z');
      expect(monday.at(-1)!.start).to.equal('2027-03-29T15:30:00.000Z');
      expect(monday.at(-1)!.end).to.equal('2027-03-29T16:00:00.000Z');
      expect(friday).to.have.length(18);
      expect(monday).to.have.length(18);
      expect(slots.every((slot) => slot.remaining === 2)).to.equal(true);
    });

    it('keeps slots at 09:00 Paris time across the autumn change: 07:00Z before, 08:00Z after', async () => {
      const { backend } = setUp('2027-10-29T04:00:00Z');
      const slots = await backend.getCallbackSlots({ from: '2027-10-29', days: 4 });
      expect(slots[0]!.start).to.equal('2027-10-29T07:00:00.000Z');
      expect(slots.find((slot) => slot.start.startsWith('2027-11-01'))!.start).to.equal('2027-11-01T08:00:00.000Z');
    });

    it('offers nothing sooner than the lead time, on holidays, or beyond the days ahead', async () => {
      const { backend } = setUp('2026-12-24T09:10:00Z'); // Thursday 10:10 in Paris; Friday is Christmas
      const slots = await backend.getCallbackSlots({ from: '2026-12-24', days: 14 });
      expect(slots[0]!.start).to.equal('2026-12-24T10:30:00.000Z'); // 11:30, the first start after 11:10
      expect(slots.some((slot) => slot.start.startsWith('2026-12-25'))).to.equal(false);
      expect(slots.at(-1)!.start < '2026-12-31T09:10:00.000Z').to.equal(true);
    });

    it('gives the last place of a slot to one of two shoppers, and tells the other it was taken', async () => {
      const { backend } = setUp(beforeSpringChange);
      const [slot] = await backend.getCallbackSlots({ from: '2027-03-29', days: 1 });
      const request = () =>
        backend.requestCallback(
          {
            name: 'Ana',
            phone: '+33612345678',
            slot: slot!.start,
            timezone: 'Europe/Paris',
            topic: 'Returns',
            consent: true,
          },
          { idempotencyKey: newKey() },
        );
      await request();
      expect((await backend.getCallbackSlots({ from: '2027-03-29', days: 1 }))[0]).to.include({
        start: slot!.start,
        remaining: 1,
      });
      const results = await Promise.allSettled([request(), request()]);
      expect(results.filter((result) => result.status === 'fulfilled')).to.have.length(1);
      const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      const error = refused.reason as KefuError;
      expect(error.code).to.equal('conflict');
      expect(error.status).to.equal(409);
      expect(error.serverCode).to.equal('slot_taken');
      expect(error.message).to.equal('That time was just taken.');
      const after = await backend.getCallbackSlots({ from: '2027-03-29', days: 1 });
      expect(after.map((candidate) => candidate.start)).not.to.include(slot!.start);
    });
  });

  describe('chat availability', () => {
    it('is closed at the weekend, saying when it opens (after the clocks change)', async () => {
      const { backend } = setUp('2027-03-27T11:00:00Z', { alwaysOpen: false });
      const availability = await backend.getAvailability();
      expect(availability.open).to.equal(false);
      expect(availability.nextOpeningAt).to.equal('2027-03-29T07:00:00.000Z');
    });

    it('is closed on a holiday and opens on the next working day', async () => {
      const { backend } = setUp('2026-12-25T10:00:00Z', { alwaysOpen: false });
      expect(await backend.getAvailability()).to.include({ open: false, nextOpeningAt: '2026-12-28T08:00:00.000Z' });
    });

    it('is open in business hours with an agent online, and closed when nobody is', async () => {
      const { backend, controls } = setUp('2027-03-29T08:00:00Z', { alwaysOpen: false });
      const open = await backend.getAvailability();
      expect(open).to.include({ open: true, agentsOnline: 1, queueLength: 0 });
      expect(open.nextOpeningAt).to.equal(undefined);
      controls.setAgentsOnline(0);
      expect(await backend.getAvailability()).to.include({ open: false, agentsOnline: 0 });
    });

    it('is open at night in the demo (alwaysOpen)', async () => {
      const { backend } = setUp('2027-03-27T23:00:00Z');
      expect((await backend.getAvailability()).open).to.equal(true);
    });
  });

  describe('simulated agent', () => {
    const now = '2027-03-29T08:00:00Z';
    const delay = 60_000;
    const shopper = { name: 'Ana', email: 'ana@example.com', topic: 'Order' };
    const types = (events: readonly ChatEvent[]) => events.map((event) => event.type);

    it('joins after the delay, then types and answers an order question', async () => {
      const { backend, controls } = setUp(now, { agentReplyDelayMs: delay });
      const conversation = await backend.startConversation(
        { ...shopper, message: 'Where is my order?' },
        { idempotencyKey: newKey() },
      );
      expect(controls.events(conversation.id).map((event) => event.seq)).to.deep.equal([1]);

      controls.advanceTime(delay);
      expect(types(controls.events(conversation.id))).to.deep.equal(['message', 'agent_joined', 'status']);
      controls.advanceTime(delay);
      expect(controls.events(conversation.id).at(-1)).to.deep.include({
        type: 'typing',
        author: 'agent',
        typing: true,
      });
      controls.advanceTime(delay);
      const events = controls.events(conversation.id);
      expect(types(events)).to.deep.equal(['message', 'agent_joined', 'status', 'typing', 'message', 'typing']);
      expect(events.map((event) => event.seq)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      const reply = events[4] as Extract<ChatEvent, { type: 'message' }>;
      expect(reply.message).to.include({ author: 'agent', authorName: 'Mei' });
      expect(reply.message.text).to.contain('order number');
      expect(reply.message.createdAt).to.equal(new Date(Date.parse(now) + 3 * delay).toISOString());
      expect(events[2]).to.deep.include({ status: 'open' });
      expect(events[5]).to.deep.include({ typing: false });
    });

    it('explains returns, in Chinese to a shopper who writes Chinese', async () => {
      const { backend, controls } = setUp(now, { agentReplyDelayMs: delay });
      const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      controls.advanceTime(delay);
      const greeting = controls.events(conversation.id).at(-1) as Extract<ChatEvent, { type: 'message' }>;
      expect(greeting.message.text).to.contain('Ana');

      await backend.sendMessage(
        conversation.id,
        { clientId: newKey(), text: '我想退货' },
        { token: conversation.token },
      );
      controls.advanceTime(2 * delay);
      const messages = await backend.getMessages(conversation.id, 0, { token: conversation.token });
      expect(messages.at(-1)!.author).to.equal('agent');
      expect(messages.at(-1)!.text).to.contain('退货');

      await backend.sendMessage(
        conversation.id,
        { clientId: newKey(), text: 'How do I get a refund?' },
        { token: conversation.token },
      );
      controls.advanceTime(2 * delay);
      const latest = await backend.getMessages(conversation.id, 0, { token: conversation.token });
      expect(latest.at(-1)!.text).to.contain('Returns');
    });

    it('delivers the agent’s events on the live stream', async () => {
      const { backend, controls } = setUp(now, { agentReplyDelayMs: delay });
      const conversation = await backend.startConversation(
        { ...shopper, message: 'Hello' },
        { idempotencyKey: newKey() },
      );
      const received: ChatEvent[] = [];
      let opened!: () => void;
      const open = new Promise<void>((resolve) => (opened = resolve));
      const stream = backend.openChatStream(conversation.id, conversation.token, {
        onEvent: (event) => received.push(event),
        onConnection: (state) => state === 'open' && opened(),
      });
      await open;
      controls.advanceTime(3 * delay);
      await Promise.resolve();
      expect(types(received)).to.deep.equal(['agent_joined', 'status', 'typing', 'message', 'typing']);
      stream.close();
      // A stream still open gets the next message: by then the closed one would have had it too.
      const later: ChatEvent[] = [];
      let laterOpened!: () => void;
      const laterOpen = new Promise<void>((resolve) => (laterOpened = resolve));
      const listening = backend.openChatStream(conversation.id, conversation.token, {
        onEvent: (event) => later.push(event),
        onConnection: (state) => state === 'open' && laterOpened(),
      });
      await laterOpen;
      controls.agentSend(conversation.id, 'Anything else?');
      await waitUntil(
        () => later.some((event) => event.type === 'message' && event.message.text === 'Anything else?'),
        'the message on the open stream',
      );
      listening.close();
      expect(received).to.have.length(5);
    });

    it('leaves conversations queued while nobody is online, with queue updates as others leave', async () => {
      const { backend, controls } = setUp(now, { agentReplyDelayMs: delay, agentsOnline: 0 });
      const first = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      const second = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      expect(second.queuePosition).to.equal(2);
      expect(await backend.getAvailability()).to.include({ queueLength: 2, estimatedWaitSeconds: 120, open: false });
      controls.advanceTime(delay);
      expect(controls.events(first.id)).to.deep.equal([]);

      await backend.closeConversation(first.id, { token: first.token });
      expect(controls.events(second.id)).to.deep.equal([
        { type: 'queue', seq: 1, position: 1, estimatedWaitSeconds: 60 },
      ]);
      controls.setAgentsOnline(1);
      controls.advanceTime(delay);
      expect(types(controls.events(second.id))).to.deep.equal(['queue', 'agent_joined', 'status', 'message']);
    });

    it('lets a test act as the agent, and stops answering once the conversation is closed', async () => {
      const { backend, controls } = setUp(now, { simulateAgent: false });
      const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      controls.agentJoin(conversation.id, 'Lin');
      controls.agentTyping(conversation.id, true);
      const message = controls.agentSend(conversation.id, 'Hi, Lin here.');
      controls.closeAsAgent(conversation.id);
      expect(message).to.include({ author: 'agent', authorName: 'Lin', seq: 4 });
      expect(types(controls.events(conversation.id))).to.deep.equal([
        'agent_joined',
        'status',
        'typing',
        'message',
        'status',
      ]);
      const error = await rejection(
        backend.sendMessage(conversation.id, { clientId: newKey(), text: 'hi' }, { token: conversation.token }),
      );
      expect(error.serverCode).to.equal('conversation_closed');
    });

    it('records transcript requests, and marks read only forward', async () => {
      const { backend, controls } = setUp(now, { simulateAgent: false });
      const conversation = await backend.startConversation(
        { ...shopper, message: 'Hello' },
        { idempotencyKey: newKey() },
      );
      const options = { token: conversation.token };
      await backend.emailTranscript(conversation.id, ' ana@example.com ', options);
      expect(controls.transcriptEmails(conversation.id)).to.deep.equal(['ana@example.com']);
      await backend.markRead(conversation.id, 1, options);
      await backend.markRead(conversation.id, 1, options);
      await backend.sendTyping(conversation.id, true, options);
      await backend.sendTyping(conversation.id, true, options);
      expect(types(controls.events(conversation.id))).to.deep.equal(['message', 'read', 'typing']);
      expect((await rejection(backend.markRead(conversation.id, 99, options))).fields).to.have.property('upToSeq');
    });

    it('attaches a photo uploaded with the conversation token, shown from an object URL', async () => {
      const { backend } = setUp(now, { simulateAgent: false });
      const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      const token = conversation.token;
      const photo = await backend.uploadAttachment(
        conversation.id,
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xdb])]),
        { idempotencyKey: newKey(), token },
      );
      const message = await backend.sendMessage(
        conversation.id,
        { clientId: newKey(), text: '', attachmentIds: [photo.id] },
        { token },
      );
      expect(message.attachments![0]).to.include({ id: photo.id, contentType: 'image/jpeg', size: 4 });
      expect(message.attachments![0]!.url).to.match(/^blob:/);
      const missing = await rejection(
        backend.sendMessage(
          conversation.id,
          { clientId: newKey(), text: 'see', attachmentIds: ['upl_404'] },
          { token },
        ),
      );
      expect(missing.fields).to.have.property('attachmentIds');
    });

    it('takes a PDF for chat by its bytes, up to 10 MB, and refuses the same PDF as a return photo', async () => {
      const { backend } = setUp(now, { simulateAgent: false });
      const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      const token = conversation.token;
      const pdf = new File(['%PDF-1.4\n%%EOF'], 'receipt.pdf', { type: 'application/pdf' });
      const uploaded = await backend.uploadAttachment(conversation.id, pdf, { idempotencyKey: newKey(), token });
      expect(uploaded).to.include({ contentType: 'application/pdf', size: pdf.size });
      const message = await backend.sendMessage(
        conversation.id,
        { clientId: newKey(), text: '', attachmentIds: [uploaded.id] },
        { token },
      );
      expect(message.attachments![0]).to.include({ name: 'receipt.pdf', contentType: 'application/pdf' });

      const html = new File(['<html><script>alert(1)</script>'], 'receipt.pdf', { type: 'application/pdf' });
      const refused = await rejection(
        backend.uploadAttachment(conversation.id, html, { idempotencyKey: newKey(), token }),
      );
      expect(refused.serverCode).to.equal('unsupported_type');
      const big = new File(['%PDF-', new Uint8Array(10 * 1024 * 1024)], 'big.pdf');
      const tooLarge = await rejection(
        backend.uploadAttachment(conversation.id, big, { idempotencyKey: newKey(), token }),
      );
      expect([tooLarge.status, tooLarge.serverCode]).to.deep.equal([413, 'too_large']);

      const asPhoto = await rejection(backend.uploadPhoto(pdf, { idempotencyKey: newKey(), token: 'identity:cust_1' }));
      expect(asPhoto.serverCode).to.equal('unsupported_type');
    });

    it('stops every timer on dispose', async () => {
      const { backend, controls } = createMemoryBackendWithControls({ agentReplyDelayMs: 10 });
      const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
      controls.dispose();
      // Past every reply the pretend agent had scheduled: a timer left running would fire here.
      controls.advanceTime(60_000);
      expect(controls.events(conversation.id)).to.deep.equal([]);
    });
  });

  describe('surveys', () => {
    it('keeps one response per key and checks what is rated', async () => {
      const { backend, controls } = setUp('2027-03-29T08:00:00Z');
      const idempotencyKey = newKey();
      const input = { kind: 'ces', score: 7, subject: { type: 'return', id: 'ret_1' } } as const;
      await backend.submitSurvey(input, { idempotencyKey });
      await backend.submitSurvey(input, { idempotencyKey });
      expect(controls.responses()).to.have.length(1);
      const error = await rejection(
        backend.submitSurvey({ ...input, subject: { type: 'return', id: '' } }, { idempotencyKey: newKey() }),
      );
      expect(error.fields).to.have.property('subject.id');
    });
  });
});
