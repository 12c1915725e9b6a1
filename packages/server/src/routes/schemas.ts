import { z } from '@hono/zod-openapi';
import type {
  Article,
  ArticleSync,
  CallbackRecord,
  CallbackSlot,
  Order,
  OrderAccess,
  ReturnRecord,
  StoreConfig,
  SurveyResponseRecord,
  UploadedAttachment,
} from '@kefu/core';

/**
 * The contract's JSON shapes (packages/core/src/model), for the OpenAPI document. `satisfies`
 * ties each response schema to its model type, so the document cannot drift from the code.
 * Request schemas describe what a client should send; the services judge what actually arrives
 * (see define.ts).
 */

const instant = (description?: string) =>
  z.string().openapi({ format: 'date-time', ...(description ? { description } : {}) });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .openapi({ description: 'Stable machine-readable code, e.g. `slot_taken`.', example: 'slot_taken' }),
      message: z.string().openapi({ description: 'Human-readable English.', example: 'That time was just taken.' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .openapi({ description: 'Input path (`email`, `items.0.quantity`) → what is wrong with it.' }),
    }),
  })
  .openapi('Error');

export const OrderNotFoundSchema = z
  .object({
    error: ErrorSchema.shape.error.extend({
      triesLeft: z
        .number()
        .int()
        .optional()
        .openapi({
          description:
            'Present once this client is down to its last try on this order number (1), or past it (0: the next ' +
            'try waits). Counted per client, so it is the same whether the number exists or not.',
        }),
    }),
  })
  .openapi('OrderNotFound');

export const IdParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Percent-encoded; one segment.' }),
});

export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z.string().openapi({
    description: 'Required: the client’s outbox id (a UUID). The same key and body answer the first result.',
    example: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  }),
});

// Configuration

const OpeningIntervalSchema = z.object({
  weekday: z.literal([1, 2, 3, 4, 5, 6, 7]).openapi({ description: 'ISO weekday, 1 = Monday' }),
  opens: z.string().openapi({ example: '09:00' }),
  closes: z.string().openapi({ example: '18:00' }),
});

const BusinessHoursSchema = z
  .object({
    timezone: z.string().openapi({ example: 'Europe/Paris', description: 'IANA timezone the hours are written in.' }),
    weekly: z.array(OpeningIntervalSchema),
    holidays: z.array(z.string().openapi({ format: 'date' })),
  })
  .openapi('BusinessHours');

const ContactChannelsSchema = z
  .object({
    email: z.string().optional().openapi({ format: 'email', example: 'help@maple-and-moss.example' }),
    phone: z
      .object({
        number: z.string().openapi({
          example: '+33 1 23 45 67 89',
          description: 'International format, as shoppers read it; a `tel:` link keeps its "+" and digits.',
        }),
        hours: BusinessHoursSchema.optional().openapi({
          description: 'When the line is answered. Absent: the store’s `businessHours`.',
        }),
      })
      .optional(),
  })
  .openapi('ContactChannels', {
    description:
      'Ways to reach the store outside the widget, shown where the widget has no answer. Each is optional; ' +
      'clients show only what is there.',
  });

