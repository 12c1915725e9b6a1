import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Conversation } from '@kefu/core';
import { checkHistoryLimit, historyMessages } from '@kefu/core/domain';
import type { Services } from '../compose.js';
import { ApiError } from '../errors.js';
import { bearerToken, identifiedCustomer, unauthorized } from '../http/auth.js';
import { idempotencyKeyOf, jsonRequest } from '../http/idempotency.js';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent, security, serve } from '../routes/define.js';
import { findUpload } from '../services/admin.js';
import { resolveAttachments, sendUpload } from './attachments.js';
import {
  AvailabilitySchema,
  ChatMessageSchema,
  ConversationContextSchema,
  ConversationIdParams,
  ConversationInputSchema,
  ConversationPageSchema,
  ConversationSchema,
  ConversationStateSchema,
  HistoryQuery,
  IdempotencyHeaders,
  MessageInputSchema,
  ReadInputSchema,
  TranscriptInputSchema,
  TypingInputSchema,
} from './schemas.js';
import type { ShopperCredentials } from './service.js';
import type { ListPosition } from './tables.js';
import { messages } from './validation.js';

const tags = ['Chat'];
// A conversation's routes take its own token, or the identity token of the shopper it belongs to.
const conversationSecurity = [security.conversation, security.identity];
const tokenFailures = {
  401: failure('No token, or neither this conversation’s token nor a valid identity token (`unauthorized`)'),
  404: failure(
    'No such conversation, or it is not the signed-in shopper’s: the same answer, so ids reveal nothing ' +
      '(`conversation_not_found`)',
  ),
};

const availability = createRoute({
  method: 'get',
  path: '/availability',
  tags,
  summary: 'Whether a human can chat now, the queue, and the expected wait',
  responses: { 200: jsonContent(AvailabilitySchema, 'Chat availability') },
});

