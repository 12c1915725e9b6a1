// The webhooks' queue on both engines (decision 0022): events recorded only with the change that
// commits them, two instances' workers sending one queue (each event exactly once), and a worker
// that stops on close() with a delivery in flight giving its claim back.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import { inTransaction } from '../db/tx.js';
import { recordWebhookEvent } from './events.js';
import { startReceiver, type TestReceiver } from './receiver.test-support.js';
import { createWebhooks } from './webhooks.js';
import { createWebhookWorker, type WebhookWorker } from './worker.js';

const quiet = { log: () => undefined };

describeOnBothEngines('webhook queue', (engine) => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());

  /** The endpoints' service over the test's database, with a worker that is never started. */
  const webhooksOf = () => {
    const db = engine().db;
    const idle = createWebhookWorker(db, { now: Date.now, allowPrivate: true, ...quiet });
    return createWebhooks(db, { now: Date.now, allowPrivate: true, worker: idle });
  };

  it('records an event only when its change commits, once per subscribed endpoint', async () => {
    const webhooks = webhooksOf();
    const returns = await webhooks.create({ url: receiver.url, events: ['return.created'] });
    const surveys = await webhooks.create({ url: receiver.url, events: ['survey.answered', 'return.created'] });
    await assert.rejects(
      inTransaction(engine().db, async (trx) => {
        await recordWebhookEvent(trx, 'return.created', { id: 'ret_rolled_back' }, Date.now());
        throw new Error('the change fails');
      }),
    );
    await inTransaction(engine().db, (trx) => recordWebhookEvent(trx, 'return.created', { id: 'ret_1' }, Date.now()));
    assert.deepEqual(
      (await webhooks.deliveries(returns.endpoint.id)).map((d) => d.type),
      ['return.created'],
    );
    assert.equal((await webhooks.deliveries(surveys.endpoint.id)).length, 1);
    const rows = await engine().db.selectFrom('webhook_deliveries').select(['event_id', 'body']).execute();
    assert.equal(new Set(rows.map((row) => row.event_id)).size, 1, 'one event, one id, to both endpoints');
    assert.ok(rows.every((row) => !row.body.includes('ret_rolled_back')));
    for (const endpoint of [returns, surveys]) await webhooks.remove(endpoint.endpoint.id);
    assert.equal((await engine().db.selectFrom('webhook_deliveries').select('id').execute()).length, 0);
  });

  it('lets two instances send one queue: every event exactly once', async () => {
    receiver.received.length = 0;
    receiver.fallback = 200;
    const webhooks = webhooksOf();
    const { endpoint } = await webhooks.create({ url: receiver.url, events: ['callback.requested'] });
    const events = 40;
    for (let index = 0; index < events; index += 1)
      await recordWebhookEvent(engine().db, 'callback.requested', { id: `cb_${index}` }, Date.now());

    const workers: WebhookWorker[] = [1, 2].map(() =>
      createWebhookWorker(engine().db, { now: Date.now, allowPrivate: true, batchSize: 5, ...quiet }),
    );
    // Both instances claim and send at once, round after round, until the queue is empty.
    for (let round = 0; round < 50; round += 1) {
      const due = await Promise.all(workers.map((worker) => worker.runOnce()));
      if (due.every((count) => count === 0)) break;
    }
    const ids = receiver.received.map((request) => request.headers.get('kefu-webhook-id'));
    assert.equal(ids.length, events);
    assert.equal(new Set(ids).size, events);
    const deliveries = await webhooks.deliveries(endpoint.id, events);
    assert.ok(deliveries.every((delivery) => delivery.status === 'succeeded' && delivery.attempts === 1));
    await webhooks.remove(endpoint.id);
  });

  it('stops on close() with a delivery in flight, which is sent again later, not lost', async () => {
    receiver.received.length = 0;
    receiver.fallback = 'hang';
    const webhooks = webhooksOf();
    const { endpoint } = await webhooks.create({ url: receiver.url, events: ['conversation.closed'] });
    await recordWebhookEvent(engine().db, 'conversation.closed', { id: 'conv_1' }, Date.now());
    const worker = createWebhookWorker(engine().db, { now: Date.now, allowPrivate: true, pollMs: 10, ...quiet });
    worker.start();
    await receiver.waitFor(1);
    await worker.close();
    const [delivery] = await webhooks.deliveries(endpoint.id);
    assert.equal(delivery?.status, 'pending');
    assert.equal(delivery?.attempts, 0, 'an attempt cut short by a shutdown is not counted');
    const row = await engine().db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.lease_until, null, 'the claim is given back');

    receiver.fallback = 200;
    const next = createWebhookWorker(engine().db, { now: Date.now, allowPrivate: true, ...quiet });
    assert.equal(await next.runOnce(), 1);
    assert.equal((await webhooks.deliveries(endpoint.id))[0]?.status, 'succeeded');
    await next.close();
    await webhooks.remove(endpoint.id);
  });
});
