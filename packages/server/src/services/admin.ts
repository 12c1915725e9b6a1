import type { Order, ReturnRecord } from '@kefu/core';
import { isBlank } from '@kefu/core/domain';
import type { AdminCallback } from './callbacks.js';
import { invalid } from './context.js';
import type { StoreServices } from './index.js';
import type { AdminReturn } from './returns.js';
import type { SurveyStats } from './surveys.js';
import type { UploadOwner } from './uploads.js';

/**
 * What the agent console does with the store (the console's routes call these). Failures are
 * ApiErrors in the contract's shape: 404 for an unknown id, 409 for a step that no longer
 * applies, 422 for bad input.
 */

export type { AdminCallback, AdminReturn, SurveyStats, UploadOwner };

/** Every callback, soonest slot first. */
export async function listCallbacks(services: StoreServices): Promise<AdminCallback[]> {
  return await services.callbacks.list();
}

/** Records an agent's call: `called`, or `no_answer` (which may be marked again later). */
export async function markCallback(
  services: StoreServices,
  id: string,
  status: 'called' | 'no_answer',
): Promise<AdminCallback> {
  return await services.callbacks.mark(id, status);
}

/** Undoes a recorded outcome: the callback is to call again. */
export async function reopenCallback(services: StoreServices, id: string): Promise<AdminCallback> {
  return await services.callbacks.reopen(id);
}

/** Every return, newest first, with its order's number. */
export async function listReturns(services: StoreServices): Promise<AdminReturn[]> {
  return await services.returns.list();
}

/** Approves a requested return; the shopper's label is at `labelUrl` (http or https). */
export async function approveReturn(services: StoreServices, id: string, labelUrl: string): Promise<ReturnRecord> {
  if (!isHttpUrl(labelUrl)) throw invalid({ labelUrl: 'Enter the label’s http(s) address.' });
  return await services.returns.decide(id, { status: 'approved', labelUrl });
}

/** Rejects a requested return, telling the shopper why. */
export async function rejectReturn(services: StoreServices, id: string, reason: string): Promise<ReturnRecord> {
  if (isBlank(reason) || reason.length > 1000) throw invalid({ reason: 'Say why, in at most 1000 characters.' });
  return await services.returns.decide(id, { status: 'rejected', reason: reason.trim() });
}

/** CSAT and CES averages, the NPS, and the last `days` days (30 by default) day by day. */
export async function surveyStats(services: StoreServices, days = 30): Promise<SurveyStats> {
  return await services.surveys.stats(days);
}

/** The order a shopper named in chat, with what the store knows about them, for the agent. */
export async function findOrderByNumber(
  services: StoreServices,
  orderNumber: string,
): Promise<
  { order: Order; email: string; postalCode: string; customerId?: string; customerName?: string } | undefined
> {
  const stored = await services.orders.findByNumber(orderNumber);
  if (!stored) return undefined;
  const { order, email, postalCode, customerId, customerName } = stored;
  return {
    order,
    email,
    postalCode,
    ...(customerId !== undefined ? { customerId } : {}),
    ...(customerName !== undefined ? { customerName } : {}),
  };
}

/** An upload by id (chat attachments): its photo, owner, file name and where its bytes are. */
export async function findUpload(services: StoreServices, id: string) {
  return await services.uploads.find(id);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
