export interface CallbackSlot {
  /** ISO 8601 instant (UTC). */
  readonly start: string;
  readonly end: string;
  /** Free places left in this slot. */
  readonly remaining: number;
}

/** POST /v1/callbacks. */
export interface CallbackInput {
  readonly name: string;
  /** E.164, e.g. "+8613812345678". */
  readonly phone: string;
  /** The slot's start, as returned by getCallbackSlots. */
  readonly slot: string;
  /** The shopper's IANA timezone, so the agent knows their local time. */
  readonly timezone: string;
  readonly topic: string;
  readonly orderNumber?: string;
  readonly consent: boolean;
}

export type CallbackStatus = 'scheduled' | 'called' | 'no_answer' | 'cancelled';

export interface CallbackRecord {
  readonly id: string;
  readonly status: CallbackStatus;
  readonly slot: { readonly start: string; readonly end: string };
  readonly createdAt: string;
  /** Lets the shopper cancel without signing in. */
  readonly cancelToken: string;
}