export const StoreConfigSchema = z
  .object({
    brand: z.object({ name: z.string(), color: z.string(), logoUrl: z.string().optional() }),
    locales: z.array(z.string()).openapi({ description: 'BCP 47 tags; the first is the default.' }),
    businessHours: BusinessHoursSchema,
    channels: z.object({
      faq: z.boolean(),
      orders: z.boolean(),
      returns: z.boolean(),
      chat: z.boolean(),
      callback: z.boolean(),
      surveys: z.boolean(),
    }),
    contact: ContactChannelsSchema.optional(),
    returnPolicy: z.object({
      windowDays: z.number().int(),
      reasons: z
        .array(z.object({ code: z.string(), labels: z.record(z.string(), z.string()), requiresPhoto: z.boolean() }))
        .openapi({ description: 'Every reason the store knows, in the order they are offered.' }),
      reasonsByCategory: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .openapi({
          description:
            'Product category (`OrderItem.category`) → the reason codes offered for its items. A return giving ' +
            'another reason for an item is refused (422, `items.<i>.reason`). Absent: every reason applies.',
          example: { apparel: ['too_small', 'too_large', 'damaged'], tableware: ['damaged', 'changed_mind'] },
        }),
      defaultReasons: z.array(z.string()).optional().openapi({
        description:
          'The reason codes for an item with no category, or one `reasonsByCategory` does not list. Absent: every reason.',
      }),
      resolutions: z.array(z.enum(['refund', 'exchange', 'store_credit'])),
      photos: z.object({
        maxCount: z.number().int(),
        maxBytes: z.number().int(),
        types: z.array(z.enum(['image/jpeg', 'image/png', 'image/webp'])),
      }),
    }),
    callbacks: z.object({ slotMinutes: z.number().int(), leadMinutes: z.number().int(), daysAhead: z.number().int() }),
    surveys: z.object({
      triggers: z.array(
        z.object({
          on: z.enum(['chat_closed', 'return_created', 'callback_completed']),
          kind: z.enum(['csat', 'nps', 'ces']),
          delaySeconds: z.number(),
        }),
      ),
      cooldownDays: z.number(),
    }),
    orderNumbers: z
      .object({
        prefix: z.string().openapi({ example: 'MM-' }),
        suffix: z.string().optional(),
      })
      .optional()
      .openapi({
        description:
          'How order numbers are written: prefix, digits, suffix. Clients may normalize what shoppers type to it ' +
          '("mm 1003" → "MM-1003"); the server does so before every lookup.',
      }),
    mail: z.object({ sends: z.boolean() }).openapi({
      description:
        'What the server does by e-mail, from its own mail setup; no settings file sets it. With `sends: false` ' +
        'clients promise no e-mail (a return’s decision, a transcript, the answer to a message) and say where ' +
        'the shopper will see it instead. This server sends none yet. A client treats its absence as `false`.',
      example: { sends: false },
    }),
  })
  .openapi('StoreConfig') satisfies z.ZodType<StoreConfig>;

// FAQ

export const ArticleSchema = z
  .object({
    id: z.string(),
    locale: z.string().openapi({ example: 'en' }),
    title: z.string(),
    body: z.string().openapi({ description: 'HTML from the help centre; sanitize before rendering.' }),
    tags: z.array(z.string()),
    category: z.string().openapi({ example: 'shipping' }),
    suggestOn: z.array(z.string()).optional().openapi({ description: 'URL path patterns, e.g. `/products/*`.' }),
    updatedAt: instant(),
  })
  .openapi('Article') satisfies z.ZodType<Article>;

export const ArticleSyncSchema = z
  .object({
    full: z.boolean().openapi({ description: 'True when `articles` is the whole help centre of the locale.' }),
    articles: z.array(ArticleSchema),
    deleted: z.array(z.string()),
    syncToken: z.string().openapi({ description: 'Pass as `since` next time. Opaque.' }),
  })
  .openapi('ArticleSync') satisfies z.ZodType<ArticleSync>;

export const ArticleFeedbackInputSchema = z
  .object({ helpful: z.boolean(), comment: z.string().max(2000).optional() })
  .openapi('ArticleFeedbackInput');

export const SearchResultSchema = z.object({ articles: z.array(ArticleSchema).max(20) }).openapi('SearchResult');

// Orders

const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ description: 'In minor units (cents, fen).' }),
    currency: z.string().openapi({ example: 'EUR' }),
  })
  .openapi('Money');

/** A parcel's tracking status, as the widget shows it; the admin API takes the same values. */
export const shipmentStatus = z.enum([
  'info_received',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
  'attempt_failed',
  'exception',
]);
const returnStatus = z.enum(['requested', 'approved', 'rejected', 'received', 'refunded']);

const OrderItemSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    name: z.string(),
    variant: z.string().optional(),
    imageUrl: z.string().optional().openapi({
      description:
        'The product’s picture: an absolute address, or one relative to the storefront page the widget is on.',
    }),
    category: z.string().optional().openapi({
      example: 'tableware',
      description: 'The product’s category: which return reasons apply (`returnPolicy.reasonsByCategory`).',
    }),
    quantity: z.number().int(),
    price: MoneySchema,
    returnableQuantity: z.number().int(),
    returnDeadline: instant().optional(),
    finalSale: z.boolean(),
    notReturnableReason: z
      .enum(['final_sale', 'window_closed', 'already_returned', 'not_delivered', 'cancelled'])
      .optional(),
    exchangeVariants: z.array(z.object({ id: z.string(), name: z.string(), inStock: z.boolean() })).optional(),
  })
  .openapi('OrderItem');

const ShipmentSchema = z
  .object({
    id: z.string(),
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string(),
    status: shipmentStatus,
    items: z.array(z.object({ itemId: z.string(), quantity: z.number().int() })),
    estimatedDelivery: z.object({ from: instant(), to: instant() }).optional(),
    events: z
      .array(
        z.object({ at: instant(), status: shipmentStatus, description: z.string(), location: z.string().optional() }),
      )
      .openapi({ description: 'Newest first.' }),
  })
  .openapi('Shipment');

export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'MM-1001' }),
    status: z.enum([
      'processing',
      'partially_shipped',
      'shipped',
      'out_for_delivery',
      'delivered',
      'cancelled',
      'delivery_failed',
    ]),
    placedAt: instant(),
    deliveredAt: instant().optional(),
    items: z.array(OrderItemSchema),
    shipments: z.array(ShipmentSchema),
    returns: z.array(z.object({ id: z.string(), rma: z.string(), status: returnStatus, createdAt: instant() })),
    total: MoneySchema,
    maskedEmail: z.string().openapi({ example: 'a***@example.com' }),
    maskedAddress: z.string().openapi({ example: '75*** Paris, FR' }),
    shippingCountry: z
      .string()
      .optional()
      .openapi({ example: 'FR', description: 'The delivery address’s country (ISO 3166-1 alpha-2).' }),
  })
  .openapi('Order') satisfies z.ZodType<Order>;

export const OrderLookupSchema = z
  .union([
    z.object({ orderNumber: z.string(), email: z.string() }),
    z.object({ orderNumber: z.string(), postalCode: z.string() }),
  ])
  .openapi('OrderLookup', {
    description: 'An order number with the email or the postal code it was placed with (case and spaces ignored).',
  });

export const OrderAccessSchema = z
  .object({
    order: OrderSchema,
    accessToken: z.string().openapi({ description: 'Bearer token for this order; short-lived (30 minutes).' }),
    expiresAt: instant(),
    returnGrant: z
      .string()
      .optional()
      .openapi({
        description:
          'Bearer token that only creates a return for this order (POST /returns), for 7 days: a return ' +
          'queued offline is sent with it after `accessToken` has expired. Refused by every other route.',
      }),
    returnGrantExpiresAt: instant().optional(),
  })
  .openapi('OrderAccess') satisfies z.ZodType<OrderAccess>;

export const OrderListSchema = z.object({ orders: z.array(OrderSchema) }).openapi('OrderList');

// Returns

const ReturnItemInputSchema = z
  .object({
    itemId: z.string(),
    quantity: z.number().int().min(1),
    reason: z.string().openapi({ description: 'A reason code of the store’s return policy.' }),
    comment: z.string().max(2000).optional(),
    photoIds: z.array(z.string()).openapi({ description: 'Ids from POST /uploads.' }),
    exchangeVariantId: z.string().optional().openapi({ description: 'For an exchange: the variant wanted instead.' }),
  })
  .openapi('ReturnItemInput');

export const ReturnInputSchema = z
  .object({
    orderId: z.string(),
    items: z.array(ReturnItemInputSchema).min(1, { error: 'Choose at least one item to return.' }),
    resolution: z.enum(['refund', 'exchange', 'store_credit']),
    comment: z.string().max(2000).optional(),
  })
  .openapi('ReturnInput');

