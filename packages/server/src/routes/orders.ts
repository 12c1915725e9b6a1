import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { OrderLookup, OrderNumberFormat } from '@kefu/core';
import { checkOrderLookup } from '@kefu/core/domain';
import { clientAddress } from '../http/client-address.js';
import { RateLimitedError } from '../http/rate-limit.js';
import { jsonObject, parseBody } from '../http/request.js';
import { errorBody } from '../errors.js';
import type { StoreServices } from '../services/index.js';
import { failure, jsonBody, jsonContent, rateLimitedFailure, security, serve } from './define.js';
import {
  IdParams,
  OrderAccessSchema,
  OrderListSchema,
  OrderLookupSchema,
  OrderNotFoundSchema,
  OrderSchema,
} from './schemas.js';

const tags = ['Orders'];

const lookup = createRoute({
  method: 'post',
  path: '/orders/lookup',
  tags,
  summary: 'Finds an order by number and email or postal code; answers it with a short-lived access token',
  description:
    'The order number is normalized to the store’s format first (`config.orderNumbers`: "mm 1003", "#MM-１００３" ' +
    'and "1003" mean "MM-1003"); one that cannot be a number of the store’s is 422 and counts as no guess. An ' +
    'unknown number and wrong details get the very same 404, so the answer reveals nothing. Failures count per ' +
    'client address and per (client address, order number): after 5 failures on one number a client waits 30 s ' +
    'before each next try, doubling with each failure; after 30 failures in 10 minutes the address waits. Both ' +
    'are 429 with Retry-After, even for the right details until the wait is over. Failures of one number from ' +
    'everywhere never block it; past 20 in 10 minutes they only cut every client’s free tries on it to 2. The ' +
    '404 warns with `triesLeft` once one try is left (docs/decisions/0010-order-lookup-limits.md).',
  request: { body: jsonBody(OrderLookupSchema) },
  responses: {
    200: jsonContent(OrderAccessSchema, 'The order and its access token'),
    400: failure('A body that is not a JSON object (`invalid_json`)'),
    404: jsonContent(OrderNotFoundSchema, 'No order with those details (`order_not_found`)'),
    422: failure(
      'No order number, one that cannot be in the store’s format, or neither an email nor a postal code ' +
        '(`validation_failed`)',
    ),
    429: rateLimitedFailure,
  },
});

const listMine = createRoute({
  method: 'get',
  path: '/orders',
  tags,
  security: [security.identity],
  summary: 'The signed-in shopper’s orders, newest first',
  responses: {
    200: jsonContent(OrderListSchema, 'Their orders'),
    401: failure('No valid identity token (`unauthorized`)'),
  },
});

const getOrder = createRoute({
  method: 'get',
  path: '/orders/{id}',
  tags,
  security: [security.orderAccess, security.identity],
  summary: 'One order',
  request: { params: IdParams },
  responses: {
    200: jsonContent(OrderSchema, 'The order'),
    401: failure('A missing, expired or other order’s token (`unauthorized`)'),
    404: failure('A signed-in shopper asked for an order that does not exist (`order_not_found`)'),
  },
});

export interface OrderRouteOptions {
  readonly trustProxy: boolean;
  /** The store's order number format (`config.orderNumbers`), for the field messages. */
  readonly orderNumbers: OrderNumberFormat | undefined;
}

export function registerOrderRoutes(api: OpenAPIHono, services: StoreServices, options: OrderRouteOptions): void {
  const { orders, callers } = services;

  serve(api, lookup, async (c) => {
    const body = await jsonObject(c);
    // The answer carries a bearer token: no cache may keep it.
    c.header('Cache-Control', 'no-store');
    try {
      return c.json(
        await orders.lookup(
          parseBody(OrderLookupSchema, body, (input: OrderLookup) => {
            const checked = checkOrderLookup(input, options.orderNumbers);
            return 'fields' in checked ? checked.fields : {};
          }),
          clientAddress(c, options.trustProxy),
        ),
        200,
      );
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json(errorBody(error.code, error.message), 429);
    }
  });

  serve(api, listMine, async (c) => {
    const caller = await callers.identify(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ orders: await orders.listMine(caller) }, 200);
  });

  serve(api, getOrder, async (c) => {
    const caller = await callers.identify(c);
    c.header('Cache-Control', 'no-store');
    return c.json((await orders.authorize(caller, c.req.param('id') ?? '')).order, 200);
  });
}
