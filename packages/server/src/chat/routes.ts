import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { ServerDeps } from '../deps.js';
import type { Conversation } from '@kefu/core';
import { ApiError } from '../errors.js';
import { acceptConversationTokens, bearerToken } from '../http/auth.js';
import { createIdempotencyStore, idempotencyKeyOf, jsonRequest } from '../http/idempotency.js';
import { resolveAttachments } from './attachments.js';
import { chatRuntime } from './runtime.js';
import {
  AvailabilitySchema,
  ChatMessageSchema,
  ConversationIdParams,
  ConversationInputSchema,
  ConversationSchema,
  ErrorSchema,
  IdempotencyHeaders,
  MessageInputSchema,
  ReadInputSchema,
  TranscriptInputSchema,
  TypingInputSchema,
} from './schemas.js';
import { messages } from './validation.js';

const tags = ['Chat'];
const security = [{ conversationToken: [] }];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const failure = (description: string) => json(ErrorSchema, description);
const tokenFailures = {
  401: failure('Missing token, or not this conversation’s'),
  404: failure('No such conversation (`conversation_not_found`)'),
};

const availability = createRoute({
  method: 'get',
  path: '/availability',
  tags,
  summary: 'Whether a human can chat now, the queue, and the expected wait',
  responses: { 200: json(AvailabilitySchema, 'Chat availability') },
});

const start = createRoute({
  method: 'post',
  path: '/conversations',
  tags,
  summary: 'Starts a conversation in the queue (Idempotency-Key required)',
  request: { headers: IdempotencyHeaders, body: body(ConversationInputSchema) },
  responses: {
    201: json(ConversationSchema, 'The new conversation, or the first answer for a repeated key'),
    400: failure('Missing Idempotency-Key or a body that is not a JSON object'),
    409: failure('The key was used with another body (`idempotency_key_reused`)'),
    422: failure('Invalid `name`, `email`, `topic`, `orderNumber` or `message`'),
  },
});

const send = createRoute({
  method: 'post',
  path: '/conversations/{id}/messages',
  tags,
  security,
  summary: 'Sends a shopper message; a repeated clientId answers the stored message with 200',
  request: { params: ConversationIdParams, body: body(MessageInputSchema) },
  responses: {
    200: json(ChatMessageSchema, 'This clientId was seen before: the stored message'),
    201: json(ChatMessageSchema, 'The stored message'),
    ...tokenFailures,
    409: failure('The conversation has ended (`conversation_closed`)'),
    422: failure('Empty text, text over 5000 characters, or an unknown attachment'),
  },
});

const history = createRoute({
  method: 'get',
  path: '/conversations/{id}/messages',
  tags,
  security,
  summary: 'Messages with seq greater than `after`, in order (all without it)',
  request: {
    params: ConversationIdParams,
    query: z.object({ after: z.string().optional().openapi({ example: '12' }) }),
  },
  responses: {
    200: json(z.object({ messages: z.array(ChatMessageSchema) }), 'The messages'),
    ...tokenFailures,
    422: failure('`after` is not a whole number, 0 or more'),
  },
});

const typing = createRoute({
  method: 'post',
  path: '/conversations/{id}/typing',
  tags,
  security,
  summary: 'The shopper started or stopped typing (a `typing` event on change)',
  request: { params: ConversationIdParams, body: body(TypingInputSchema) },
  responses: { 204: { description: 'Noted' }, ...tokenFailures, 422: failure('`typing` is not a boolean') },
});

const read = createRoute({
  method: 'post',
  path: '/conversations/{id}/read',
  tags,
  security,
  summary: 'The shopper read up to a seq (a `read` event; receipts only move forward)',
  request: { params: ConversationIdParams, body: body(ReadInputSchema) },
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
  security,
  summary: 'Ends the conversation',
  request: { params: ConversationIdParams },
  responses: { 200: json(ConversationSchema, 'The closed conversation'), ...tokenFailures },
});

