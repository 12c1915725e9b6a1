import type { Money, Order, OrderItem, Shipment } from '@kefu/core';

/** Dates, times, money and durations through Intl, in the shopper's locale and time zone. */
export interface Formatters {
  money(money: Money): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  /**
   * An estimated delivery: days ("Tue 24 – Wed 25 Nov") for a window of days, whole hours ("Tue
   * 24 Nov, 10:00 – 15:00") for a carrier's slot of a few hours; never a minute, which no estimate has.
   */
  window(range: { readonly from: string; readonly to: string }): string;
  /** "5 minutes ago", "now", "yesterday". */
  ago(elapsedMs: number): string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The longest window a carrier gives as a slot of hours; anything longer is an estimate in days. */
const SLOT_MS = 12 * HOUR_MS;

export function createFormatters(locale: string, timeZone: string | undefined): Formatters {
  const zone = timeZone ? { timeZone } : {};
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const dayWindowFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...zone,
  });
  const hourWindowFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    ...zone,
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    money({ amount, currency }) {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      // Amounts are in minor units; the currency says how many there are (2 for EUR, 0 for JPY).
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(amount / 10 ** digits);
    },
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    window({ from, to }) {
      const start = Date.parse(from);
      const end = Date.parse(to);
      if (end - start > SLOT_MS) return dayWindowFormat.formatRange(start, end);
      // Widened to whole hours: "10:37 – 14:12" reads "10:00 – 15:00".
      return hourWindowFormat.formatRange(Math.floor(start / HOUR_MS) * HOUR_MS, Math.ceil(end / HOUR_MS) * HOUR_MS);
    },
    ago(elapsedMs) {
      const elapsed = Math.max(0, elapsedMs);
      if (elapsed < MINUTE_MS) return relative.format(0, 'second');
      if (elapsed < HOUR_MS) return relative.format(-Math.floor(elapsed / MINUTE_MS), 'minute');
      if (elapsed < DAY_MS) return relative.format(-Math.floor(elapsed / HOUR_MS), 'hour');
      return relative.format(-Math.floor(elapsed / DAY_MS), 'day');
    },
  };
}

/**
 * Where the order is on ordered → shipped → out for delivery → delivered (0–3), or undefined for
 * a cancelled order, which has no progress to show.
 */
export function progressStep(order: Order): number | undefined {
  switch (order.status) {
    case 'processing':
      return 0;
    case 'shipped':
    case 'partially_shipped':
      return 1;
    case 'out_for_delivery':
    case 'delivery_failed':
      return 2;
    case 'delivered':
      return 3;
    case 'cancelled':
      return undefined;
  }
}

/** An order line with the quantity meant in one context (a parcel, or what is left to ship). */
export interface ItemLine {
  readonly item: OrderItem;
  readonly quantity: number;
}

export function itemsOfShipment(order: Order, shipment: Shipment): ItemLine[] {
  return shipment.items.flatMap(({ itemId, quantity }) => {
    const item = order.items.find((candidate) => candidate.id === itemId);
    return item ? [{ item, quantity }] : [];
  });
}

/** What no parcel carries yet: the whole order before it ships, the back-ordered rest after. */
export function itemsNotShipped(order: Order): ItemLine[] {
  return order.items.flatMap((item) => {
    const shipped = order.shipments
      .flatMap((shipment) => shipment.items)
      .filter((line) => line.itemId === item.id)
      .reduce((sum, line) => sum + line.quantity, 0);
    const quantity = item.quantity - shipped;
    return quantity > 0 ? [{ item, quantity }] : [];
  });
}

/** Only web links go into an href: a `javascript:` URL from a compromised feed must not run. */
export function safeWebUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
