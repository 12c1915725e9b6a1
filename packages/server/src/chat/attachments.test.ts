import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Conversation, OrderAccess, UploadedAttachment } from '@kefu/core';
import { CHAT_ATTACHMENT_MAX_BYTES } from '@kefu/core/domain';
import { demoStoreConfig } from '@kefu/core/seed';
import { openSqliteEngine } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { type RunningServer } from '../server.js';
import { findUpload } from '../services/admin.js';
import { createFileLinks } from './file-links.js';
import {
  call,
  errorOf,
  IDENTITY_SECRET,
  identityToken,
  tinyPdf,
  tinyPng,
  uploadFile,
  startTestServer,
  agentCookie,
} from '../routes/test-helpers.js';

/**
 * Chat attachments: photos and PDFs, judged by their bytes, for a conversation only. Return
 * photos stay photos: a PDF is never a return's evidence.
 */
describe('uploads with a purpose: chat attachments (photos and PDFs) and return photos', () => {
  let server: RunningServer;
  let base: string;
  before(async () => {
    server = await startTestServer({ port: 0, identitySecret: IDENTITY_SECRET });
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
    assert.deepEqual((await findUpload(server.services, uploaded.id))?.owner, {
      kind: 'conversation',
      id: conversation.id,
    });

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
        url: await server.services.fileLinks.link(uploaded.id),
      },
    ]);
    assert.match(sent.body.attachments?.[0]?.url ?? '', /^\/files\/upl_\w+\?sig=[\w-]{22}$/);
  });

  it('serves a chat file at its message’s address, to anyone who has it, and nothing to a wrong or missing signature', async () => {
    const conversation = await start();
    const png = (await uploadFile(base, tinyPng, { token: conversation.token, key: key(), name: 'scratch.png' }))
      .body as UploadedAttachment;
    const pdf = (await uploadFile(base, tinyPdf, { token: conversation.token, key: key(), name: 'Facture été.pdf' }))
      .body as UploadedAttachment;
    const sent = await call<ChatMessage>(base, 'POST', `/conversations/${conversation.id}/messages`, {
      token: conversation.token,
      body: { clientId: key(), text: 'Here', attachmentIds: [png.id, pdf.id] },
    });
    const [photoUrl, pdfUrl] = (sent.body.attachments ?? []).map((attachment) => attachment.url);

    // No token: an <img> or a link cannot send one.
    const photo = await fetch(`${base}${photoUrl}`);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.equal(photo.headers.get('content-disposition'), 'inline');
    assert.equal(photo.headers.get('x-content-type-options'), 'nosniff');
    // The store's page is another origin: its <img> must be allowed to load the photo.
    assert.equal(photo.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.deepEqual(new Uint8Array(await photo.arrayBuffer()), tinyPng);
    const download = await fetch(`${base}${pdfUrl}`);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="Facture _t_.pdf"/);
    assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);

    // The same message, read back, links the same addresses.
    const read = await call<{ messages: ChatMessage[] }>(base, 'GET', `/conversations/${conversation.id}/messages`, {
      token: conversation.token,
    });
    assert.deepEqual(read.body.messages.at(-1)?.attachments, sent.body.attachments);

    // One file's signature opens no other file; a wrong, cut or missing one, and an unknown id, answer alike.
    const photoSig = new URL(`${base}${photoUrl}`).searchParams.get('sig') ?? '';
    const refused = [
      `/v1/files/${pdf.id}?sig=${photoSig}`,
      `/v1/files/${png.id}?sig=${photoSig.slice(0, -2)}`,
      `/v1/files/${png.id}?sig=${'A'.repeat(22)}`,
      `/v1/files/${png.id}`,
      `/v1/files/upl_0000000000000000?sig=${photoSig}`,
    ];
    for (const path of refused) {
      const answer = await fetch(`${server.origin}${path}`);
      assert.equal(answer.status, 404, path);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'file_not_found');
    }
  });

  it('never serves a return photo at a file address, even with its signature: it is the store’s evidence', async () => {
    const access = (
      await call<OrderAccess>(base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1010', email: 'wang.fang@example.cn' },
      })
    ).body;
    const photo = (await uploadFile(base, tinyPng, { token: access.accessToken, key: key() }))
      .body as UploadedAttachment;
    const answer = await fetch(`${base}${await server.services.fileLinks.link(photo.id)}`);
    assert.equal(answer.status, 404);
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
    assert.deepEqual((await findUpload(server.services, id))?.owner, { kind: 'conversation', id: anas.id });
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
    const cookie = await agentCookie(server);

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

describe('migration 5 (file links)', () => {
  it('gives the attachments already stored, in messages and in stream events, their file addresses', async () => {
    const engine = openSqliteEngine(':memory:');
    const db = engine.sqlite;
    await migrate(
      engine,
      migrations.filter((migration) => migration.id < 5),
    );
    const console = { id: 'upl_1', name: 'a.png', contentType: 'image/png', size: 3, url: '/agent/api/uploads/upl_1' };
    const message = {
      id: 'm_1',
      seq: 1,
      author: 'shopper',
      text: '',
      attachments: [console],
      createdAt: '2026-01-01T10:00:00.000Z',
    };
    db.prepare(
      `INSERT INTO chat_conversations (id, token_hash, status, shopper_name, shopper_email, topic, created_at)
       VALUES ('c_old', 'hash', 'open', 'Ana', 'ana@example.com', 'Help', '2026-01-01T10:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO chat_messages (id, conversation_id, seq, author, text, attachments, created_at)
       VALUES ('m_1', 'c_old', 1, 'shopper', '', ?, '2026-01-01T10:00:00.000Z')`,
    ).run(JSON.stringify([console]));
    db.prepare(
      `INSERT INTO chat_events (conversation_id, seq, type, payload, created_at)
       VALUES ('c_old', 1, 'message', ?, '2026-01-01T10:00:00.000Z'), ('c_old', 2, 'status', '{"type":"status"}', '2026-01-01T10:00:00.000Z')`,
    ).run(JSON.stringify({ type: 'message', seq: 1, message }));

    await migrate(engine, migrations);
    const linked = [{ ...console, url: await createFileLinks(engine.db).link('upl_1') }];
    assert.match(linked[0]?.url ?? '', /^\/files\/upl_1\?sig=/);
    const stored = db.prepare<[], string>("SELECT attachments FROM chat_messages WHERE id = 'm_1'").pluck().get();
    assert.deepEqual(JSON.parse(stored ?? ''), linked);
    const events = db
      .prepare<[], string>("SELECT payload FROM chat_events WHERE conversation_id = 'c_old' ORDER BY seq")
      .pluck()
      .all();
    assert.deepEqual(
      events.map((payload) => JSON.parse(payload) as unknown),
      [{ type: 'message', seq: 1, message: { ...message, attachments: linked } }, { type: 'status' }],
    );
    await engine.close();
  });
});
