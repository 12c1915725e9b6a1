import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';

import { ApiError } from '../errors.js';
import { unauthorized } from '../http/auth.js';
import { idempotencyKeyOf, jsonRequest, sendStored } from '../http/idempotency.js';
import { jsonObject, parseBody } from '../http/request.js';
import type { StoreServices } from '../services/index.js';
import { failure, jsonBody, jsonContent, security, serve } from './define.js';
import {
  IdempotencyKeyHeaders,
  IdParams,
  ReturnInputSchema,
  ReturnRecordSchema,
  UploadedFileSchema,
  UploadInputSchema,
} from './schemas.js';

const tags = ['Returns'];

const createReturn = createRoute({
  method: 'post',
  path: '/returns',
  tags,
  security: [security.orderAccess, security.returnGrant, security.identity],
  summary: 'Requests a return (Idempotency-Key required)',
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(ReturnInputSchema) },
  responses: {
    201: jsonContent(ReturnRecordSchema, 'The return, status `requested`, with its RMA'),
    400: failure('No Idempotency-Key, or a body that is not a JSON object'),
    401: failure('No token or return grant for this order (`unauthorized`)'),
    404: failure('A signed-in shopper named an order that does not exist (`order_not_found`)'),
    409: failure('The key was used with another body (`idempotency_key_reused`)'),
    422: failure(
      '`validation_failed`, with `fields` such as `items`, `items.0.itemId` (final sale, window closed), ' +
        '`items.0.quantity`, `items.0.reason`, `items.0.photoIds` (the reason needs a photo)',
    ),
  },
});

const getReturn = createRoute({
  method: 'get',
  path: '/returns/{id}',
  tags,
  security: [security.orderAccess, security.identity],
  summary: 'One return',
  request: { params: IdParams },
  responses: {
    200: jsonContent(ReturnRecordSchema, 'The return'),
    401: failure('No token for the return’s order (`unauthorized`)'),
    404: failure('No such return (`return_not_found`)'),
  },
});

const upload = createRoute({
  method: 'post',
  path: '/uploads',
  tags,
  security: [security.orderAccess, security.identity, security.conversation],
  summary: 'Uploads a photo for a return, or a photo or PDF for a chat message (Idempotency-Key required)',
  description:
    'The type is judged by the bytes, not by the file name or the declared type. `purpose` says what the ' +
    'file is for: `return` (JPEG, PNG or WebP up to `returnPolicy.photos.maxBytes`; an order access or ' +
    'identity token) or `chat` (those or a PDF, up to 10 MB; the conversation’s token, or the identity token ' +
    'of the shopper it belongs to with `conversationId`). Without `purpose`, a conversation token means ' +
    '`chat` and any other token `return`.',
  request: {
    headers: IdempotencyKeyHeaders,
    body: { required: true, content: { 'multipart/form-data': { schema: UploadInputSchema } } },
  },
  responses: {
    201: jsonContent(UploadedFileSchema, 'The stored file'),
    400: failure('No Idempotency-Key, or no `file` part'),
    401: failure('No token that may upload for this purpose (`unauthorized`)'),
    404: failure('`conversationId` is not the signed-in shopper’s conversation (`conversation_not_found`)'),
    409: failure('The key was used with another file (`idempotency_key_reused`)'),
    413: failure('Larger than the purpose allows (`too_large`)'),
    415: failure('The body is not multipart/form-data (`unsupported_media_type`)'),
    422: failure(
      'Not a type the purpose allows (`unsupported_type`); an unknown `purpose`, or `chat` with an identity ' +
        'token and no `conversationId` (`validation_failed`)',
    ),
  },
});

export function registerReturnRoutes(api: OpenAPIHono, services: StoreServices): void {
  const { returns, uploads, callers } = services;

  serve(api, createReturn, async (c) => {
    const key = idempotencyKeyOf(c);
    const body = await jsonObject(c);
    // Who is asking comes before what they sent: a stranger gets 401, not field messages.
    // The one route a return grant opens: a return queued offline outlives the order's access token.
    const caller = await callers.identifyForReturn(c);
    if (caller.kind === 'anonymous') throw unauthorized();
    const request = jsonRequest(c, 'POST /returns', key, body);
    return sendStored(c, await returns.create(caller, parseBody(ReturnInputSchema, body), request));
  });

  serve(api, getReturn, async (c) => {
    const caller = await callers.identify(c);
    c.header('Cache-Control', 'no-store');
    return c.json(await returns.get(caller, c.req.param('id') ?? ''), 200);
  });

  serve(api, upload, async (c) => {
    const key = idempotencyKeyOf(c);
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the photo as multipart/form-data.');
    }
    // Whose upload it is is settled before the body is read: strangers do not get to send 5 MB.
    const caller = await callers.identify(c);
    if (caller.kind === 'anonymous') throw unauthorized();
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new ApiError(400, 'invalid_body', 'The multipart body could not be read.');
    }
    const file = form.get('file');
    if (!(file instanceof Blob)) {
      throw new ApiError(400, 'invalid_body', 'Bad field "file".', { file: 'A photo is required.' });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file instanceof File ? file.name : 'photo';
    const scope = { route: 'POST /uploads', key, method: c.req.method, path: c.req.path };
    const fields = { purpose: textPart(form, 'purpose'), conversationId: textPart(form, 'conversationId') };
    return sendStored(c, await uploads.upload(caller, { bytes, name }, fields, scope));
  });
}

/** A text part of a multipart body; a file sent in its place counts as absent. */
function textPart(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}
