import { KefuError } from '../../packages/core/src/errors.js';
import type { KefuBackend } from '../../packages/core/src/ports/backend.js';

/** What happens to one request on its way to the fake server and back. */
export type Fault =
  | 'none'
  | 'drop-before' // the network fails before the server sees the request
  | 'drop-after' // the server applies it, then the response is lost
  | 'server-error' // 503, nothing applied
  | 'rate-limited' // 429 with Retry-After, nothing applied
  | 'invalid'; // 422, final

export interface SubmissionRecord {
  readonly key: string;
  readonly kind: string;
  readonly body: string;
}

/**
 * A server for submissions only (returns, callbacks, surveys, feedback, chat messages) with the
 * contract's idempotency: the same key and body return the first result, a different body is a
 * 409. It counts what it applied, so tests can prove "exactly once".
 */
export function createFakeSubmissionServer() {
  const applied = new Map<string, SubmissionRecord & { result: unknown }>();
  const requests: SubmissionRecord[] = [];
  let nextFault: (request: SubmissionRecord) => Fault = () => 'none';
  let sequence = 0;

  async function handle(kind: string, key: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    await Promise.resolve();
    if (signal?.aborted) throw new KefuError('aborted', 'cancelled');
    const request = { key, kind, body: JSON.stringify(input) };
    requests.push(request);
    const fault = nextFault(request);
    if (fault === 'drop-before') throw new KefuError('network', 'Failed to fetch');
    if (fault === 'server-error') throw new KefuError('server', 'Unavailable', { status: 503 });
    if (fault === 'rate-limited') throw new KefuError('rate_limited', 'Slow down', { status: 429, retryAfterMs: 5 });
    if (fault === 'invalid') {
      throw new KefuError('validation', 'Invalid', { status: 422, fields: { 'items.0.quantity': 'Too many' } });
    }
    const previous = applied.get(key);
    let result: unknown;
    if (previous) {
      if (previous.body !== request.body) {
        throw new KefuError('conflict', 'Key reused', { status: 409, serverCode: 'idempotency_key_reused' });
      }
      result = previous.result;
    } else {
      sequence += 1;
      result = { id: `${kind}_${sequence}`, rma: `RMA-${4000 + sequence}`, createdAt: new Date().toISOString() };
      applied.set(key, { ...request, result });
    }
    if (fault === 'drop-after') throw new KefuError('network', 'Connection reset after commit');
    return structuredClone(result);
  }

  const notUsed = () => Promise.reject(new Error('not used by submission tests'));
  const backend = new Proxy({} as KefuBackend, {
    get(_target, property) {
      switch (property) {
        case 'createReturn':
        case 'requestCallback':
        case 'submitSurvey':
        case 'sendArticleFeedback':
          return (input: unknown, options: { idempotencyKey: string; signal?: AbortSignal }) =>
            handle(String(property), options.idempotencyKey, input, options.signal);
        case 'sendMessage':
          return (conversationId: string, input: { clientId: string }, options: { signal?: AbortSignal }) =>
            handle('sendMessage', input.clientId, { conversationId, ...input }, options.signal);
        default:
          return notUsed;
      }
    },
  });

  return {
    backend,
    applied,
    requests,
    /** Decides the fault for each later request. */
    setFaults(decide: (request: SubmissionRecord) => Fault) {
      nextFault = decide;
    },
  };
}