const start = createRoute({
  method: 'post',
  path: '/conversations',
  tags,
  summary: 'Starts a conversation in the queue (Idempotency-Key required)',
  description:
    'With a valid identity token the conversation belongs to that signed-in shopper: it appears in their ' +
    'history (GET /conversations) and their identity token opens it on any device. Without one, or with an ' +
    'invalid or expired one, it is anonymous: a chat never fails to start because a host page’s token expired.',
  request: { headers: IdempotencyHeaders, body: jsonBody(ConversationInputSchema) },
  responses: {
    201: jsonContent(ConversationSchema, 'The new conversation, or the first answer for a repeated key'),
    400: failure('Missing Idempotency-Key or a body that is not a JSON object'),
    409: failure('The key was used with another body (`idempotency_key_reused`)'),
    422: failure('Invalid `name`, `email`, `topic`, `orderNumber`, `message` or `context`'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/conversations',
  tags,
  security: [security.identity],
  summary: 'The signed-in shopper’s conversations, most recently active first',
  description:
    'Paged: `limit` (1–50, default 20) per page; `nextCursor`, when present, asks for the next one. A ' +
    'conversation with news while the shopper pages moves to the top, where a fresh first page shows it.',
  request: { query: HistoryQuery },
  responses: {
    200: jsonContent(ConversationPageSchema, 'A page of their conversations'),
    401: failure('No valid identity token (`unauthorized`)'),
    422: failure('`limit` outside 1–50, or a `cursor` this server did not hand out (`validation_failed`)'),
  },
});

const send = createRoute({
  method: 'post',
  path: '/conversations/{id}/messages',
  tags,
  security: conversationSecurity,
  summary: 'Sends a shopper message; a repeated clientId answers the stored message with 200',
  request: { params: ConversationIdParams, body: jsonBody(MessageInputSchema) },
  responses: {
    200: jsonContent(ChatMessageSchema, 'This clientId was seen before: the stored message'),
    201: jsonContent(ChatMessageSchema, 'The stored message'),
    ...tokenFailures,
    409: failure('The conversation has ended (`conversation_closed`)'),
    422: failure('Empty text, text over 5000 characters, or an unknown attachment'),
  },
});

const state = createRoute({
  method: 'get',
  path: '/conversations/{id}',
  tags,
  security: conversationSecurity,
  summary: 'Where the conversation stands now: status, the agent who joined, its place in the queue',
  description:
    'A client that reloads reads this besides GET /conversations/{id}/messages: an agent joining or a status ' +
    'change is an event, not a message, so the messages alone cannot say an agent has joined.',
  request: { params: ConversationIdParams },
  responses: { 200: jsonContent(ConversationStateSchema, 'The conversation now'), ...tokenFailures },
});

const history = createRoute({
  method: 'get',
  path: '/conversations/{id}/messages',
  tags,
  security: conversationSecurity,
  summary: 'Messages with seq greater than `after`, in order (all without it)',
  request: {
    params: ConversationIdParams,
    query: z.object({ after: z.string().optional().openapi({ example: '12' }) }),
  },
  responses: {
    200: jsonContent(z.object({ messages: z.array(ChatMessageSchema) }), 'The messages'),
    ...tokenFailures,
    422: failure('`after` is not a whole number, 0 or more'),
  },
});

const typing = createRoute({
  method: 'post',
  path: '/conversations/{id}/typing',
  tags,
  security: conversationSecurity,
  summary: 'The shopper started or stopped typing (a `typing` event on change)',
  request: { params: ConversationIdParams, body: jsonBody(TypingInputSchema) },
  responses: { 204: { description: 'Noted' }, ...tokenFailures, 422: failure('`typing` is not a boolean') },
});

const read = createRoute({
  method: 'post',
  path: '/conversations/{id}/read',
  tags,
  security: conversationSecurity,
  summary: 'The shopper read up to a seq (a `read` event; receipts only move forward)',
  request: { params: ConversationIdParams, body: jsonBody(ReadInputSchema) },
  responses: {
    204: { description: 'Noted' },
    ...tokenFailures,
    422: failure('`upToSeq` is not a seq of this conversation'),
  },
});

const close = createRoute({
  method: 'post',
  path: '/conversations/{id}/close',
  tags,
  security: conversationSecurity,
  summary: 'Ends the conversation',
  request: { params: ConversationIdParams },
  responses: { 200: jsonContent(ConversationSchema, 'The closed conversation'), ...tokenFailures },
});

const transcript = createRoute({
  method: 'post',
  path: '/conversations/{id}/transcript',
  tags,
  security: conversationSecurity,
  summary: 'Asks for the transcript by email',
  request: { params: ConversationIdParams, body: jsonBody(TranscriptInputSchema) },
  responses: { 204: { description: 'Recorded' }, ...tokenFailures, 422: failure('Invalid `email`') },
});

const context = createRoute({
  method: 'post',
  path: '/conversations/{id}/context',
  tags,
  security: conversationSecurity,
  summary: 'Attaches the article the shopper asked about to their open or queued conversation',
  description:
    '"Ask our team about this" while a conversation is already open or queued: the article becomes the ' +
    'conversation’s `context` (the latest one replaces an earlier one), which the agent sees as a label beside ' +
    'the conversation. Nothing is added to the shopper’s messages.',
  request: { params: ConversationIdParams, body: jsonBody(ConversationContextSchema) },
  responses: {
    200: jsonContent(ConversationStateSchema, 'The conversation now, with its context'),
    ...tokenFailures,
    409: failure('The conversation has ended (`conversation_closed`)'),
    422: failure('Invalid `articleId` or `articleTitle`'),
  },
});

const file = createRoute({
  method: 'get',
  path: '/files/{id}',
  tags,
  summary: 'A chat attachment, at the address its message gives',
  description:
    'The `url` of a message’s attachment is this path with its signature, `/files/{id}?sig=…`. The signature ' +
    'opens that one file and nothing else, so an `<img>` or a download link can use it without a token. ' +
    'Photos are served inline; a PDF as a download, under a sandbox Content-Security-Policy.',
  request: {
    params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'upl_3f9a0c2d' }) }),
    query: z.object({ sig: z.string().openapi({ example: 'Zm9vYmFyYmF6cXV4cXV1eA' }) }),
  },
  responses: {
    200: {
      description: 'The file',
      content: {
        'image/jpeg': { schema: { type: 'string', format: 'binary' } },
        'image/png': { schema: { type: 'string', format: 'binary' } },
        'image/webp': { schema: { type: 'string', format: 'binary' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    },
    404: failure('No such chat file, or not its signature: the same answer (`file_not_found`)'),
  },
});

/** Chat under /v1: availability, conversations, messages, typing, read, close, transcript. */
export function registerChatRoutes(v1: OpenAPIHono, services: Services): void {
  const { deps, fileLinks } = services;
  const { service } = services.chat;
  // The one idempotency store of the server: a conversation's start is recorded as every create is.
  const { idempotency } = services;

  /** The caller's bearer token, and the customer it names when it is a valid identity token. */
  async function credentialsOf(c: Context): Promise<ShopperCredentials> {
    const token = bearerToken(c);
    return { token, customerId: await identifiedCustomer(deps, token) };
  }

  /** The conversation of the path, once the caller may use it: no token is a 401 whatever the body. */
  async function authorizedId(c: Context): Promise<string> {
    const id = c.req.param('id') ?? '';
    await service.authorize(id, await credentialsOf(c));
    return id;
  }

  // Return photos are the store's evidence, not the shopper's to fetch back: chat files only.
  serve(v1, file, async (c) => {
    const id = c.req.param('id') ?? '';
    const upload = await findUpload(services, id);
    if (
      !upload ||
      upload.owner.kind !== 'conversation' ||
      !(await fileLinks.isSignature(id, c.req.query('sig') ?? ''))
    ) {
      throw new ApiError(404, 'file_not_found', 'No such file.');
    }
    return sendUpload(c, upload);
  });

  serve(v1, availability, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await service.availability(), 200);
  });

  serve(v1, start, async (c) => {
    const key = idempotencyKeyOf(c);
    const input = parseBody(ConversationInputSchema, await jsonObject(c));
    const { customerId } = await credentialsOf(c);
    let publish = () => {};
    // The owner is part of the request: the same key from another shopper is another request (409).
    const request = jsonRequest(
      c,
      'POST /conversations',
      key,
      customerId === undefined ? input : { input, customerId },
    );
    // The lookup, the conversation and the record share one transaction: one key, one conversation.
    const stored = await idempotency.run(request, async (trx) => {
      const started = await service.start(input, customerId, trx);
      publish = started.publish;
      return { status: 201, body: JSON.stringify(started.conversation) };
    });
    publish();
    if (stored.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(JSON.parse(stored.body ?? 'null') as Conversation, 201);
  });

  serve(v1, list, async (c) => {
    const { customerId } = await credentialsOf(c);
    if (customerId === undefined) throw unauthorized('Sign in to see your conversations.');
    const checked = checkHistoryLimit(c.req.query('limit'));
    if ('fields' in checked)
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', checked.fields);
    const cursor = c.req.query('cursor');
    const page = await service.history(
      customerId,
      checked.limit,
      cursor === undefined ? undefined : positionOf(cursor),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(
      { conversations: page.conversations, ...(page.next ? { nextCursor: cursorOf(page.next) } : {}) },
      200,
    );
  });

  serve(v1, send, async (c) => {
    const id = await authorizedId(c);
    const input = parseBody(MessageInputSchema, await jsonObject(c));
    const attachments = await resolveAttachments(services, id, input.attachmentIds ?? []);
    if (attachments === undefined) {
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
        attachmentIds: messages.attachmentIds,
      });
    }
    const { message, created } = await service.send(id, 'shopper', {
      clientId: input.clientId,
      text: input.text,
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    return created ? c.json(message, 201) : c.json(message, 200);
  });

  serve(v1, state, async (c) => {
    const id = await authorizedId(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await service.state(id), 200);
  });

  serve(v1, history, async (c) => {
    const id = await authorizedId(c);
    return c.json({ messages: await service.messages(id, afterSeq(c.req.query('after'))) }, 200);
  });

  serve(v1, typing, async (c) => {
    const id = await authorizedId(c);
    await service.typing(id, 'shopper', parseBody(TypingInputSchema, await jsonObject(c)).typing);
    return c.body(null, 204);
  });

  serve(v1, read, async (c) => {
    const id = await authorizedId(c);
    await service.markRead(id, 'shopper', parseBody(ReadInputSchema, await jsonObject(c)).upToSeq);
    return c.body(null, 204);
  });

  serve(v1, close, async (c) => {
    const id = await authorizedId(c);
    const row = await service.close(id);
    // The caller was let in above; the answer repeats their conversation token, and never an
    // identity token in its place (a resumed conversation's token stays empty).
    const token = bearerToken(c);
    const ownToken = token !== undefined && (await service.isOpenedBy(id, { token })) ? token : '';
    return c.json(service.view(row, ownToken), 200);
  });

  serve(v1, context, async (c) => {
    const id = await authorizedId(c);
    const row = await service.setContext(id, parseBody(ConversationContextSchema, await jsonObject(c)));
    return c.json(await service.state(row.id), 200);
  });

  serve(v1, transcript, async (c) => {
    const id = await authorizedId(c);
    await service.requestTranscript(id, parseBody(TranscriptInputSchema, await jsonObject(c)).email);
    return c.body(null, 204);
  });
}

/** Without `after`, every message; anything but a whole number ≥ 0 is the caller's mistake. */
function afterSeq(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const value = Number(after);
  if (!/^\d+$/.test(after) || !Number.isSafeInteger(value)) {
    throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', { after: messages.after });
  }
  return value;
}

/** An opaque cursor: where the page after it starts. */
function cursorOf(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.updatedAt, position.id])).toString('base64url');
}

function positionOf(cursor: string): ListPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      const [updatedAt, id] = value as [string, string];
      return { updatedAt, id };
    }
  } catch {
    // Not ours: answered below like any other cursor this server did not hand out.
  }
  throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
    cursor: historyMessages.cursor,
  });
}
