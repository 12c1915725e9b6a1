import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CallbackRecord,
  CallbackSlot,
  ChatMessage,
  Conversation,
  Order,
  OrderAccess,
  ReturnRecord,
  UploadedAttachment,
  UploadedPhoto,
} from '@kefu/core';
import { call, tinyPng, uploadFile, startTestServer } from '../routes/test-helpers.js';
import { listCallbacks } from './admin.js';

describe('a restart on the same data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps returns, uploads, callbacks, tokens, idempotency records, file links and the seed as they were', async () => {
    const lookup = { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' };
    const first = await startTestServer({ port: 0, dataDir });
    let base = `${first.origin}/v1`;
    const access = (await call<OrderAccess>(base, 'POST', '/orders/lookup', { body: lookup })).body;
    const photo = (await uploadFile(base, tinyPng, { token: access.accessToken, key: crypto.randomUUID() }))
      .body as UploadedPhoto;
    const returnKey = crypto.randomUUID();
    const returnInput = {
      orderId: 'ord_1004',
      resolution: 'refund',
      items: [{ itemId: 'item_1004_1', quantity: 1, reason: 'damaged', photoIds: [photo.id] }],
    };
    const created = await call<ReturnRecord>(base, 'POST', '/returns', {
      body: returnInput,
      key: returnKey,
      token: access.accessToken,
    });
    assert.equal(created.status, 201);
    const slot = (
      await call<{ slots: CallbackSlot[] }>(base, 'GET', `/callbacks/slots?from=${new Date().toISOString()}&days=7`)
    ).body.slots[0]!;
    const callback = await call<CallbackRecord>(base, 'POST', '/callbacks', {
      key: crypto.randomUUID(),
      body: {
        name: 'Ana',
        phone: '+33612345678',
        slot: slot.start,
        timezone: 'Europe/Paris',
        topic: 'Return',
        consent: true,
      },
    });
    assert.equal(callback.status, 201);
    const orderBefore = (await call<Order>(base, 'GET', '/orders/ord_1004', { token: access.accessToken })).body;
    const conversation = (
      await call<Conversation>(base, 'POST', '/conversations', {
        key: crypto.randomUUID(),
        body: { name: 'Ana', email: 'ana.garcia@example.com', topic: 'A photo' },
      })
    ).body;
    const chatPhoto = (await uploadFile(base, tinyPng, { token: conversation.token, key: crypto.randomUUID() }))
      .body as UploadedAttachment;
    const withPhoto = await call<ChatMessage>(base, 'POST', `/conversations/${conversation.id}/messages`, {
      token: conversation.token,
      body: { clientId: crypto.randomUUID(), text: 'Here', attachmentIds: [chatPhoto.id] },
    });
    const fileUrl = withPhoto.body.attachments?.[0]?.url ?? '';
    assert.equal((await fetch(`${base}${fileUrl}`)).status, 200);
    await first.close();

    const second = await startTestServer({ port: 0, dataDir });
    base = `${second.origin}/v1`;
    try {
      // The access token still opens the order, which still shows the return.
      const order = await call<Order>(base, 'GET', '/orders/ord_1004', { token: access.accessToken });
      assert.deepEqual(order.body, orderBefore);
      const fetched = await call<ReturnRecord>(base, 'GET', `/returns/${created.body.id}`, {
        token: access.accessToken,
      });
      assert.deepEqual(fetched.body, created.body);
      // A retry of the create after the restart gets the stored answer, not a second return.
      const retried = await call(base, 'POST', '/returns', {
        body: returnInput,
        key: returnKey,
        token: access.accessToken,
      });
      assert.equal(retried.text, created.text);

      assert.deepEqual(
        (await listCallbacks(second.services)).map((record) => [record.id, record.status, record.slot.start]),
        [[callback.body.id, 'scheduled', slot.start]],
      );
      const cancelled = await call<CallbackRecord>(base, 'POST', `/callbacks/${callback.body.id}/cancel`, {
        token: callback.body.cancelToken,
      });
      assert.equal(cancelled.body.status, 'cancelled');
      // A chat file's address, signed with the database's key, still opens it.
      const file = await fetch(`${base}${fileUrl}`);
      assert.equal(file.status, 200);
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), tinyPng);
      // The seed ran once: still the ten demo orders.
      assert.equal((await second.deps.engine.db.selectFrom('orders').select('id').execute()).length, 10);
    } finally {
      await second.close();
    }
  });
});
