// Returns and their photos on both engines (decision 0016): the embedded SQLite and a real
// PostgreSQL cluster started for this file, where two returns or two agents racing on one order
// are real concurrency.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Order, ReturnInput, ReturnRecord, UploadedAttachment } from '@kefu/core';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import { inTransaction } from '../db/tx.js';
import { ApiError } from '../errors.js';
import type { Caller } from '../http/auth.js';
import type { IdempotencyStore } from '../http/idempotency.js';
import { createFailureCounter, DEFAULT_LOOKUP_LIMITS } from '../http/rate-limit.js';
import { testClock, tinyPng } from '../routes/test-helpers.js';
import type { StoreContext } from './context.js';
import { createOrderAccessTokens } from './order-access.js';
import { createOrdersService, type OrdersService } from './orders.js';
import { insertDemoOrders, RMA_COUNTER_START } from './orders.test-support.js';
import { createReturnsService } from './returns.js';
import { createUploadsService, type UploadsService } from './uploads.js';

/** The test store's uploads directory (testStoreContext keeps uploads in one). */
function uploadsDir(store: StoreContext): string {
  assert.equal(store.files.kind, 'directory');
  return store.files.location;
}

const lena: Caller = { kind: 'order', orderId: 'ord_1003' };
const ana: Caller = { kind: 'order', orderId: 'ord_1004' };

/** Resolves once `count` callers have arrived, or after a bounded wait for the ones that cannot. */
function meetingPoint(count: number) {
  let arrived = 0;
  return async () => {
    arrived += 1;
    for (let waited = 0; arrived < count && waited < 30; waited += 1) await delay(10);
  };
}

