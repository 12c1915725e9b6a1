import { z } from '@hono/zod-openapi';
import type { Order, OrderItem, OrderStatus, ReturnRecord, Shipment, ShipmentEvent, StoreConfig } from '@kefu/core';
import { applyReturn } from '@kefu/core/domain';
import { shipmentStatus } from '../routes/schemas.js';

/**
 * What a store says about an order (`PUT /admin/v1/orders/{number}`): its facts only. Everything
 * the widget is shown beyond them — the order's and each shipment's status, when it was delivered,
 * how much of each line can still be returned and until when — is derived here, as the demo's
 * orders have it (decision 0019).
 */
const iso = z.string().datetime({ offset: true }).max(40);
// No NUL: PostgreSQL's text cannot hold one, and no store's data needs it.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'No NUL characters.');
export const MoneySchema = z.object({
  amount: z.number().int().min(0).max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code, e.g. EUR.'),
});

export const ShipmentEventSchema = z
  .object({
    at: iso,
    status: shipmentStatus,
    description: text(500),
    location: text(200).optional(),
  })
  .strict()
  .openapi('AdminShipmentEvent');

const ItemSchema = z
  .object({
    id: text(100),
    productId: text(100),
    name: text(300),
    variant: text(200).optional(),
    imageUrl: z.string().url().max(2000).optional(),
    category: text(100).optional(),
    quantity: z.number().int().min(1).max(10_000),
    price: MoneySchema,
    finalSale: z.boolean().optional(),
    exchangeVariants: z
      .array(z.object({ id: text(100), name: text(200), inStock: z.boolean() }).strict())
      .max(100)
      .optional(),
  })
  .strict();

const ShipmentSchema = z
  .object({
    id: text(100),
    carrier: text(100),
    trackingNumber: text(100),
    trackingUrl: z.string().url().max(2000),
    items: z
      .array(z.object({ itemId: text(100), quantity: z.number().int().min(1).max(10_000) }).strict())
      .min(1)
      .max(500),
    estimatedDelivery: z.object({ from: iso, to: iso }).strict().optional(),
    events: z.array(ShipmentEventSchema).max(500).default([]),
  })
  .strict();

export const OrderFactsSchema = z
  .object({
    updatedAt: iso.openapi({
      description: 'When the store last changed this order: a push older than the one kept is refused (409).',
    }),
    placedAt: iso,
    customer: z
      .object({
        email: z.string().trim().email().max(254),
        postalCode: text(20),
        customerId: text(200).optional(),
        name: text(200).optional(),
      })
      .strict(),
    shippingAddress: z
      .object({ city: text(100), country: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code, e.g. FR.') })
      .strict(),
    items: z.array(ItemSchema).min(1).max(500),
    shipments: z.array(ShipmentSchema).max(100).default([]),
    cancellations: z
      .array(
        z.object({ itemId: text(100), quantity: z.number().int().min(1).max(10_000), at: iso.optional() }).strict(),
      )
      .max(500)
      .default([]),
    total: MoneySchema.optional().openapi({ description: 'Default: the sum of the lines not cancelled.' }),
  })
  .strict()
  .openapi('AdminOrder');

export type OrderFacts = z.infer<typeof OrderFactsSchema>;

/** What the schema cannot say: ids that must be unique and refer to lines, quantities that add up. */
export function checkOrderFacts(facts: OrderFacts): Record<string, string> {
  const fields: Record<string, string> = {};
  const quantities = new Map<string, number>();
  facts.items.forEach((item, index) => {
    if (quantities.has(item.id)) fields[`items.${index}.id`] = 'Each line needs its own id.';
    quantities.set(item.id, item.quantity);
    if (item.price.currency !== facts.items[0]?.price.currency)
      fields[`items.${index}.price.currency`] = 'An order has one currency.';
  });
  const cancelled = new Map<string, number>();
  facts.cancellations.forEach((cancellation, index) => {
    const ordered = quantities.get(cancellation.itemId);
    const total = (cancelled.get(cancellation.itemId) ?? 0) + cancellation.quantity;
    cancelled.set(cancellation.itemId, total);
    if (ordered === undefined) fields[`cancellations.${index}.itemId`] = 'No line of this order has this id.';
    else if (total > ordered) fields[`cancellations.${index}.quantity`] = 'More than the line’s quantity.';
  });
  const shipped = new Map<string, number>();
  const shipmentIds = new Set<string>();
  facts.shipments.forEach((shipment, index) => {
    if (shipmentIds.has(shipment.id)) fields[`shipments.${index}.id`] = 'Each shipment needs its own id.';
    shipmentIds.add(shipment.id);
    shipment.items.forEach((line, lineIndex) => {
      const ordered = quantities.get(line.itemId);
      const total = (shipped.get(line.itemId) ?? 0) + line.quantity;
      shipped.set(line.itemId, total);
      if (ordered === undefined) fields[`shipments.${index}.items.${lineIndex}.itemId`] = 'No line has this id.';
      else if (total > ordered - (cancelled.get(line.itemId) ?? 0))
        fields[`shipments.${index}.items.${lineIndex}.quantity`] = 'More than was ordered and not cancelled.';
    });
  });
  return fields;
}

const DAY_MS = 86_400_000;

/** Events newest first, as the contract sends them; equal times keep the store's order. */
function newestFirst(events: readonly ShipmentEvent[]): ShipmentEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => Date.parse(b.event.at) - Date.parse(a.event.at) || a.index - b.index)
    .map(({ event }) => event);
}

/** "ana.garcia@example.com" → "a***@example.com"; "75011", Paris, FR → "75*** Paris, FR". */
const maskEmail = (email: string) => `${email.slice(0, 1)}***@${email.split('@')[1] ?? ''}`;
const maskAddress = (postalCode: string, city: string, country: string) =>
  `${postalCode.slice(0, 2)}*** ${city}, ${country}`;

