import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallbackSlot, ChatMessage, Conversation, OrderAccess } from '@kefu/core';
import { createDemoOrders } from '@kefu/core/seed';
import { type RunningServer } from '../server.js';
import { agentCookie, startTestServer } from '../routes/test-helpers.js';

/** A 1×1 PNG. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('the agent console’s API: orders, attachments, callbacks, returns, surveys', () => {
  let server: RunningServer;
  let dataDir: string;
  let cookie: string;
  /** How far the server's clock runs ahead of the real one: a callback's slot can be made to come. */
  let clockShift = 0;

  async function signIn(): Promise<void> {
    cookie = await agentCookie(server);
  }

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-console-'));
    server = await startTestServer({ port: 0, dataDir, now: () => Date.now() + clockShift });
    await signIn();
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function v1<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${server.origin}/v1${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
  }

  async function agent<T>(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.origin}/agent/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  it('shows the order a shopper named, and whether its email is theirs', async () => {
    const [seed] = createDemoOrders(new Date());
    assert.ok(seed);
    const theirs = await v1<Conversation>('POST', '/conversations', {
      body: { name: 'Ana', email: seed.email.toUpperCase(), topic: 'Order', orderNumber: seed.order.number },
    });
    const detail = await agent<{ order: { number: string; items: unknown[]; emailMatches: boolean } | null }>(
      'GET',
      `/conversations/${theirs.body.id}`,
    );
    assert.equal(detail.body.order?.number, seed.order.number);
    assert.equal(detail.body.order?.items.length, seed.order.items.length);
    assert.equal(detail.body.order?.emailMatches, true);

    const someoneElse = await v1<Conversation>('POST', '/conversations', {
      body: { name: 'Eve', email: 'eve@example.com', topic: 'Order', orderNumber: seed.order.number },
    });
    const other = await agent<{ order: { emailMatches: boolean } | null }>(
      'GET',
      `/conversations/${someoneElse.body.id}`,
    );
    assert.equal(other.body.order?.emailMatches, false);
  });

  it('attaches a photo uploaded with the conversation’s token, and shows it to agents only', async () => {
    const conversation = (
      await v1<Conversation>('POST', '/conversations', {
        body: { name: 'Ana', email: 'ana@example.com', topic: 'Damaged' },
      })
    ).body;
    const form = new FormData();
    form.append('file', new Blob([tinyPng], { type: 'image/png' }), 'photo.png');
    const upload = await fetch(`${server.origin}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conversation.token}`, 'idempotency-key': crypto.randomUUID() },
      body: form,
    });
    assert.equal(upload.status, 201);
    const photo = (await upload.json()) as { id: string };

    const sent = await v1<ChatMessage>('POST', `/conversations/${conversation.id}/messages`, {
      token: conversation.token,
      body: { clientId: crypto.randomUUID(), text: '', attachmentIds: [photo.id] },
    });
    assert.equal(sent.status, 201);
    const [attachment] = sent.body.attachments ?? [];
    assert.equal(attachment?.contentType, 'image/png');
    assert.ok(attachment);

    // The console links its own route, behind the agent's session (the message's url is the shopper's).
    const consoleUrl = `${server.origin}/agent/api/uploads/${attachment.id}`;
    const asAgent = await fetch(consoleUrl, { headers: { cookie } });
    assert.equal(asAgent.status, 200);
    assert.equal(asAgent.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await asAgent.arrayBuffer()), tinyPng);
    assert.equal((await fetch(consoleUrl)).status, 401);

    // Another conversation cannot attach this photo.
    const other = (
      await v1<Conversation>('POST', '/conversations', { body: { name: 'Bo', email: 'bo@example.com', topic: 'x' } })
    ).body;
    const stolen = await v1<{ error: { fields: Record<string, string> } }>(
      'POST',
      `/conversations/${other.id}/messages`,
      { token: other.token, body: { clientId: crypto.randomUUID(), text: 'look', attachmentIds: [photo.id] } },
    );
    assert.equal(stolen.status, 422);
    assert.ok(stolen.body.error.fields['attachmentIds']);
  });

  it('lists callbacks and records the outcome of a call', async () => {
    const from = new Date().toISOString().slice(0, 10);
    const { slots } = (await v1<{ slots: CallbackSlot[] }>('GET', `/callbacks/slots?from=${from}&days=7`)).body;
    const slot = slots[0];
    assert.ok(slot, 'the demo store offers a slot this week');
    const requested = await v1<{ id: string }>('POST', '/callbacks', {
      body: {
        name: 'Ana Lima',
        phone: '+33612345678',
        slot: slot.start,
        timezone: 'Europe/Lisbon',
        topic: 'My return',
        consent: true,
      },
    });
    assert.equal(requested.status, 201);

    const listed = await agent<{ callbacks: { id: string; status: string; phone: string }[] }>('GET', '/callbacks');
    const mine = listed.body.callbacks.find((callback) => callback.id === requested.body.id);
    assert.equal(mine?.status, 'scheduled');
    assert.equal(mine?.phone, '+33612345678');
    assert.equal((listed.body as { storeTimezone?: string }).storeTimezone, 'Europe/Paris');

    // The shopper was promised the slot's time: calling them before it is not "called".
    const early = await agent<{ error: { code: string; message: string } }>('POST', `/callbacks/${requested.body.id}`, {
      status: 'called',
    });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'callback_not_due');
    assert.match(early.body.error.message, /This call is due on .+ at \d\d:\d\d \(Europe\/Paris\)/);

    clockShift = Date.parse(slot.start) - Date.now();
    // Late in the day the first slot is tomorrow's, further off than a session may sit idle
    // (12 hours): the agent at work then has signed in that day.
    await signIn();
    try {
      const marked = await agent<{ status: string }>('POST', `/callbacks/${requested.body.id}`, { status: 'called' });
      assert.equal(marked.body.status, 'called');
      // A mis-click is undone: the callback is to call again.
      const undone = await agent<{ status: string }>('POST', `/callbacks/${requested.body.id}/reopen`, {});
      assert.equal(undone.status, 200);
      assert.equal(undone.body.status, 'scheduled');
      const again = await agent<{ error: { code: string } }>('POST', `/callbacks/${requested.body.id}/reopen`, {});
      assert.equal(again.status, 409);
      const wrong = await agent('POST', `/callbacks/${requested.body.id}`, { status: 'maybe' });
      assert.equal(wrong.status, 422);
    } finally {
      clockShift = 0;
      await signIn();
    }
  });

  it('approves a return with a label link, refuses a link that is not http(s), and rejects with a reason', async () => {
    const now = Date.now();
    const returnable = createDemoOrders(new Date(now)).flatMap((seed) =>
      seed.order.items
        .filter(
          (item) =>
            !item.finalSale &&
            item.returnableQuantity >= 1 &&
            item.returnDeadline !== undefined &&
            Date.parse(item.returnDeadline) > now,
        )
        .map((item) => ({ seed, item })),
    );
    assert.ok(returnable.length >= 2, 'the demo orders have two returnable lines');
    const ids: string[] = [];
    for (const { seed, item } of returnable.slice(0, 2)) {
      const access = await v1<OrderAccess>('POST', '/orders/lookup', {
        body: { orderNumber: seed.order.number, email: seed.email },
      });
      const created = await v1<{ id: string }>('POST', '/returns', {
        token: access.body.accessToken,
        body: {
          orderId: seed.order.id,
          items: [{ itemId: item.id, quantity: 1, reason: 'changed_mind', photoIds: [] }],
          resolution: 'refund',
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids.push(created.body.id);
    }
    const [approveId, rejectId] = ids as [string, string];

    const listed = await agent<{ returns: { id: string; status: string; orderNumber: string }[] }>('GET', '/returns');
    assert.ok(listed.body.returns.some((record) => record.id === approveId && record.status === 'requested'));

    const badLink = await agent<{ error: { fields: Record<string, string> } }>(
      'POST',
      `/returns/${approveId}/approve`,
      { labelUrl: 'javascript:alert(1)' },
    );
    assert.equal(badLink.status, 422);
    assert.ok(badLink.body.error.fields['labelUrl']);

    const approved = await agent<{ status: string; labelUrl: string }>('POST', `/returns/${approveId}/approve`, {
      labelUrl: 'https://labels.example/RMA.pdf',
    });
    assert.equal(approved.body.status, 'approved');
    assert.equal(approved.body.labelUrl, 'https://labels.example/RMA.pdf');

    const rejected = await agent<{ status: string; rejectionReason: string }>('POST', `/returns/${rejectId}/reject`, {
      reason: 'Worn and washed.',
    });
    assert.equal(rejected.body.status, 'rejected');
    assert.equal(rejected.body.rejectionReason, 'Worn and washed.');

    // The audit log, which only an admin (Mei, the demo's) reads, says who decided which return, how.
    const decided = new Map(
      listed.body.returns.filter((record) => ids.includes(record.id)).map((record) => [record.id, record]),
    );
    const audit = await agent<{
      entries: { actor: { name: string }; action: string; subject: { id: string }; summary: string }[];
    }>('GET', '/audit?limit=100');
    const rmaOf = async (id: string) =>
      (await agent<{ returns: { id: string; rma: string }[] }>('GET', '/returns')).body.returns.find((r) => r.id === id)
        ?.rma;
    const [approvedRma, rejectedRma] = [await rmaOf(approveId), await rmaOf(rejectId)];
    assert.ok(decided.size === 2 && approvedRma && rejectedRma);
    const approval = audit.body.entries.find((entry) => entry.action === 'return.approved');
    assert.deepEqual(approval && { who: approval.actor.name, rma: approval.subject.id, summary: approval.summary }, {
      who: 'Mei',
      rma: approvedRma,
      summary: 'Label https://labels.example/RMA.pdf',
    });
    const rejection = audit.body.entries.find((entry) => entry.action === 'return.rejected');
    assert.deepEqual(
      rejection && { who: rejection.actor.name, rma: rejection.subject.id, summary: rejection.summary },
      { who: 'Mei', rma: rejectedRma, summary: 'Reason: Worn and washed.' },
    );
    const lin = await agentCookie(server, { name: 'Lin' });
    const refused = await fetch(`${server.origin}/agent/api/audit`, { headers: { cookie: lin } });
    assert.equal(refused.status, 403, 'an agent who is not an admin does not read the audit log');
  });

  it('sums survey answers: CSAT and CES averages, the NPS, day by day', async () => {
    for (const [kind, score] of [
      ['csat', 5],
      ['csat', 4],
      ['nps', 10],
      ['nps', 3],
      ['ces', 2],
    ] as const) {
      const answered = await v1('POST', '/surveys/responses', {
        body: { kind, score, subject: { type: 'store', id: 'demo' } },
      });
      assert.equal(answered.status, 201);
    }
    const stats = await agent<{
      csat: { average: number; count: number };
      nps: { score: number; count: number };
      ces: { average: number };
      byDay: { count: number }[];
    }>('GET', '/surveys/stats?days=30');
    assert.equal(stats.body.csat.average, 4.5);
    assert.equal(stats.body.nps.score, 0);
    assert.equal(stats.body.ces.average, 2);
    assert.equal(stats.body.byDay.length, 30);
    assert.equal(stats.body.byDay.at(-1)?.count, 5);
  });
});
