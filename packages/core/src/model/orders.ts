export type OrderStatus =
  'processing' | 'partially_shipped' | 'shipped' | 'out_for_delivery' | 'delivered' | 'cancelled' | 'delivery_failed';

export type ShipmentStatus =
  | 'info_received'
  | 'in_transit'
  | 'out_for_delivery'
  | 'available_for_pickup'
  | 'delivered'
  | 'attempt_failed'
  | 'exception';

export interface Money {
  /** In minor units (cents, fen). */
  readonly amount: number;
  /** ISO 4217, e.g. "EUR". */
  readonly currency: string;
}

export interface OrderItem {
  readonly id: string;
  readonly productId: string;
  readonly name: string;
  readonly variant?: string;
  readonly imageUrl?: string;
  /**
   * The product's category, e.g. "apparel" or "tableware": which return reasons apply to it
   * (`returnPolicy.reasonsByCategory`). Optional.
   */
  readonly category?: string;
  readonly quantity: number;
  readonly price: Money;
  /** How many of this line can still be returned (0 when none). */
  readonly returnableQuantity: number;
  /** ISO 8601; absent until delivered. */
  readonly returnDeadline?: string;
  readonly finalSale: boolean;
  /** Why nothing can be returned, when returnableQuantity is 0. */
  readonly notReturnableReason?: 'final_sale' | 'window_closed' | 'already_returned' | 'not_delivered' | 'cancelled';
  /** Other variants of the same product, for an exchange. */
  readonly exchangeVariants?: readonly { readonly id: string; readonly name: string; readonly inStock: boolean }[];
}

export interface ShipmentEvent {
  /** ISO 8601 with offset. */
  readonly at: string;
  readonly status: ShipmentStatus;
  readonly description: string;
  readonly location?: string;
}

export interface Shipment {
  readonly id: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly trackingUrl: string;
  readonly status: ShipmentStatus;
  /** Order item ids (with quantities) in this parcel. */
  readonly items: readonly { readonly itemId: string; readonly quantity: number }[];
  readonly estimatedDelivery?: { readonly from: string; readonly to: string };
  /** Newest first. */
  readonly events: readonly ShipmentEvent[];
}

export type ReturnStatus = 'requested' | 'approved' | 'rejected' | 'received' | 'refunded';

export interface ReturnSummary {
  readonly id: string;
  readonly rma: string;
  readonly status: ReturnStatus;
  readonly createdAt: string;
}

export interface Order {
  readonly id: string;
  /** What the shopper sees and types, e.g. "MM-1001". */
  readonly number: string;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly deliveredAt?: string;
  readonly items: readonly OrderItem[];
  readonly shipments: readonly Shipment[];
  readonly returns: readonly ReturnSummary[];
  readonly total: Money;
  /** Masked by the server: "j***@example.com". */
  readonly maskedEmail: string;
  /** Masked by the server: "75*** Paris, FR". */
  readonly maskedAddress: string;
  /**
   * The delivery address's country (ISO 3166-1 alpha-2, e.g. "FR"), already in `maskedAddress`:
   * forms about the order start on it (the callback's phone country). Optional.
   */
  readonly shippingCountry?: string;
}

/** POST /v1/orders/lookup: an order number with the email or the postal code it was placed with. */
export type OrderLookup =
  | { readonly orderNumber: string; readonly email: string }
  | { readonly orderNumber: string; readonly postalCode: string };

/** The answer to a lookup: the order and a short-lived token to act on it (returns, uploads). */
export interface OrderAccess {
  readonly order: Order;
  readonly accessToken: string;
  /** ISO 8601. */
  readonly expiresAt: string;
  /**
   * A longer-lived bearer token that only creates a return for this order (POST /returns), so a
   * return queued offline is still accepted after `accessToken` has expired. Servers that issue none
   * leave it out; the access token is used instead.
   */
  readonly returnGrant?: string;
  /** ISO 8601; with `returnGrant`. */
  readonly returnGrantExpiresAt?: string;
}
