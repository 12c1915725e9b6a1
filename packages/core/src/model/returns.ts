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
