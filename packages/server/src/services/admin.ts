import type { Article, Order, ReturnRecord } from '@kefu/core';
import { isBlank } from '@kefu/core/domain';
import type { ServerDeps } from '../deps.js';
import type { AdminCallback } from './callbacks.js';
import { invalid } from './context.js';
import { prepareStore } from './index.js';
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
export async function listCallbacks(deps: ServerDeps): Promise<AdminCallback[]> {
  return await prepareStore(deps).callbacks.list();
}

/** Records an agent's call: `called`, or `no_answer` (which may be marked again later). */
export async function markCallback(
  deps: ServerDeps,
  id: string,
  status: 'called' | 'no_answer',
): Promise<AdminCallback> {
  return await prepareStore(deps).callbacks.mark(id, status);
}

/** Undoes a recorded outcome: the callback is to call again. */
export async function reopenCallback(deps: ServerDeps, id: string): Promise<AdminCallback> {
  return await prepareStore(deps).callbacks.reopen(id);
}

/** Every return, newest first, with its order's number. */
export async function listReturns(deps: ServerDeps): Promise<AdminReturn[]> {
  return await prepareStore(deps).returns.list();
}

/** Approves a requested return; the shopper's label is at `labelUrl` (http or https). */
export async function approveReturn(deps: ServerDeps, id: string, labelUrl: string): Promise<ReturnRecord> {
  if (!isHttpUrl(labelUrl)) throw invalid({ labelUrl: 'Enter the label’s http(s) address.' });
  return await prepareStore(deps).returns.decide(id, { status: 'approved', labelUrl });
}

/** Rejects a requested return, telling the shopper why. */
export async function rejectReturn(deps: ServerDeps, id: string, reason: string): Promise<ReturnRecord> {
  if (isBlank(reason) || reason.length > 1000) throw invalid({ reason: 'Say why, in at most 1000 characters.' });
  return await prepareStore(deps).returns.decide(id, { status: 'rejected', reason: reason.trim() });
}

/** CSAT and CES averages, the NPS, and the last `days` days (30 by default) day by day. */
export async function surveyStats(deps: ServerDeps, days = 30): Promise<SurveyStats> {
  return await prepareStore(deps).surveys.stats(days);
}

/** The order a shopper named in chat, with what the store knows about them, for the agent. */
export async function findOrderByNumber(
  deps: ServerDeps,
  orderNumber: string,
): Promise<
  { order: Order; email: string; postalCode: string; customerId?: string; customerName?: string } | undefined
> {
  const stored = await prepareStore(deps).orders.findByNumber(orderNumber);
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

/** A help-centre article by id, in the one language it is written in: 404 when it is gone. */
export async function findArticle(deps: ServerDeps, id: string): Promise<Article> {
  return await prepareStore(deps).faq.get(id);
}

/** An upload by id (chat attachments): its photo, owner, file name and where its bytes are. */
export async function findUpload(deps: ServerDeps, id: string) {
  return await prepareStore(deps).uploads.find(id);
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
