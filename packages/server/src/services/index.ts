import type { CallerResolver } from '../http/auth.js';
import type { IdempotencyStore } from '../http/idempotency.js';
import type { CallbacksService } from './callbacks.js';
import type { FaqService } from './faq.js';
import type { OrdersService } from './orders.js';
import type { ReturnsService } from './returns.js';
import type { SurveysService } from './surveys.js';
import type { UploadsService } from './uploads.js';

/** The shop's services, as the REST routes and the console's admin calls use them (built by compose.ts). */
export interface StoreServices {
  readonly faq: FaqService;
  readonly orders: OrdersService;
  readonly returns: ReturnsService;
  readonly uploads: UploadsService;
  readonly callbacks: CallbacksService;
  readonly surveys: SurveysService;
  readonly callers: CallerResolver;
  readonly idempotency: IdempotencyStore;
}