describeOnBothEngines('returns and their photos', (engineOf) => {
  const clock = testClock();
  let engine: Engine;
  before(async () => {
    engine = engineOf();
    await insertDemoOrders(engine.db, clock.now());
  });
  // The uploads folder is this test process's own.
  after(() => rmSync(dirname(uploadsDir(testStoreContext(engine))), { recursive: true, force: true }));

  /**
   * One instance's services over the test's database; `wrap` lets a test slow a step down, to
   * hold a transaction open while another one races it.
   */
  function instance(
    wrap: {
      orders?: (orders: OrdersService) => OrdersService;
      uploads?: (uploads: UploadsService) => UploadsService;
      store?: (store: StoreContext) => StoreContext;
    } = {},
  ) {
    const baseStore = testStoreContext(engine, clock.now);
    const store = wrap.store?.(baseStore) ?? baseStore;
    const tokens = createOrderAccessTokens(engine.db, clock.now);
    const plainOrders = createOrdersService(store, tokens, createFailureCounter(clock.now), DEFAULT_LOOKUP_LIMITS);
    const orders = wrap.orders?.(plainOrders) ?? plainOrders;
    const plainUploads = createUploadsService(store, () => ({
      byToken: () => undefined,
      ownerOf: (id) => (id === 'con_of_ana' ? 'cus_ana' : undefined),
    }));
    const uploads = wrap.uploads?.(plainUploads) ?? plainUploads;
    return { store, orders, uploads, returns: createReturnsService(store, orders, uploads) };
  }

  const request = () => {
    const key = crypto.randomUUID();
    return { route: 'POST /returns', key, hash: `hash of ${key}` };
  };
  const returnOf = (itemId: string, orderId = 'ord_1003', line: Partial<ReturnInput['items'][number]> = {}) =>
    ({
      orderId,
      resolution: 'refund',
      items: [{ itemId, quantity: 1, reason: 'changed_mind', photoIds: [], ...line }],
    }) satisfies ReturnInput;
  const created = (answer: { status: number; body: string | null }) => {
    assert.equal(answer.status, 201);
    return JSON.parse(answer.body ?? '') as ReturnRecord;
  };
  const orderOf = async (orderId: string) => (await instance().orders.find(orderId))!.order;
  const returnable = (order: Order, itemId: string) =>
    order.items.find((item) => item.id === itemId)?.returnableQuantity;
  const upload = (services: ReturnType<typeof instance>, caller: Caller, purpose?: string) =>
    services.uploads.upload(
      caller,
      { bytes: tinyPng, name: 'crack.png' },
      { purpose },
      { route: 'POST /uploads', key: crypto.randomUUID(), method: 'POST', path: '/v1/uploads' },
    );

  it('makes a return with the next RMA number, takes the quantity off the order, and replays it', async () => {
    const services = instance();
    const before = await orderOf('ord_1003');
    const first = request();
    const record = created(await services.returns.create(lena, returnOf('item_1003_2'), first));
    assert.equal(record.rma, `RMA-${RMA_COUNTER_START + 1}`);
    assert.equal(record.status, 'requested');
    assert.deepEqual(await services.returns.get(lena, record.id), record);
    await assert.rejects(services.returns.get(ana, record.id), { status: 401 });
    await assert.rejects(services.returns.get(lena, 'ret_nope'), { status: 404, code: 'return_not_found' });

    const after = await orderOf('ord_1003');
    assert.equal(returnable(after, 'item_1003_2'), returnable(before, 'item_1003_2')! - 1);
    assert.deepEqual(after.returns.at(-1), {
      id: record.id,
      rma: record.rma,
      status: 'requested',
      createdAt: record.createdAt,
    });
    // The same key and request: the first answer again, and nothing taken twice.
    const replay = await services.returns.create(lena, returnOf('item_1003_2'), first);
    assert.deepEqual(replay, { status: 201, body: JSON.stringify(record), replayed: true });
    assert.equal(returnable(await orderOf('ord_1003'), 'item_1003_2'), returnable(after, 'item_1003_2'));
  });

  it('takes the photos the order’s shopper uploaded, and no one else’s', async () => {
    const services = instance();
    const photo = JSON.parse((await upload(services, ana)).body ?? '') as UploadedAttachment;
    const stranger = JSON.parse((await upload(services, lena)).body ?? '') as UploadedAttachment;
    const stored = await services.uploads.find(photo.id);
    assert.deepEqual(stored?.owner, { kind: 'order', id: 'ord_1004' });
    assert.deepEqual(stored?.file, { id: photo.id, contentType: 'image/png', size: tinyPng.byteLength });
    assert.deepEqual(Buffer.from((await stored!.read())!), Buffer.from(tinyPng));

    const damaged = (photoIds: string[]) => returnOf('item_1004_1', 'ord_1004', { reason: 'damaged', photoIds });
    await assert.rejects(services.returns.create(ana, damaged([stranger.id]), request()), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.deepEqual(error.fields, { 'items.0.photoIds': 'A photo is missing; please add it again.' });
      return true;
    });
    await assert.rejects(services.returns.create(ana, damaged(['upl_nope']), request()), { status: 422 });
    const record = created(await services.returns.create(ana, damaged([photo.id]), request()));
    assert.deepEqual(record.items[0]?.photoIds, [photo.id]);
  });

  it('keeps a chat attachment for a signed-in shopper’s own conversation only', async () => {
    const services = instance();
    const caller: Caller = { kind: 'customer', customerId: 'cus_ana' };
    const upload = (conversationId: string) =>
      services.uploads.upload(
        caller,
        { bytes: tinyPng, name: 'a.png' },
        { purpose: 'chat', conversationId },
        { route: 'POST /uploads', key: crypto.randomUUID(), method: 'POST', path: '/v1/uploads' },
      );
    const file = JSON.parse((await upload('con_of_ana')).body ?? '') as UploadedAttachment;
    assert.deepEqual((await services.uploads.find(file.id))?.owner, { kind: 'conversation', id: 'con_of_ana' });
    await assert.rejects(upload('con_of_someone'), { status: 404, code: 'conversation_not_found' });
  });

  it('leaves no file behind when the upload’s transaction rolls back', async () => {
    // The record of the key fails to save after the file was written: nothing of the upload stays.
    const failingRecords: (store: StoreContext) => StoreContext = (store) => ({
      ...store,
      idempotency: {
        run: (_, create) =>
          inTransaction(engine.db, async (trx) => {
            await create(trx);
            throw new Error('the record could not be saved');
          }),
      } satisfies IdempotencyStore,
    });
    const services = instance({ store: failingRecords });
    const dir = uploadsDir(services.store);
    const files = () => (existsSync(dir) ? readdirSync(dir) : []);
    const uploadRows = async () => (await engine.db.selectFrom('uploads').select('id').execute()).length;
    const [filesBefore, rowsBefore] = [files(), await uploadRows()];
    await assert.rejects(upload(services, ana), /the record could not be saved/);
    assert.deepEqual(files(), filesBefore);
    assert.equal(await uploadRows(), rowsBefore);
  });

  it('gives the last unit of an item to one of two returns made at once', async () => {
    // Each return waits (bounded) after reading the order until the other has read it too: without
    // the lock on the order both read one unit left and both take it; with it the second reads
    // the order after the first committed, and finds none.
    const bothRead = meetingPoint(2);
    const services = instance({
      uploads: (uploads) => ({
        ...uploads,
        ownersOf: async (ids, executor) => {
          await bothRead();
          return uploads.ownersOf(ids, executor);
        },
      }),
    });
    const answers = await Promise.allSettled([
      services.returns.create(ana, returnOf('item_1004_2', 'ord_1004'), request()),
      services.returns.create(ana, returnOf('item_1004_2', 'ord_1004'), request()),
    ]);
    const statuses = answers.map((answer) =>
      answer.status === 'fulfilled'
        ? answer.value.status
        : answer.reason instanceof ApiError
          ? `${answer.reason.status} ${answer.reason.code}`
          : String(answer.reason),
    );
    assert.deepEqual(statuses.toSorted(), [201, '422 validation_failed'].toSorted());
    const order = await orderOf('ord_1004');
    assert.equal(returnable(order, 'item_1004_2'), 0);
    assert.equal(order.returns.filter((summary) => summary.status === 'requested').length, 2);
  });

  it('numbers returns one apart in the order they commit, never twice', async () => {
    const services = instance();
    const remaining = returnable(await orderOf('ord_1003'), 'item_1003_2')!;
    assert.ok(remaining >= 3);
    const records = (
      await Promise.all(
        Array.from({ length: remaining }, () => services.returns.create(lena, returnOf('item_1003_2'), request())),
      )
    ).map(created);
    const numbers = records.map((record) => Number(record.rma.slice('RMA-'.length)));
    const lowest = Math.min(...numbers);
    assert.deepEqual(
      numbers.toSorted((a, b) => a - b),
      numbers.map((_, n) => lowest + n),
    );
    // The order lists each return once, in the order they committed, which is their RMA order.
    const order = await orderOf('ord_1003');
    const listed = order.returns.filter((summary) => records.some((record) => record.id === summary.id));
    assert.deepEqual(
      listed.map((summary) => summary.rma),
      numbers.toSorted((a, b) => a - b).map((n) => `RMA-${n}`),
    );
    assert.equal(returnable(order, 'item_1003_2'), 0);
  });

  it('lets one of two agents deciding a return at once win; the other is told it was decided', async () => {
    // Each decision waits (bounded) after writing until the other has written too: without the lock
    // on the return both find it requested and both decide; with it the second finds it decided.
    const plain = instance();
    const record = created(await plain.returns.create(lena, returnOf('item_1003_1'), request()));
    const bothDecided = meetingPoint(2);
    const services = instance({
      orders: (orders) => ({
        ...orders,
        find: async (orderId, executor) => {
          if (executor?.isTransaction) await bothDecided();
          return orders.find(orderId, executor);
        },
      }),
    });
    const answers = await Promise.allSettled([
      services.returns.decide(record.id, { status: 'approved', labelUrl: 'https://labels.example/1.pdf' }),
      services.returns.decide(record.id, { status: 'rejected', reason: 'Worn.' }),
    ]);
    const won = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
    const refused = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
    assert.equal(won.length, 1, JSON.stringify(answers));
    assert.ok(refused[0] instanceof ApiError && refused[0].status === 409 && refused[0].code === 'return_not_pending');

    const decided = won[0]!;
    assert.deepEqual(await plain.returns.get(lena, record.id), decided);
    const order = await orderOf('ord_1003');
    assert.equal(order.returns.find((summary) => summary.id === record.id)?.status, decided.status);
    // A rejected return gives the unit back; an approved one keeps it.
    assert.equal(returnable(order, 'item_1003_1'), decided.status === 'rejected' ? 1 : 0);
    await assert.rejects(plain.returns.decide('ret_nope', { status: 'rejected', reason: 'No.' }), { status: 404 });
  });

  it('lists returns newest first for the console; those made in one millisecond, the later one first', async () => {
    const services = instance();
    const priya: Caller = { kind: 'order', orderId: 'ord_1006' };
    const wang: Caller = { kind: 'order', orderId: 'ord_1010' };
    clock.advance(60_000);
    const sameInstant = [
      created(await services.returns.create(priya, returnOf('item_1006_1', 'ord_1006'), request())),
      created(await services.returns.create(wang, returnOf('item_1010_1', 'ord_1010'), request())),
    ];
    clock.advance(1);
    const newest = created(await services.returns.create(wang, returnOf('item_1010_3', 'ord_1010'), request())).id;
    const listed = await services.returns.list();
    assert.deepEqual(
      listed.slice(0, 3).map((record) => [record.id, record.orderNumber]),
      [
        [newest, 'MM-1010'],
        [sameInstant[1]!.id, 'MM-1010'],
        [sameInstant[0]!.id, 'MM-1006'],
      ],
    );
    // Every return, each once, newest first throughout.
    const all = await engine.db.selectFrom('returns').select('id').execute();
    assert.equal(new Set(listed.map((record) => record.id)).size, all.length);
    assert.ok(listed.every((record, n) => n === 0 || record.createdAt <= listed[n - 1]!.createdAt));
  });
});
