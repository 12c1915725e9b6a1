import type { ReturnResolution } from './config.js';
import type { ReturnStatus } from './orders.js';

export interface ReturnItemInput {
  readonly itemId: string;
  readonly quantity: number;
  /** A reason code from the store's return policy. */
  readonly reason: string;
  readonly comment?: string;
  /** Ids from uploadPhoto. */
  readonly photoIds: readonly string[];
  /** For an exchange: the variant wanted instead. */
  readonly exchangeVariantId?: string;
}

/** POST /v1/returns. */
export interface ReturnInput {
  readonly orderId: string;
  readonly items: readonly ReturnItemInput[];
  readonly resolution: ReturnResolution;
  readonly comment?: string;
}

export interface ReturnRecord {
  readonly id: string;
  /** Return merchandise authorization number the shopper quotes, e.g. "RMA-4821". */
  readonly rma: string;
  readonly orderId: string;
  readonly status: ReturnStatus;
  readonly items: readonly ReturnItemInput[];
  readonly resolution: ReturnResolution;
  readonly createdAt: string;
  /** Present once approved. */
  readonly labelUrl?: string;
  /** Present when rejected. */
  readonly rejectionReason?: string;
}

/** POST /v1/uploads. */
export interface UploadedPhoto {
  readonly id: string;
  readonly contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  readonly size: number;
}

/** A photo the shopper added to a draft: uploaded already, with the file kept for its thumbnail. */
export interface DraftPhoto {
  /** The id uploadPhoto returned. */
  readonly id: string;
  readonly file: Blob;
  readonly contentType: UploadedPhoto['contentType'];
  readonly size: number;
}

/** One order line as the shopper is filling it in. */
export interface ReturnLineDraft {
  readonly selected: boolean;
  readonly quantity: number;
  /** A reason code, or '' while none is chosen. */
  readonly reason: string;
  readonly photos: readonly DraftPhoto[];
  readonly exchangeVariantId?: string;
}

/**
 * A return being filled in, kept in storage so a reload loses nothing. Its `submissionId` is the
 * idempotency key: one per draft, so a double tap, a retry or a reload never makes two returns.
 */
export interface ReturnDraft {
  readonly orderId: string;
  readonly submissionId: string;
  /** Keyed by order item id. */
  readonly lines: Readonly<Record<string, ReturnLineDraft>>;
  readonly resolution?: ReturnResolution;
  readonly comment: string;
  /** `submitted`: handed to the outbox under `submissionId` (sent, pending or failed). */
  readonly step: 'edit' | 'review' | 'submitted';
  /** Item ids in the order they were sent, to map the server's `items.<index>.<field>` back to a line. */
  readonly sentItemIds?: readonly string[];
}
