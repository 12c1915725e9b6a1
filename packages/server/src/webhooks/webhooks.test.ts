// Webhooks as a store's developer meets them (decision 0022, docs/server.md "Webhooks"): an
// endpoint registered through /admin/v1, events caused by shoppers through /v1, and a real
// receiver on 127.0.0.1 that fails before it succeeds, is down across a restart, or never
// recovers. Each delivery's signature is checked with the verification function docs/server.md
// shows, taken from the page. On the tests' database (SQLite file; PostgreSQL in node-postgres).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { RunningServer, ServerOptions } from '../server.js';
import { startTestServer, testDatabase } from '../routes/test-helpers.js';
import { guardedLookup } from './address.js';
import { postWebhook } from './post.js';
import { startReceiver, type TestReceiver } from './receiver.test-support.js';
import type { WebhookDelivery } from './webhooks.js';

const ADMIN_KEY = 'test-bootstrap-key-webhooks-0123456789abcdef';
type Verify = (secret: string, headers: Headers, rawBody: string) => Promise<boolean>;

/** The `ts` block of docs/server.md that defines verifyKefuWebhook, as a module of its own. */
async function documentedVerifier(dir: string): Promise<Verify> {
  const page = readFileSync(new URL('../../../../docs/server.md', import.meta.url), 'utf8');
  const block = [...page.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((code) => code.includes('export async function verifyKefuWebhook'));
  assert.ok(block, 'docs/server.md shows verifyKefuWebhook in a ts block');
  const file = join(dir, 'verify-kefu-webhook.ts');
  writeFileSync(file, block);
  return ((await import(pathToFileURL(file).href)) as { verifyKefuWebhook: Verify }).verifyKefuWebhook;
}

async function admin<T>(server: RunningServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.origin}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A shopper rates the store in the widget (POST /v1/surveys/responses). */
async function answerSurvey(server: RunningServer, score: number, comment?: string) {
  const response = await fetch(`${server.origin}/v1/surveys/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      kind: 'nps',
      score,
      subject: { type: 'store', id: 'demo' },
      ...(comment ? { comment } : {}),
    }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { id: string };
}

/** The endpoint's deliveries once `done` holds for them (polled; fails after 15 s). */
async function deliveriesWhen(
  server: RunningServer,
  endpointId: string,
  done: (deliveries: WebhookDelivery[]) => boolean,
): Promise<WebhookDelivery[]> {
  for (const deadline = Date.now() + 15_000; ; await delay(25)) {
    const { body } = await admin<{ deliveries: WebhookDelivery[] }>(
      server,
      'GET',
      `/webhooks/${endpointId}/deliveries`,
    );
    if (done(body.deliveries)) return body.deliveries;
    if (Date.now() > deadline) assert.fail(`deliveries never got there: ${JSON.stringify(body.deliveries)}`);
  }
}

describe('webhooks', () => {
  let dataDir: string;
  let options: ServerOptions;
  let server: RunningServer;
  let receiver: TestReceiver;
  let verify: Verify;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-webhooks-'));
    const database = await testDatabase(dataDir);
    options = {
      port: 0,
      dataDir,
      ...(database === undefined ? {} : { database }),
      adminKey: ADMIN_KEY,
      // Retries after 150 ms instead of 10 s, …; three retries, then failed.
      webhooks: { allowPrivate: true, retryDelaysMs: [150, 150, 150], pollMs: 25 },
      // A chat can be started (and closed) at any hour.
      chatAlwaysOpen: true,
    };
    server = await startTestServer(options);
    receiver = await startReceiver();
    verify = await documentedVerifier(dataDir);
  });
  after(async () => {
    await server.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers an event once after the receiver answered 500 twice: signed, with one id throughout', async () => {
    const added = await admin<{ id: string; secret: string; events: string[] }>(server, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['survey.answered'],
      description: 'CRM',
    });
    assert.equal(added.status, 201);
    assert.match(added.body.secret, /^whsec_[\w-]{43}$/);
    const listed = await admin<{ webhooks: Record<string, unknown>[] }>(server, 'GET', '/webhooks');
    assert.deepEqual(
      listed.body.webhooks.map((webhook) => [webhook.id, webhook.url, webhook.events, 'secret' in webhook]),
      [[added.body.id, receiver.url, ['survey.answered'], false]],
    );

    receiver.answers = [500, 500];
    const answer = await answerSurvey(server, 9, 'Quick and friendly');
    const [delivery] = await deliveriesWhen(server, added.body.id, ([first]) => first?.status === 'succeeded');
    assert.equal(receiver.received.length, 3);
    assert.deepEqual(
      receiver.received.map((request) => request.status),
      [500, 500, 200],
    );

    const ids = new Set(receiver.received.map((request) => request.headers.get('kefu-webhook-id')));
    assert.equal(ids.size, 1, 'the same Kefu-Webhook-Id on every attempt');
    const bodies = new Set(receiver.received.map((request) => request.body));
    assert.equal(bodies.size, 1, 'the same bytes on every attempt');
    for (const request of receiver.received)
      assert.equal(await verify(added.body.secret, request.headers, request.body), true, 'signed as documented');
    const last = receiver.received[2];
    assert.ok(last);
    assert.equal(await verify(`${added.body.secret}x`, last.headers, last.body), false, 'another secret fails');
    assert.equal(
      await verify(added.body.secret, last.headers, last.body.replace('9', '10')),
      false,
      'a changed body fails',
    );

    const event = JSON.parse(last.body) as {
      id: string;
      type: string;
      createdAt: string;
      data: Record<string, unknown>;
    };
    assert.equal(event.id, last.headers.get('kefu-webhook-id'));
    assert.equal(event.type, 'survey.answered');
    assert.deepEqual(event.data, {
      id: answer.id,
      kind: 'nps',
      score: 9,
      comment: 'Quick and friendly',
      subject: { type: 'store', id: 'demo' },
      createdAt: event.data.createdAt,
    });

    assert.equal(delivery?.attempts, 3);
    assert.equal(delivery?.eventId, event.id);
    assert.deepEqual(
      delivery?.attemptLog.map((attempt) => attempt.statusCode),
      [200, 500, 500],
    );
    // Nothing is due any more: the succeeded delivery is never sent again.
    assert.equal(await server.services.webhooks.worker.runOnce(), 0);
    await delay(200);
    assert.equal(receiver.received.length, 3);

    assert.equal((await admin(server, 'DELETE', `/webhooks/${added.body.id}`)).status, 204);
    assert.equal((await admin(server, 'DELETE', `/webhooks/${added.body.id}`)).status, 404);
  });

  it('sends a return, a callback and a closed chat as they happen, without the chat shopper’s name or e-mail', async () => {
    receiver.received.length = 0;
    receiver.fallback = 200;
    const added = await admin<{ id: string; secret: string }>(server, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['return.created', 'callback.requested', 'conversation.closed'],
    });
    const v1 = async <T>(path: string, body: unknown, token?: string) => {
      const response = await fetch(`${server.origin}/v1${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      assert.ok(response.ok, `${path}: ${response.status} ${response.ok ? '' : await response.text()}`);
      return (await response.json()) as T;
    };
    // A shopper returns a vase of a demo order, books a call, and chats (then ends the chat).
    const access = await v1<{ accessToken: string }>('/orders/lookup', {
      orderNumber: 'MM-1003',
      email: 'lena.schmidt@example.com',
    });
    const made = await v1<{ id: string; rma: string }>(
      '/returns',
      {
        orderId: 'ord_1003',
        resolution: 'refund',
        items: [{ itemId: 'item_1003_2', quantity: 1, reason: 'changed_mind', photoIds: [] }],
      },
      access.accessToken,
    );
    const slotsAnswer = await fetch(
      `${server.origin}/v1/callbacks/slots?from=${new Date().toISOString().slice(0, 10)}&days=14`,
    );
    const [slot] = ((await slotsAnswer.json()) as { slots: { start: string }[] }).slots;
    assert.ok(slot, 'a free call-back slot');
    const booked = await v1<{ id: string }>('/callbacks', {
      name: 'Ana Lima',
      phone: '+33612345678',
      slot: slot.start,
      timezone: 'Europe/Lisbon',
      topic: 'My return',
      consent: true,
    });
    const chat = await v1<{ id: string; token: string }>('/conversations', {
      name: 'Ana',
      email: 'ana@example.com',
      topic: 'Where is my order?',
      orderNumber: 'MM-1001',
    });
    await v1(`/conversations/${chat.id}/close`, {}, chat.token);

    await receiver.waitFor(3);
    const events = receiver.received.map(
      (request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> },
    );
    const byType = new Map(events.map((event) => [event.type, event.data]));
    assert.deepEqual([...byType.keys()].sort(), ['callback.requested', 'conversation.closed', 'return.created']);
    assert.equal(byType.get('return.created')?.id, made.id);
    assert.equal(byType.get('return.created')?.rma, made.rma);
    assert.equal(byType.get('return.created')?.orderNumber, 'MM-1003');
    assert.equal(byType.get('callback.requested')?.id, booked.id);
    assert.equal(byType.get('callback.requested')?.phone, '+33612345678');
    assert.ok(!JSON.stringify(byType.get('callback.requested')).includes('cancel'), 'no cancel token');
    const closed = byType.get('conversation.closed');
    assert.equal(closed?.id, chat.id);
    assert.equal(closed?.orderNumber, 'MM-1001');
    assert.equal(typeof closed?.closedAt, 'string');
    assert.ok(!/Ana|ana@example/.test(JSON.stringify(closed)), 'no name or e-mail');
    for (const request of receiver.received) assert.ok(await verify(added.body.secret, request.headers, request.body));
    await admin(server, 'DELETE', `/webhooks/${added.body.id}`);
  });

  it('loses nothing when the receiver is down across a restart of the server', async () => {
    receiver.received.length = 0;
    const added = await admin<{ id: string; secret: string }>(server, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['survey.answered'],
    });
    receiver.fallback = 503;
    await answerSurvey(server, 3);
    await deliveriesWhen(server, added.body.id, ([first]) => (first?.attempts ?? 0) >= 1);
    await server.close();

    const whileDown = receiver.received.length;
    receiver.fallback = 200;
    server = await startTestServer(options);
    const [delivery] = await deliveriesWhen(server, added.body.id, ([first]) => first?.status === 'succeeded');
    assert.ok(receiver.received.length > whileDown);
    assert.equal(receiver.received.filter((request) => request.status === 200).length, 1);
    assert.equal(new Set(receiver.received.map((request) => request.headers.get('kefu-webhook-id'))).size, 1);
    assert.equal(delivery?.attempts, receiver.received.length);
    const last = receiver.received.at(-1);
    assert.ok(last && (await verify(added.body.secret, last.headers, last.body)));
    await admin(server, 'DELETE', `/webhooks/${added.body.id}`);
  });

  it('gives up after the last retry, and sends a failed delivery again when asked', async () => {
    receiver.received.length = 0;
    const added = await admin<{ id: string }>(server, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['survey.answered'],
    });
    receiver.fallback = 500;
    await answerSurvey(server, 0);
    const [failed] = await deliveriesWhen(server, added.body.id, ([first]) => first?.status === 'failed');
    assert.equal(failed?.attempts, 4, 'the first attempt and three retries');
    assert.equal(failed?.lastStatusCode, 500);
    assert.equal(receiver.received.length, 4);

    receiver.fallback = 200;
    const again = await admin<WebhookDelivery>(
      server,
      'POST',
      `/webhooks/${added.body.id}/deliveries/${failed?.id}/redeliver`,
    );
    assert.equal(again.status, 202);
    assert.equal(again.body.eventId, failed?.eventId);
    const deliveries = await deliveriesWhen(server, added.body.id, ([first]) => first?.status === 'succeeded');
    assert.deepEqual(
      deliveries.map((delivery) => [delivery.status, delivery.eventId]),
      [
        ['succeeded', failed?.eventId],
        ['failed', failed?.eventId],
      ],
    );
    const refused = await admin<{ error: { code: string } }>(
      server,
      'POST',
      `/webhooks/${added.body.id}/deliveries/${again.body.id}/redeliver`,
    );
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'delivery_not_failed');
    await admin(server, 'DELETE', `/webhooks/${added.body.id}`);
  });
});

