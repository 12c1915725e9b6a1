import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { CallbackInput } from '@kefu/core';
import { validateCallbackInput } from '@kefu/core/domain';
import { bearerToken } from '../http/auth.js';
import { idempotencyKeyOf, jsonRequest, sendStored } from '../http/idempotency.js';
import { jsonObject, parseBody, requiredQuery } from '../http/request.js';
import type { StoreServices } from '../services/index.js';
import { failure, jsonBody, jsonContent, security, serve } from './define.js';
import {
  CallbackInputSchema,
  CallbackRecordSchema,
  CallbackSlotListSchema,
  IdempotencyKeyHeaders,
  IdParams,
} from './schemas.js';

const tags = ['Callbacks'];

const slots = createRoute({
  method: 'get',
  path: '/callbacks/slots',
  tags,
  summary: 'Free callback slots inside business hours',
  description: 'Slots start at least `leadMinutes` from now and at most `daysAhead` days ahead.',
  request: {
    query: z.object({
      from: z.string().openapi({ description: 'A store-local date (YYYY-MM-DD, from its midnight) or an instant.' }),
      days: z.string().openapi({ description: 'Whole days, 1 to 31.', example: '7' }),
    }),
  },
  responses: {
    200: jsonContent(CallbackSlotListSchema, 'Slots with room left, in order'),
    400: failure('`from` or `days` is missing (`invalid_query`)'),
    422: failure('`from` is not a date or instant, or `days` is not 1 to 31 (`validation_failed`)'),
  },
});

const requestCallback = createRoute({
  method: 'post',
  path: '/callbacks',
  tags,
  summary: 'Books a callback (Idempotency-Key required)',
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(CallbackInputSchema) },
  responses: {
    201: jsonContent(CallbackRecordSchema, 'The callback, with its cancel token'),
    400: failure('No Idempotency-Key, or a body that is not a JSON object'),
    409: failure(
      'The slot filled up meanwhile (`slot_taken`, with `error.slots`: the slots free now, as from GET /callbacks/slots), or the key was used with another body',
    ),
    422: failure('`phone` not E.164, no `consent`, `slot` not offered, … (`validation_failed`)'),
  },
});

const cancel = createRoute({
  method: 'post',
  path: '/callbacks/{id}/cancel',
  tags,
  security: [security.callbackCancel],
  summary: 'Cancels a callback; cancelling again answers the same',
  request: { params: IdParams },
  responses: {
    200: jsonContent(CallbackRecordSchema, 'The callback, status `cancelled` (or as it was once no longer scheduled)'),
    401: failure('Not this callback’s cancel token (`unauthorized`)'),
    404: failure('No such callback (`callback_not_found`)'),
  },
});

export function registerCallbackRoutes(api: OpenAPIHono, services: StoreServices): void {
  const { callbacks } = services;

  serve(api, slots, async (c) => {
    const from = requiredQuery(c, 'from');
    // Junk becomes NaN, which the service refuses with its own field error.
    const days = Number(requiredQuery(c, 'days'));
    return c.json({ slots: await callbacks.slots(from, days) }, 200);
  });

  serve(api, requestCallback, async (c) => {
    const key = idempotencyKeyOf(c);
    const body = await jsonObject(c);
    const request = jsonRequest(c, 'POST /callbacks', key, body);
    return sendStored(
      c,
      await callbacks.request(
        parseBody(CallbackInputSchema, body, (input: CallbackInput) => validateCallbackInput(input, true)),
        request,
      ),
    );
  });

  serve(api, cancel, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await callbacks.cancel(c.req.param('id') ?? '', bearerToken(c)), 200);
  });
}