/**
 * The order the widget is shown, from the store's facts and the returns already made on it:
 * - a shipment's status is its newest event's (`info_received` without one);
 * - an item's delivered quantity is what delivered shipments carry; that, less what returns not
 *   rejected took, is its returnable quantity, until the return window (`returnPolicy.windowDays`)
 *   after its last delivery; final-sale and fully cancelled lines are not returnable;
 * - the order is `cancelled` when every unit is, `processing` before any shipment, then
 *   `partially_shipped` while units are unshipped, `delivery_failed` when a parcel failed,
 *   `delivered` when every parcel is, `out_for_delivery` when one is on the way today, else `shipped`.
 */
export function deriveOrder(
  id: string,
  number: string,
  facts: OrderFacts,
  returns: readonly ReturnRecord[],
  config: StoreConfig,
): Order {
  const shipments: Shipment[] = facts.shipments.map((input) => {
    const events = newestFirst(input.events);
    return {
      id: input.id,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl,
      status: events[0]?.status ?? 'info_received',
      items: input.items,
      ...(input.estimatedDelivery ? { estimatedDelivery: input.estimatedDelivery } : {}),
      events,
    };
  });
  const deliveredAtOf = (shipment: Shipment) => (shipment.status === 'delivered' ? shipment.events[0]?.at : undefined);

  const cancelled = new Map<string, number>();
  for (const c of facts.cancellations) cancelled.set(c.itemId, (cancelled.get(c.itemId) ?? 0) + c.quantity);

  let items: OrderItem[] = facts.items.map((input) => {
    const live = input.quantity - (cancelled.get(input.id) ?? 0);
    let delivered = 0;
    let lastDelivery: string | undefined;
    for (const shipment of shipments) {
      const at = deliveredAtOf(shipment);
      if (at === undefined) continue;
      for (const line of shipment.items) if (line.itemId === input.id) delivered += line.quantity;
      if (shipment.items.some((line) => line.itemId === input.id) && (!lastDelivery || at > lastDelivery))
        lastDelivery = at;
    }
    const base = {
      id: input.id,
      productId: input.productId,
      name: input.name,
      ...(input.variant ? { variant: input.variant } : {}),
      ...(input.imageUrl ? { imageUrl: input.imageUrl } : {}),
      ...(input.category ? { category: input.category } : {}),
      quantity: input.quantity,
      price: input.price,
      finalSale: input.finalSale ?? false,
      ...(input.exchangeVariants ? { exchangeVariants: input.exchangeVariants } : {}),
    };
    const returnDeadline =
      lastDelivery === undefined
        ? undefined
        : new Date(Date.parse(lastDelivery) + config.returnPolicy.windowDays * DAY_MS).toISOString();
    const withDeadline = returnDeadline === undefined ? base : { ...base, returnDeadline };
    if (base.finalSale) return { ...withDeadline, returnableQuantity: 0, notReturnableReason: 'final_sale' };
    if (live <= 0) return { ...withDeadline, returnableQuantity: 0, notReturnableReason: 'cancelled' };
    if (delivered === 0) return { ...withDeadline, returnableQuantity: 0, notReturnableReason: 'not_delivered' };
    return { ...withDeadline, returnableQuantity: Math.min(delivered, live) };
  });

  const liveUnits = facts.items.reduce((sum, item) => sum + item.quantity - (cancelled.get(item.id) ?? 0), 0);
  const shippedUnits = facts.shipments.reduce(
    (sum, shipment) => sum + shipment.items.reduce((n, line) => n + line.quantity, 0),
    0,
  );
  const statuses = shipments.map((shipment) => shipment.status);
  let status: OrderStatus;
  if (liveUnits === 0) status = 'cancelled';
  else if (shipments.length === 0) status = 'processing';
  else if (statuses.some((s) => s === 'attempt_failed' || s === 'exception')) status = 'delivery_failed';
  else if (shippedUnits < liveUnits) status = 'partially_shipped';
  else if (statuses.every((s) => s === 'delivered')) status = 'delivered';
  else if (statuses.some((s) => s === 'out_for_delivery')) status = 'out_for_delivery';
  else status = 'shipped';
  const deliveredAt =
    status === 'delivered'
      ? shipments
          .map(deliveredAtOf)
          .reduce<string | undefined>((a, b) => (b !== undefined && (!a || b > a) ? b : a), undefined)
      : undefined;

  const currency = facts.items[0]?.price.currency ?? 'EUR';
  const total = facts.total ?? {
    amount: facts.items.reduce(
      (sum, item) => sum + item.price.amount * (item.quantity - (cancelled.get(item.id) ?? 0)),
      0,
    ),
    currency,
  };
  // Returns the shopper made stay made: their lines are taken off again, and they stay listed.
  let order: Order = {
    id,
    number,
    status,
    placedAt: facts.placedAt,
    ...(deliveredAt ? { deliveredAt } : {}),
    items,
    shipments,
    returns: [],
    total,
    maskedEmail: maskEmail(facts.customer.email),
    maskedAddress: maskAddress(facts.customer.postalCode, facts.shippingAddress.city, facts.shippingAddress.country),
    shippingCountry: facts.shippingAddress.country,
  };
  for (const record of returns) {
    const summary = { id: record.id, rma: record.rma, status: record.status, createdAt: record.createdAt };
    order =
      record.status === 'rejected'
        ? { ...order, returns: [...order.returns, summary] }
        : applyReturn(order, record.items, summary);
  }
  items = order.items.map((item) =>
    item.returnableQuantity < 0 ? { ...item, returnableQuantity: 0, notReturnableReason: 'already_returned' } : item,
  );
  return { ...order, items };
}
