import { createRoute, z } from '@hono/zod-openapi';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent } from '../routes/define.js';
import type { StoreReturnReport } from '../services/return-reports.js';
import { adminRefusals, adminRoute, keyActor, requireScope, type AdminArea, type AdminContext } from './http.js';
import { MoneySchema } from './order-facts.js';

const returnStatus = z.enum(['requested', 'approved', 'rejected', 'received', 'refunded']);
const money = z.object({ amount: z.number().int(), currency: z.string() });

const StoreReturnSchema = z
  .object({
    id: z.string().openapi({ example: 'ret_8f3k2' }),
    rma: z.string().openapi({ example: 'RMA-4001', description: 'The number the shopper quotes.' }),
    orderId: z.string(),
    orderNumber: z.string(),
    status: returnStatus,
    resolution: z.enum(['refund', 'exchange', 'store_credit']),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time', description: 'Its last change: what `since` compares.' }),
    comment: z.string().optional().openapi({ description: 'The shopper’s comment on the whole return.' }),
    labelUrl: z.string().optional(),
    rejectionReason: z.string().optional(),
    refund: money.optional().openapi({ description: 'What the store reported refunding.' }),
    items: z.array(
      z.object({
        itemId: z.string(),
        productId: z.string().optional(),
        name: z.string().optional(),
        quantity: z.number().int(),
        reason: z.string().openapi({ description: 'A reason code of the store’s return policy.' }),
        comment: z.string().optional(),
        exchangeVariantId: z.string().optional(),
        photoCount: z.number().int(),
      }),
    ),
    photoCount: z.number().int(),
    history: z
      .array(
        z.object({
          status: returnStatus,
          at: z.string().openapi({ format: 'date-time' }),
          by: z.enum(['shopper', 'agent', 'store']),
          labelUrl: z.string().optional(),
          reason: z.string().optional(),
          amount: money.optional(),
        }),
      )
      .openapi({
        description:
          'Oldest first: the shopper’s request, then each change of status (decisions made before this ' +
          'history was kept are not in it).',
      }),
  })
  .openapi('AdminReturn');

const ReportResultSchema = z
  .object({
    result: z.enum(['updated', 'unchanged']).openapi({
      description: '`unchanged`: the return already said so (a retry); nothing was written.',
    }),
    changed: z.boolean(),
    return: StoreReturnSchema,
  })
  .openapi('AdminReturnReport');

const ReturnListSchema = z
  .object({
    returns: z.array(StoreReturnSchema),
    hasMore: z.boolean().openapi({
      description: 'More returns match: ask again with `since` set to the last one’s `updatedAt`.',
    }),
  })
  .openapi('AdminReturnList');

const RefundBodySchema = z
  .object({
    amount: MoneySchema.openapi({
      description: 'What was refunded, in minor units, in the order’s currency and at most its total.',
    }),
  })
  .strict()
  .openapi('AdminReturnRefund');
const RejectBodySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .refine((value) => !value.includes('\u0000'), 'No NUL characters.')
      .openapi({ description: 'Shown to the shopper.' }),
  })
  .strict()
  .openapi('AdminReturnRejection');
const ReceivedBodySchema = z.object({}).strict().openapi('AdminReturnReceived');

const ListQuerySchema = z.object({
  status: returnStatus.optional(),
  since: z
    .string()
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only returns made or changed at or after this instant (inclusive).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ description: 'At most this many (1–500, default 100).', type: 'integer' }),
});

const IdParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({
    param: { name: 'id', in: 'path' },
    example: 'RMA-4001',
    description: 'The return’s id (`ret_…`) or its RMA number.',
  });

const reportRoute = (status: StoreReturnReport['status'], summary: string, description: string, body: z.ZodType) =>
  adminRoute(
    createRoute({
      method: 'post',
      path: `/returns/{id}/${status}`,
      summary: `${summary} (scope orders:write)`,
      description:
        `${description} Idempotent: the same report again answers \`unchanged\`. The shopper sees the new ` +
        'status in the widget (the order’s returns and GET /v1/returns/{id}).',
      request: { params: z.object({ id: IdParam }), body: jsonBody(body) },
      responses: {
        200: jsonContent(ReportResultSchema, 'Updated, or unchanged'),
        400: failure('A body that is not a JSON object (`invalid_json`)'),
        ...adminRefusals,
        404: failure('No return has this id or RMA (`return_not_found`)'),
        409: failure(
          'The return’s status does not allow this (`return_status_conflict`, with `currentStatus`), or it ' +
            'already says otherwise (another reason or amount)',
        ),
        422: failure('Fields that cannot be used (`validation_failed`, with `fields`)'),
      },
    }),
  );

const received = reportRoute(
  'received',
  'The store received the return’s parcel',
  'An approved return becomes `received`. The body is `{}`, or none.',
  ReceivedBodySchema,
);
const refunded = reportRoute(
  'refunded',
  'The store refunded the return',
  'An approved or received return becomes `refunded` (a store may refund before the parcel arrives).',
  RefundBodySchema,
);
const rejected = reportRoute(
  'rejected',
  'The store rejected the return',
  'A requested return becomes `rejected`, with the reason the shopper is shown; its lines can be returned again.',
  RejectBodySchema,
);

const listReturns = adminRoute(
  createRoute({
    method: 'get',
    path: '/returns',
    summary: 'Returns made or changed since an instant (scope read)',
    description:
      'Least recently changed first. To pull new returns, keep the last `updatedAt` you saw and pass it ' +
      'as `since` next time; `since` is inclusive, so de-duplicate by `id` and `updatedAt`.',
    request: { query: ListQuerySchema },
    responses: {
      200: jsonContent(ReturnListSchema, 'The returns'),
      ...adminRefusals,
      422: failure('A query parameter that cannot be used (`validation_failed`, with `fields`)'),
    },
  }),
);

/** Returns from the store's side (decision 0020): what the warehouse reports, and the list to pull. */
export function registerReturnRoutes({ admin, document, services }: AdminArea): void {
  const reports = services.admin.returns;
  for (const route of [received, refunded, rejected, listReturns]) document(route);

  const report = async (c: AdminContext, value: StoreReturnReport) => {
    const outcome = await reports.report(c.req.param('id') ?? '', value, keyActor(c));
    return c.json({ result: outcome.result, changed: outcome.result === 'updated', return: outcome.return }, 200);
  };
  admin.post('/returns/:id/received', async (c) => {
    requireScope(c, 'orders:write');
    // No body, or `{}`: there is nothing to say but that it arrived.
    if ((await c.req.text()).trim() !== '') parseBody(ReceivedBodySchema, await jsonObject(c));
    return report(c, { status: 'received' });
  });
  admin.post('/returns/:id/refunded', async (c) => {
    requireScope(c, 'orders:write');
    const { amount } = parseBody(RefundBodySchema, await jsonObject(c));
    return report(c, { status: 'refunded', amount });
  });
  admin.post('/returns/:id/rejected', async (c) => {
    requireScope(c, 'orders:write');
    const { reason } = parseBody(RejectBodySchema, await jsonObject(c));
    return report(c, { status: 'rejected', reason });
  });
  admin.get('/returns', async (c) => {
    requireScope(c, 'read');
    const query = parseBody(ListQuerySchema, c.req.query());
    return c.json(
      await reports.list({
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(query.since ? { since: Date.parse(query.since) } : {}),
      }),
      200,
    );
  });
}
