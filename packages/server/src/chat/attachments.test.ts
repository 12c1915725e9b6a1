import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Conversation, OrderAccess, UploadedAttachment } from '@kefu/core';
import { CHAT_ATTACHMENT_MAX_BYTES } from '@kefu/core/domain';
import { demoStoreConfig } from '@kefu/core/seed';
import { startServer, type RunningServer } from '../server.js';
import { findUpload } from '../services/admin.js';
import { call, errorOf, IDENTITY_SECRET, identityToken, tinyPdf, tinyPng, uploadFile } from '../routes/test-helpers.js';

/**
 * Chat attachments: photos and PDFs, judged by their bytes, for a conversation only. Return
 * photos stay photos: a PDF is never a return's evidence.
 */
describe('uploads with a purpose: chat attachments (photos and PDFs) and return photos', () => {
  let server: RunningServer;
  let base: string;
  before(async () => {
    server = await startServer({ port: 0, identitySecret: IDENTITY_SECRET, agentPassword: 'attachments-test' });
    base = `${server.origin}/v1`;
  });
  after(() => server.close());

  const start = async (token?: string) => {
    const answer = await call<Conversation>(base, 'POST', '/conversations', {
      key: crypto.randomUUID(),
      body: { name: 'Ana', email: 'ana@example.com', topic: 'My invoice' },
      ...(token === undefined ? {} : { token }),
    });
    assert.equal(answer.status, 201, answer.text);
    return answer.body;
  };
  const lookUp = async () =>
    (
      await call<OrderAccess>(base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1010', email: 'wang.fang@example.cn' },
      })
    ).body;
  const key = () => crypto.randomUUID();

  it('takes a PDF for a chat message, judged by its bytes, and the message carries it', async () => {
    const conversation = await start();
    // No purpose: a conversation token means a chat attachment.
    const answer = await uploadFile(base, tinyPdf, {
      token: conversation.token,
      key: key(),
      name: 'invoice.pdf',
      type: 'application/octet-stream',
    });
    assert.equal(answer.status, 201, answer.text);
    const uploaded = answer.body as UploadedAttachment;
    assert.deepEqual(uploaded, { id: uploaded.id, contentType: 'application/pdf', size: tinyPdf.length });
    assert.deepEqual(findUpload(server.deps, uploaded.id)?.owner, { kind: 'conversation', id: conversation.id });

    const explicit = await uploadFile(base, tinyPdf, { token: conversation.token, key: key(), purpose: 'chat' });
    assert.equal(explicit.status, 201, explicit.text);

    const sent = await call<ChatMessage>(base, 'POST', `/conversations/${conversation.id}/messages`, {
      token: conversation.token,
      body: { clientId: key(), text: '', attachmentIds: [uploaded.id] },
    });
    assert.equal(sent.status, 201, sent.text);
    assert.deepEqual(sent.body.attachments, [
      {
        id: uploaded.id,
        name: 'invoice.pdf',
        contentType: 'application/pdf',
        size: tinyPdf.length,
        url: `/agent/api/uploads/${uploaded.id}`,
      },
    ]);
  });

  it('judges a chat file by its content, not its name: a PNG named .pdf is a PNG, HTML named .pdf is refused', async () => {
    const conversation = await start();
    const png = await uploadFile(base, tinyPng, {
      token: conversation.token,
      key: key(),
      name: 'scan.pdf',
      type: 'application/pdf',
    });
    assert.equal(png.status, 201, png.text);
    assert.equal((png.body as UploadedAttachment).contentType, 'image/png');

    const html = await uploadFile(base, new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), {
      token: conversation.token,
      key: key(),
      name: 'invoice.pdf',
      type: 'application/pdf',
    });
    assert.equal(html.status, 422);
    assert.deepEqual(errorOf(html), {
      code: 'unsupported_type',
      message: 'Please choose a JPEG, PNG or WebP photo, or a PDF.',
      fields: { file: 'This file is not a JPEG, PNG or WebP photo, or a PDF.' },
    });
  });

  it('allows chat files up to 10 MB, above the return policy’s photo limit', async () => {
    const conversation = await start();
    const photoLimit = demoStoreConfig.returnPolicy.photos.maxBytes;
    assert.ok(photoLimit < CHAT_ATTACHMENT_MAX_BYTES);
    const large = new Uint8Array(photoLimit + 1024);
    large.set(tinyPdf);
    const accepted = await uploadFile(base, large, { token: conversation.token, key: key(), purpose: 'chat' });
    assert.equal(accepted.status, 201, accepted.text);

    const tooLarge = new Uint8Array(CHAT_ATTACHMENT_MAX_BYTES + 1);
    tooLarge.set(tinyPdf);
    const refused = await uploadFile(base, tooLarge, { token: conversation.token, key: key(), purpose: 'chat' });
    assert.equal(refused.status, 413);
    assert.equal(errorOf(refused).code, 'too_large');
  });

  it('keeps return photos photos: a PDF is refused for a return, and a conversation token opens no return', async () => {
    const access = await lookUp();
    const pdf = await uploadFile(base, tinyPdf, { token: access.accessToken, key: key(), name: 'receipt.pdf' });
    assert.equal(pdf.status, 422);
    assert.equal(errorOf(pdf).code, 'unsupported_type');
    const stated = await uploadFile(base, tinyPdf, { token: access.accessToken, key: key(), purpose: 'return' });
    assert.equal(stated.status, 422);

    const conversation = await start();
    const asReturn = await uploadFile(base, tinyPng, { token: conversation.token, key: key(), purpose: 'return' });
    assert.equal(asReturn.status, 401);
    assert.equal(errorOf(asReturn).code, 'unauthorized');
    // An order's token opens no conversation either.
    const asChat = await uploadFile(base, tinyPdf, { token: access.accessToken, key: key(), purpose: 'chat' });
    assert.equal(asChat.status, 401);

    const unknown = await uploadFile(base, tinyPng, { token: access.accessToken, key: key(), purpose: 'gift' });
    assert.equal(unknown.status, 422);
    assert.deepEqual(errorOf(unknown).fields, { purpose: 'Expected return or chat.' });
  });

  it('lets a signed-in shopper attach to their own conversation by id, and to nobody else’s', async () => {
    const ana = await identityToken(`cust_${key()}`);
    const bo = await identityToken(`cust_${key()}`);
    const anas = await start(ana);

    const own = await uploadFile(base, tinyPdf, { token: ana, key: key(), purpose: 'chat', conversationId: anas.id });
    assert.equal(own.status, 201, own.text);
    const { id } = own.body as UploadedAttachment;
    assert.deepEqual(findUpload(server.deps, id)?.owner, { kind: 'conversation', id: anas.id });
    const sent = await call<ChatMessage>(base, 'POST', `/conversations/${anas.id}/messages`, {
      token: ana,
      body: { clientId: key(), text: 'My invoice', attachmentIds: [id] },
    });
    assert.equal(sent.status, 201, sent.text);

    const foreign = await uploadFile(base, tinyPdf, {
      token: bo,
      key: key(),
      purpose: 'chat',
      conversationId: anas.id,
    });
    const missing = await uploadFile(base, tinyPdf, {
      token: bo,
      key: key(),
      purpose: 'chat',
      conversationId: 'c_does_not_exist',
    });
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.body, missing.body);
    const unnamed = await uploadFile(base, tinyPdf, { token: ana, key: key(), purpose: 'chat' });
    assert.equal(unnamed.status, 422);
    assert.deepEqual(Object.keys(errorOf(unnamed).fields ?? {}), ['conversationId']);

    // A conversation token opens its own conversation only, as on the conversation's routes.
    const other = await start();
    const mismatch = await uploadFile(base, tinyPdf, {
      token: other.token,
      key: key(),
      purpose: 'chat',
      conversationId: anas.id,
    });
    assert.equal(mismatch.status, 401);
  });

  it('hands the agent a PDF as a download, never rendered under the console’s origin; photos inline', async () => {
    const conversation = await start();
    const pdf = (await uploadFile(base, tinyPdf, { token: conversation.token, key: key(), name: 'Facture été.pdf' }))
      .body as UploadedAttachment;
    const png = (await uploadFile(base, tinyPng, { token: conversation.token, key: key() })).body as UploadedAttachment;
    const session = await fetch(`${server.origin}/agent/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mei', password: 'attachments-test' }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const download = await fetch(`${server.origin}/agent/api/uploads/${pdf.id}`, { headers: { cookie } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal(
      download.headers.get('content-disposition'),
      `attachment; filename="Facture _t_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf`,
    );
    assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), tinyPdf);

    const photo = await fetch(`${server.origin}/agent/api/uploads/${png.id}`, { headers: { cookie } });
    assert.equal(photo.headers.get('content-disposition'), 'inline');
    assert.equal(photo.headers.get('content-type'), 'image/png');
  });
});