describe('webhooks without KEFU_WEBHOOKS_ALLOW_PRIVATE', () => {
  let server: RunningServer;
  let receiver: TestReceiver;
  before(async () => {
    server = await startTestServer({ port: 0, demo: false, adminKey: ADMIN_KEY });
    receiver = await startReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it('needs a key with the scope webhooks:write for every webhook route', async () => {
    const { key } = await server.services.admin.keys.create('order sync', ['orders:write', 'read']);
    const routes = [
      ['POST', '/webhooks'],
      ['GET', '/webhooks'],
      ['DELETE', '/webhooks/wh_1'],
      ['GET', '/webhooks/wh_1/deliveries'],
      ['POST', '/webhooks/wh_1/deliveries/whd_1/redeliver'],
    ] as const;
    for (const [method, path] of routes) {
      const call = (authorization?: string) =>
        fetch(`${server.origin}/admin/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
      assert.equal((await call()).status, 401, `${method} ${path} without a key`);
      const underScoped = await call(`Bearer ${key}`);
      assert.equal(underScoped.status, 403, `${method} ${path}`);
      assert.equal(((await underScoped.json()) as { error: { scope: string } }).error.scope, 'webhooks:write');
    }
  });

  it('refuses loopback, private and non-http addresses, and accepts a public https one', async () => {
    for (const url of [
      receiver.url,
      'http://localhost:8080/hooks',
      'http://[::1]/hooks',
      'http://10.1.2.3/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/hooks',
      'ftp://shop.example/hooks',
      'https://user:secret@shop.example/hooks',
      'not a url',
    ]) {
      const refused = await admin<{ error: { code: string; fields: Record<string, string> } }>(
        server,
        'POST',
        '/webhooks',
        { url, events: ['return.created'] },
      );
      assert.equal(refused.status, 422, url);
      assert.ok(refused.body.error.fields.url, url);
    }
    const unknownEvent = await admin<{ error: { fields: Record<string, string> } }>(server, 'POST', '/webhooks', {
      url: 'https://shop.example/hooks',
      events: ['order.created'],
    });
    assert.equal(unknownEvent.status, 422);
    assert.ok(Object.keys(unknownEvent.body.error.fields).some((field) => field.startsWith('events')));
    const added = await admin(server, 'POST', '/webhooks', {
      url: 'https://shop.example/hooks',
      events: ['return.created'],
    });
    assert.equal(added.status, 201);
  });

  it('does not send to a private address, however the URL got there, nor to a name that resolves to one', async () => {
    const send = (url: string) =>
      postWebhook(url, {}, '{}', { timeoutMs: 2000, allowPrivate: false, signal: new AbortController().signal });
    assert.deepEqual(await send(receiver.url), { error: '127.0.0.1 is a private address' });
    const byName = await send(receiver.url.replace('127.0.0.1', 'localhost'));
    assert.ok('error' in byName && /private address/.test(byName.error), JSON.stringify(byName));
    assert.equal(receiver.received.length, 0);
    // The same lookup lets a public answer through (resolved here without the network: an IP literal).
    await new Promise<void>((resolve, reject) =>
      guardedLookup('93.184.215.14', {}, (error) => (error ? reject(error) : resolve())),
    );
  });
});