const transcript = createRoute({
  method: 'post',
  path: '/conversations/{id}/transcript',
  tags,
  security,
  summary: 'Asks for the transcript by email',
  request: { params: ConversationIdParams, body: body(TranscriptInputSchema) },
  responses: { 204: { description: 'Recorded' }, ...tokenFailures, 422: failure('Invalid `email`') },
});

/** Chat under /v1: availability, conversations, messages, typing, read, close, transcript. */
export function registerChatRoutes(v1: OpenAPIHono, deps: ServerDeps): void {
  const { service } = chatRuntime(deps);
  const idempotency = createIdempotencyStore(deps.db, deps.now);
  // A conversation's token also authorizes uploading its attachments (POST /uploads, the REST part).
  acceptConversationTokens(deps, (token) => service.conversationIdFor(token));
  v1.openAPIRegistry.registerComponent('securitySchemes', 'conversationToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The `token` of POST /conversations.',
  });

  // Before the routes' validators: no token is a 401 whatever the body, and a body that is not a
  // JSON object is the contract's 400 `invalid_json`, not a validator exception.
  v1.use('/conversations/:id/*', async (c, next) => {
    service.authorize(c.req.param('id') ?? '', bearerToken(c));
    await next();
  });
  v1.use('/conversations', requireJsonObject);
  v1.use('/conversations/*', requireJsonObject);

  v1.openapi(availability, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(service.availability(), 200);
  });

  // The contract checks the Idempotency-Key before anything else; the route's zod validator would
  // otherwise answer a keyless, invalid request with 422 instead of 400.
  v1.use('/conversations', async (c, next) => {
    if (c.req.method === 'POST') idempotencyKeyOf(c);
    await next();
  });

  v1.openapi(start, (c) => {
    const key = idempotencyKeyOf(c);
    const input = c.req.valid('json');
    let publish = () => {};
    // The lookup, the conversation and the record share one transaction: one key, one conversation.
    const stored = idempotency.run(jsonRequest(c, 'POST /conversations', key, input), () => {
      const started = service.start(input);
      publish = started.publish;
      return { status: 201, body: JSON.stringify(started.conversation) };
    });
    publish();
    if (stored.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(JSON.parse(stored.body ?? 'null') as Conversation, 201);
  });

  v1.openapi(send, (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const attachments = resolveAttachments(deps, id, input.attachmentIds ?? []);
    if (attachments === undefined) {
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
        attachmentIds: messages.attachmentIds,
      });
    }
    const { message, created } = service.send(id, 'shopper', {
      clientId: input.clientId,
      text: input.text,
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    return created ? c.json(message, 201) : c.json(message, 200);
  });

  v1.openapi(history, (c) => {
    const { id } = c.req.valid('param');
    const { after } = c.req.valid('query');
    return c.json({ messages: service.messages(id, afterSeq(after)) }, 200);
  });

  v1.openapi(typing, (c) => {
    service.typing(c.req.valid('param').id, 'shopper', c.req.valid('json').typing);
    return c.body(null, 204);
  });

  v1.openapi(read, (c) => {
    service.markRead(c.req.valid('param').id, 'shopper', c.req.valid('json').upToSeq);
    return c.body(null, 204);
  });

  v1.openapi(close, (c) => {
    const row = service.close(c.req.valid('param').id);
    // The token was checked by the middleware; the answer repeats the caller's own.
    return c.json(service.view(row, bearerToken(c) ?? ''), 200);
  });

  v1.openapi(transcript, (c) => {
    service.requestTranscript(c.req.valid('param').id, c.req.valid('json').email);
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

const jsonType = /^application\/([\w.-]+\+)?json$/i;

async function requireJsonObject(c: Context, next: Next): Promise<void> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
  if (c.req.method === 'POST' && jsonType.test(mediaType)) {
    let value: unknown;
    try {
      value = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body must be JSON.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError(400, 'invalid_json', 'The body must be a JSON object.');
    }
  }
  await next();
}
