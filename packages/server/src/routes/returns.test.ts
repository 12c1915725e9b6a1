import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Order, OrderAccess, ReturnRecord, UploadedPhoto } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { type RunningServer } from '../server.js';
import { findUpload } from '../services/admin.js';
import { call, errorOf, IDENTITY_SECRET, identityToken, tinyPng, uploadFile, startTestServer } from './test-helpers.js';

describe('returns and uploads over HTTP', () => {
  let server: RunningServer;
  let base: string;
  before(async () => {
    server = await startTestServer({ port: 0, identitySecret: IDENTITY_SECRET });
    base = `${server.origin}/v1`;
  });
  after(() => server.close());

  const lookUp = async (orderNumber: string, email: string) =>
    (await call<OrderAccess>(base, 'POST', '/orders/lookup', { body: { orderNumber, email } })).body;
  const oneItem = (orderId: string, itemId: string, overrides: Record<string, unknown> = {}) => ({
    orderId,
    resolution: 'refund',
    items: [{ itemId, quantity: 1, reason: 'changed_mind', photoIds: [], ...overrides }],
  });
  const create = (body: unknown, token: string | undefined, key: string = crypto.randomUUID()) =>
    call<ReturnRecord>(base, 'POST', '/returns', { body, key, ...(token === undefined ? {} : { token }) });
  const fieldsOf = async (body: unknown, token: string) => {
    const answer = await create(body, token);
    assert.equal(answer.status, 422, answer.text);
    assert.equal(errorOf(answer).code, 'validation_failed');
    return errorOf(answer).fields ?? {};
  };

  it('creates a return: 201, an RMA, status requested, and one less to return on the order', async () => {
    const access = await lookUp('MM-1003', 'lena.schmidt@example.com');
    const key = crypto.randomUUID();
    const input = oneItem('ord_1003', 'item_1003_2', { quantity: 2, comment: 'Chipped' });
    const first = await create(input, access.accessToken, key);
    assert.equal(first.status, 201);
    assert.match(first.body.rma, /^RMA-\d+$/);
    assert.equal(first.body.status, 'requested');
    assert.equal(first.body.orderId, 'ord_1003');
    assert.deepEqual(first.body.items, input.items);

    const order = (await call<Order>(base, 'GET', '/orders/ord_1003', { token: access.accessToken })).body;
    assert.equal(order.items.find((item) => item.id === 'item_1003_2')!.returnableQuantity, 2);
    assert.deepEqual(order.returns.at(-1), {
      id: first.body.id,
      rma: first.body.rma,
      status: 'requested',
      createdAt: first.body.createdAt,
    });

    // The same key and body: the first answer again, and no second return.
    const again = await create(input, access.accessToken, key);
    assert.equal(again.status, 201);
    assert.equal(again.text, first.text);
    const after = (await call<Order>(base, 'GET', '/orders/ord_1003', { token: access.accessToken })).body;
    assert.equal(after.items.find((item) => item.id === 'item_1003_2')!.returnableQuantity, 2);
    assert.equal(after.returns.filter((summary) => summary.id === first.body.id).length, 1);

    // The same key, another body.
    const reused = await create(oneItem('ord_1003', 'item_1003_2'), access.accessToken, key);
    assert.equal(reused.status, 409);
    assert.equal(errorOf(reused).code, 'idempotency_key_reused');

    const fetched = await call<ReturnRecord>(base, 'GET', `/returns/${first.body.id}`, { token: access.accessToken });
    assert.deepEqual(fetched.body, first.body);
  });

  it('numbers returns after RMA-4000 and marks a line already_returned once all of it went back', async () => {
    const access = await lookUp('MM-1004', 'ana.garcia@example.com');
    const record = (await create(oneItem('ord_1004', 'item_1004_2'), access.accessToken)).body;
    assert.ok(Number(record.rma.slice(4)) > 4000);
    const order = (await call<Order>(base, 'GET', '/orders/ord_1004', { token: access.accessToken })).body;
    const item = order.items.find((candidate) => candidate.id === 'item_1004_2')!;
    assert.equal(item.returnableQuantity, 0);
    assert.equal(item.notReturnableReason, 'already_returned');
    const fields = await fieldsOf(oneItem('ord_1004', 'item_1004_2'), access.accessToken);
    assert.deepEqual(fields, { 'items.0.itemId': 'This item has already been returned.' });
  });

  it('needs the order’s token: 401 without one, with another order’s, 404 for an unknown return', async () => {
    const access = await lookUp('MM-1004', 'ana.garcia@example.com');
    const other = await lookUp('MM-1003', 'lena.schmidt@example.com');
    const input = oneItem('ord_1004', 'item_1004_1');
    assert.equal((await create(input, undefined)).status, 401);
    assert.equal((await create(input, other.accessToken)).status, 401);
    assert.equal((await create(input, 'not-a-token')).status, 401);
    const missing = await call(base, 'GET', '/returns/ret_nope', { token: access.accessToken });
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'return_not_found');
  });

  it('answers a stranger 401, not field messages about a body it should not have judged', async () => {
    const answer = await create({ orderId: 'ord_1004', items: [], resolution: 'refund' }, undefined);
    assert.equal(answer.status, 401);
  });

  it('needs an Idempotency-Key (400) before it looks at the token or the body', async () => {
    const answer = await call(base, 'POST', '/returns', { body: {} });
    assert.equal(answer.status, 400);
    assert.equal(errorOf(answer).code, 'idempotency_key_required');
  });

  it('names every mistake after its input path, as the memory backend does', async () => {
    const access = await lookUp('MM-1006', 'priya.patel@example.com');
    const token = access.accessToken;
    assert.deepEqual(await fieldsOf(oneItem('ord_1006', 'item_1006_1', { quantity: 2 }), token), {
      'items.0.quantity': 'Choose a quantity from 1 to 1.',
    });
    assert.deepEqual(await fieldsOf(oneItem('ord_1006', 'item_1006_1', { reason: 'damaged' }), token), {
      'items.0.photoIds': 'Please add at least one photo for this reason.',
    });
    assert.deepEqual(await fieldsOf(oneItem('ord_1006', 'item_1006_3'), token), {
      'items.0.itemId': 'This item was a final sale and cannot be returned.',
    });
    assert.deepEqual(await fieldsOf(oneItem('ord_1006', 'item_1006_1', { reason: 'no_such_reason' }), token), {
      'items.0.reason': 'Choose a reason from the list.',
    });
    assert.deepEqual(await fieldsOf({ orderId: 'ord_1006', resolution: 'refund', items: [] }, token), {
      items: 'Choose at least one item to return.',
    });
    assert.deepEqual(await fieldsOf(oneItem('ord_1006', 'item_1006_1', { photoIds: ['upl_unknown'] }), token), {
      'items.0.photoIds': 'A photo is missing; please add it again.',
    });
    assert.deepEqual(
      await fieldsOf({ ...oneItem('ord_1006', 'item_1006_1'), resolution: 'exchange', items: [null] }, token),
      // Not the shape of the contract's ReturnInput: the route's schema answers, before the store's rules.
      { 'items.0': 'Invalid input: expected object, received null' },
    );
    assert.deepEqual(
      await fieldsOf(
        { ...oneItem('ord_1006', 'item_1006_4', { exchangeVariantId: 'nope' }), resolution: 'exchange' },
        token,
      ),
      {
        'items.0.itemId': 'This item has already been returned.',
        'items.0.exchangeVariantId': 'Choose the size or colour you want instead.',
      },
    );
  });

  it('refuses items whose return window has closed', async () => {
    const access = await lookUp('MM-1005', 'james.walker@example.com');
    assert.deepEqual(await fieldsOf(oneItem('ord_1005', 'item_1005_1'), access.accessToken), {
      'items.0.itemId': 'The return window for this item has closed.',
    });
  });

  it('refuses a reason that does not apply to the item’s category with a 422 field error', async () => {
    const access = await lookUp('MM-1003', 'lena.schmidt@example.com');
    // item_1003_2 is a stoneware dinner plate: "Too small" is a reason for clothes only.
    assert.deepEqual(await fieldsOf(oneItem('ord_1003', 'item_1003_2', { reason: 'too_small' }), access.accessToken), {
      'items.0.reason': 'This reason does not apply to this item; choose one from the list.',
    });
    // The same reason for the shirt on Ana's order is fine (only the quantity is wrong here).
    const ana = await lookUp('MM-1004', 'ana.garcia@example.com');
    assert.deepEqual(
      Object.keys(
        await fieldsOf(oneItem('ord_1004', 'item_1004_1', { reason: 'too_small', quantity: 9 }), ana.accessToken),
      ),
      ['items.0.quantity'],
    );
  });

  it('lets a signed-in shopper return from their own order with their identity token', async () => {
    const token = await identityToken('cus_wang');
    const record = await create(oneItem('ord_1010', 'item_1010_3'), token);
    assert.equal(record.status, 201);
    assert.equal((await call(base, 'GET', `/returns/${record.body.id}`, { token })).status, 200);
    const stranger = await identityToken('cus_ana');
    assert.equal((await create(oneItem('ord_1010', 'item_1010_3'), stranger)).status, 401);
    assert.equal((await call(base, 'GET', `/returns/${record.body.id}`, { token: stranger })).status, 401);
  });

  it('knows the returns the demo orders come with', async () => {
    const access = await lookUp('MM-1006', 'priya.patel@example.com');
    const seeded = await call<ReturnRecord>(base, 'GET', '/returns/ret_3001', { token: access.accessToken });
    assert.equal(seeded.status, 200);
    assert.equal(seeded.body.rma, 'RMA-3001');
    assert.equal(seeded.body.status, 'approved');
    assert.deepEqual(
      seeded.body.items.map((line) => [line.itemId, line.quantity]),
      [
        ['item_1006_2', 1],
        ['item_1006_4', 1],
      ],
    );
  });

  describe('uploads', () => {
    it('accepts a PNG by its bytes and keeps one upload per key; the photo can back a return', async () => {
      const access = await lookUp('MM-1010', 'wang.fang@example.cn');
      const key = crypto.randomUUID();
      const first = await uploadFile(base, tinyPng, { token: access.accessToken, key, name: 'C:\\photos\\broken.png' });
      assert.equal(first.status, 201);
      const photo = first.body as UploadedPhoto;
      assert.deepEqual(photo, { id: photo.id, contentType: 'image/png', size: tinyPng.length });
      assert.deepEqual(await server.deps.files.read(photo.id), Buffer.from(tinyPng));
      const stored = await server.deps.engine.db
        .selectFrom('uploads')
        .select('name')
        .where('id', '=', photo.id)
        .executeTakeFirst();
      assert.equal(stored?.name, 'broken.png');

      const again = await uploadFile(base, tinyPng, { token: access.accessToken, key });
      assert.equal(again.status, 201);
      assert.equal(again.text, first.text);
      const other = await uploadFile(base, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), {
        token: access.accessToken,
        key,
      });
      assert.equal(other.status, 409);

      const record = await create(
        oneItem('ord_1010', 'item_1010_1', { reason: 'damaged', photoIds: [photo.id] }),
        access.accessToken,
      );
      assert.equal(record.status, 201, record.text);

      // Another order's shopper cannot use that photo.
      const stranger = await lookUp('MM-1004', 'ana.garcia@example.com');
      assert.deepEqual(
        await fieldsOf(
          oneItem('ord_1004', 'item_1004_1', { reason: 'damaged', photoIds: [photo.id] }),
          stranger.accessToken,
        ),
        { 'items.0.photoIds': 'A photo is missing; please add it again.' },
      );
    });

    it('judges the type by the bytes: 422 unsupported_type for text named .png; JPEG and WebP pass', async () => {
      const access = await lookUp('MM-1010', 'wang.fang@example.cn');
      const text = await uploadFile(base, new TextEncoder().encode('this is not a picture'), {
        token: access.accessToken,
        key: crypto.randomUUID(),
        name: 'holiday.png',
      });
      assert.equal(text.status, 422);
      assert.deepEqual(errorOf(text), {
        code: 'unsupported_type',
        message: 'Please choose a JPEG, PNG or WebP photo.',
        fields: { file: 'This file is not a JPEG, PNG or WebP photo.' },
      });
      const jpeg = await uploadFile(base, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), {
        token: access.accessToken,
        key: crypto.randomUUID(),
      });
      assert.equal((jpeg.body as UploadedPhoto).contentType, 'image/jpeg');
      const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
      const webpAnswer = await uploadFile(base, webp, { token: access.accessToken, key: crypto.randomUUID() });
      assert.equal((webpAnswer.body as UploadedPhoto).contentType, 'image/webp');
    });

    it('refuses a photo over the policy’s size with 413 too_large, and leaves no file behind', async () => {
      const access = await lookUp('MM-1010', 'wang.fang@example.cn');
      const big = new Uint8Array(demoStoreConfig.returnPolicy.photos.maxBytes + 1);
      big.set(tinyPng);
      const uploads = async () => (await server.deps.engine.db.selectFrom('uploads').select('id').execute()).length;
      const before = await uploads();
      const answer = await uploadFile(base, big, { token: access.accessToken, key: crypto.randomUUID() });
      assert.equal(answer.status, 413);
      assert.deepEqual(errorOf(answer), {
        code: 'too_large',
        message: 'Photos can be up to 5 MB.',
        fields: { file: 'This photo is too large.' },
      });
      assert.equal(await uploads(), before);
    });

    it('takes a conversation’s token for a chat attachment, owned by that conversation', async () => {
      const conversation = await call<{ id: string; token: string }>(base, 'POST', '/conversations', {
        key: crypto.randomUUID(),
        body: { name: 'Ana', email: 'ana@example.com', topic: 'A photo' },
      });
      assert.equal(conversation.status, 201, conversation.text);
      const answer = await uploadFile(base, tinyPng, { token: conversation.body.token, key: crypto.randomUUID() });
      assert.equal(answer.status, 201, answer.text);
      const { id } = answer.body as UploadedPhoto;
      assert.deepEqual((await findUpload(server.services, id))?.owner, {
        kind: 'conversation',
        id: conversation.body.id,
      });
    });

    it('answers 401 without a token, 400 without a key or a file part, 415 for a body that is not multipart', async () => {
      const access = await lookUp('MM-1010', 'wang.fang@example.cn');
      const anonymous = await uploadFile(base, tinyPng, { key: crypto.randomUUID() });
      assert.equal(anonymous.status, 401);
      assert.equal(errorOf(anonymous).code, 'unauthorized');
      const noKey = await uploadFile(base, tinyPng, { token: access.accessToken });
      assert.equal(noKey.status, 400);
      assert.equal(errorOf(noKey).code, 'idempotency_key_required');

      const form = new FormData();
      form.append('photo', new Blob([tinyPng]), 'a.png');
      const noFile = await fetch(`${base}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access.accessToken}`, 'idempotency-key': crypto.randomUUID() },
        body: form,
      });
      assert.equal(noFile.status, 400);
      assert.deepEqual(((await noFile.json()) as { error: { fields: unknown } }).error.fields, {
        file: 'A photo is required.',
      });

      const json = await call(base, 'POST', '/uploads', {
        token: access.accessToken,
        key: crypto.randomUUID(),
        body: { file: 'x' },
      });
      assert.equal(json.status, 415);
      assert.equal(errorOf(json).code, 'unsupported_media_type');
    });
  });
});