export const ReturnRecordSchema = z
  .object({
    id: z.string(),
    rma: z.string().openapi({ example: 'RMA-4001' }),
    orderId: z.string(),
    status: returnStatus,
    items: z.array(ReturnItemInputSchema),
    resolution: z.enum(['refund', 'exchange', 'store_credit']),
    createdAt: instant(),
    labelUrl: z.string().optional().openapi({ description: 'Present once approved.' }),
    rejectionReason: z.string().optional().openapi({ description: 'Present when rejected.' }),
  })
  .openapi('ReturnRecord') satisfies z.ZodType<ReturnRecord>;

export const UploadInputSchema = z
  .object({
    file: z.string().openapi({
      format: 'binary',
      description:
        'The file, judged by its bytes: for `return` a JPEG, PNG or WebP photo up to ' +
        '`returnPolicy.photos.maxBytes`; for `chat` one of those or a PDF, up to 10 MB.',
    }),
    purpose: z.enum(['return', 'chat']).optional().openapi({
      description: 'What the file is for. Default: `chat` with a conversation token, `return` with any other.',
    }),
    conversationId: z.string().optional().openapi({
      description: 'For `chat` with an identity token: the signed-in shopper’s conversation the file is for.',
    }),
  })
  .openapi('UploadInput');

export const UploadedFileSchema = z
  .object({
    id: z.string().openapi({ description: 'For `photoIds` or a message’s `attachmentIds`.' }),
    contentType: z
      .enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
      .openapi({ description: 'Judged by the bytes; `application/pdf` only for `purpose: chat`.' }),
    size: z.number().int(),
  })
  .openapi('UploadedFile') satisfies z.ZodType<UploadedAttachment>;

// Callbacks

export const CallbackSlotSchema = z
  .object({ start: instant(), end: instant(), remaining: z.number().int().min(1) })
  .openapi('CallbackSlot') satisfies z.ZodType<CallbackSlot>;

export const CallbackSlotListSchema = z.object({ slots: z.array(CallbackSlotSchema) }).openapi('CallbackSlotList');

export const CallbackInputSchema = z
  .object({
    name: z.string().max(200),
    phone: z.string().openapi({ description: 'E.164', example: '+33612345678' }),
    slot: instant('The start of a slot from GET /callbacks/slots.'),
    timezone: z.string().openapi({ description: 'The shopper’s IANA timezone.', example: 'Europe/Lisbon' }),
    topic: z.string().max(1000),
    orderNumber: z.string().max(64).optional(),
    consent: z.literal(true),
  })
  .openapi('CallbackInput');

export const CallbackRecordSchema = z
  .object({
    id: z.string(),
    status: z.enum(['scheduled', 'called', 'no_answer', 'cancelled']),
    slot: z.object({ start: instant(), end: instant() }),
    createdAt: instant(),
    cancelToken: z.string().openapi({ description: 'Bearer token for POST /callbacks/{id}/cancel.' }),
  })
  .openapi('CallbackRecord') satisfies z.ZodType<CallbackRecord>;

// Surveys

export const SurveyResponseInputSchema = z
  .object({
    kind: z.enum(['csat', 'nps', 'ces']),
    score: z.number().int().openapi({ description: 'CSAT 1–5, NPS 0–10, CES 1–7.' }),
    reason: z
      .enum(['slow', 'unresolved', 'unclear', 'other'])
      .optional()
      .openapi({ description: 'Why a low CSAT (1–2) was low.' }),
    comment: z.string().max(2000).optional(),
    subject: z.object({ type: z.enum(['conversation', 'return', 'callback', 'store']), id: z.string() }),
  })
  .openapi('SurveyResponseInput');

export const SurveyResponseRecordSchema = z
  .object({ id: z.string(), createdAt: instant() })
  .openapi('SurveyResponseRecord') satisfies z.ZodType<SurveyResponseRecord>;

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
