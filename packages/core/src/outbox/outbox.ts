import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { CreateOptions, KefuBackend } from '../ports/backend.js';
import type { KeyValueStorage } from '../ports/storage.js';
import type { Clock } from '../ports/clock.js';
import type { NetworkStatus } from '../ports/network.js';
import { toKefuError, type KefuError } from '../errors.js';
import { defaultBackoff, fullJitterDelay, type BackoffOptions } from './backoff.js';
import { createTabLock, type TabLock } from './tab-lock.js';
import type { OutboxError, OutboxItem, OutboxKind, OutboxPayloads } from './outbox-item.js';

export const OUTBOX_PREFIX = 'outbox/';
/** Sent items are kept this long (so every tab can show "sent"), then pruned. */
const SENT_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface OutboxOptions {
  readonly backend: KefuBackend;
  readonly storage: KeyValueStorage;
  readonly clock: Clock;
  readonly network: NetworkStatus;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  /** Override for tests; defaults to Web Locks, else a lease in storage. */
  readonly lock?: TabLock;
  /** Cross-tab change notifications; `null` turns them off. */
  readonly channelName?: string | null;
  readonly createId?: () => string;
}

export interface Outbox {
  /** Every item this origin has not pruned yet, oldest first, the same in every tab. */
  readonly items: ReadonlySignal<readonly OutboxItem[]>;
  /**
   * Saves a submission to storage, then sends it when possible. Resolves once it is saved (not
   * sent): watch `items`, or `whenSettled(id)`, for the outcome.
   */
  enqueue<K extends OutboxKind>(
    kind: K,
    payload: OutboxPayloads[K],
    options?: { id?: string; token?: string },
  ): Promise<OutboxItem<K>>;
  /** Resolves when the item is sent or has failed for good. */
  whenSettled(id: string): Promise<OutboxItem>;
  /** Sends what is due now (all pending items when `ignoreBackoff`). */
  flush(options?: { ignoreBackoff?: boolean }): Promise<void>;
  /** A failed item, as it was, tried again. */
  retry(id: string): Promise<void>;
  /** A failed item with corrected data: a new submission (new key) replaces it. Undefined if `id` is gone. */
  resend<K extends OutboxKind>(id: string, payload: OutboxPayloads[K]): Promise<OutboxItem<K> | undefined>;
  /** The shopper gives up on an item. */
  discard(id: string): Promise<void>;
  /** Reads what storage holds (after a reload) and starts sending. */
  start(): Promise<void>;
  dispose(): void;
}

/** How each kind is sent. The options carry the item's id, its idempotency key on every attempt. */
const senders: {
  [K in OutboxKind]: (backend: KefuBackend, payload: OutboxPayloads[K], options: CreateOptions) => Promise<unknown>;
} = {
  return: (backend, payload, options) => backend.createReturn(payload, options),
  callback: (backend, payload, options) => backend.requestCallback(payload, options),
  survey: (backend, payload, options) => backend.submitSurvey(payload, options),
  'article-feedback': (backend, payload, options) => backend.sendArticleFeedback(payload, options),
  // A message's idempotency key is its clientId, which is the item's id.
  'chat-message': (backend, { conversationId, message }, options) =>
    backend.sendMessage(conversationId, message, options),
};

const byCreation = (a: OutboxItem, b: OutboxItem) => a.createdAt - b.createdAt;

/**
 * The durable outbox every submission goes through. Guarantees, in order of importance:
 * nothing the shopper submitted is dropped silently (it is saved before the first attempt, and
 * only a final answer from the server — success or a 4xx — settles it); nothing is applied twice
 * (every attempt carries the same idempotency key); and one tab sends at a time.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { backend, storage, clock, network } = options;
  const backoff = options.backoff ?? defaultBackoff;
  const random = options.random ?? Math.random;
  const createId = options.createId ?? (() => crypto.randomUUID());
  const tabId = createId();
  const lock =
    options.lock ??
    createTabLock('kefu-outbox', {
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
      storage,
      clock,
      tabId,
    });
  const items = signal<readonly OutboxItem[]>([]);
  const channel =
    options.channelName !== null && typeof BroadcastChannel !== 'undefined'
      ? new BroadcastChannel(options.channelName ?? 'kefu-outbox')
      : undefined;
  const inFlight = new AbortController();
  let timer: unknown;
  let disposed = false;
  let flushing: Promise<void> | undefined;
  let flushAgain: { ignoreBackoff: boolean } | undefined;

  const keyOf = (id: string) => `${OUTBOX_PREFIX}${id}`;

  async function readAll(): Promise<OutboxItem[]> {
    const keys = await storage.keys(OUTBOX_PREFIX);
    const loaded = await Promise.all(keys.map((key) => storage.get<OutboxItem>(key)));
    return loaded.filter((item): item is OutboxItem => item !== undefined).sort(byCreation);
  }

  async function refresh(): Promise<void> {
    const all = await readAll();
    if (!disposed) items.value = all;
  }

  /** Writes an item, shows it in this tab at once, and tells the other tabs. */
  async function save(item: OutboxItem): Promise<void> {
    await storage.set(keyOf(item.id), item);
    if (disposed) return;
    const others = items.value.filter((existing) => existing.id !== item.id);
    items.value = [...others, item].sort(byCreation);
    channel?.postMessage({ type: 'changed', id: item.id });
  }

  async function remove(id: string): Promise<void> {
    await storage.delete(keyOf(id));
    if (disposed) return;
    items.value = items.value.filter((item) => item.id !== id);
    channel?.postMessage({ type: 'changed', id });
  }

  channel?.addEventListener('message', () => void refresh());
  const unsubscribeNetwork = network.subscribe((online) => {
    // Back online: send everything now, whatever the backoff said.
    if (online) void flush({ ignoreBackoff: true });
  });

  function schedule(): void {
    clock.clearTimeout(timer);
    // Offline, nothing is due: the online event starts the next flush.
    if (disposed || !network.isOnline()) return;
    const due = items.value.filter((item) => item.status === 'pending').map((item) => item.nextAttemptAt);
    if (due.length === 0) return;
    const delay = Math.max(0, Math.min(...due) - clock.now());
    timer = clock.setTimeout(() => void flush(), delay);
  }

  async function sendOne(item: OutboxItem): Promise<'sent' | 'retry' | 'failed' | 'offline'> {
    try {
      // The kind and the payload were saved together: the payload is this kind's.
      const send = senders[item.kind] as (backend: KefuBackend, payload: unknown, options: CreateOptions) => unknown;
      const result = await send(backend, item.payload, {
        idempotencyKey: item.id,
        signal: inFlight.signal,
        token: item.token,
      });
      const { payload: _sentPayload, token: _usedToken, error: _lastError, ...rest } = item;
      await save({ ...rest, status: 'sent', result, sentAt: clock.now(), attempts: item.attempts + 1 });
      return 'sent';
    } catch (thrown) {
      const error = toKefuError(thrown);
      if (error.code === 'aborted' && disposed) return 'offline';
      if (error.retryable || error.code === 'aborted') {
        const attempts = item.attempts + 1;
        const wait = error.retryAfterMs ?? fullJitterDelay(attempts, backoff, random);
        await save({ ...item, attempts, nextAttemptAt: clock.now() + wait, error: describeError(error) });
        return error.code === 'network' || error.code === 'timeout' ? 'offline' : 'retry';
      }
      const { token: _token, ...rest } = item;
      await save({ ...rest, status: 'failed', attempts: item.attempts + 1, error: describeError(error) });
      return 'failed';
    }
  }

  async function flushUnderLock(ignoreBackoff: boolean): Promise<void> {
    await lock(async () => {
      // Read from storage inside the lock: another tab may have sent an item a moment ago.
      const all = await readAll();
      if (!disposed) items.value = all;
      // Conversations with an earlier message still waiting (a 5xx, a 429, its backoff): their later
      // messages wait behind it, so the agent reads them in the order they were written. Other
      // submissions do not depend on each other and go on.
      const waiting = new Set<string>();
      for (const item of all) {
        if (disposed || !network.isOnline()) break;
        if (item.status !== 'pending') continue;
        const conversation = item.kind === 'chat-message' ? conversationOf(item) : undefined;
        if (conversation !== undefined && waiting.has(conversation)) continue;
        if (!ignoreBackoff && item.nextAttemptAt > clock.now()) {
          if (conversation !== undefined) waiting.add(conversation);
          continue;
        }
        const outcome = await sendOne(item);
        // The network went away: stop here and keep the order for the next flush.
        if (outcome === 'offline') break;
        if (outcome === 'retry' && conversation !== undefined) waiting.add(conversation);
      }
      await pruneSent(all);
    });
  }

  async function pruneSent(all: readonly OutboxItem[]): Promise<void> {
    const cutoff = clock.now() - SENT_RETENTION_MS;
    for (const item of all) {
      if (item.status === 'sent' && (item.sentAt ?? 0) < cutoff) await remove(item.id);
    }
  }

  function flush(flushOptions: { ignoreBackoff?: boolean } = {}): Promise<void> {
    if (disposed) return Promise.resolve();
    if (flushing) {
      // A flush is running; run once more after it, so nothing enqueued meanwhile waits for a timer.
      flushAgain = { ignoreBackoff: (flushAgain?.ignoreBackoff ?? false) || Boolean(flushOptions.ignoreBackoff) };
      return flushing;
    }
    const run = async () => {
      let next: { ignoreBackoff: boolean } | undefined = { ignoreBackoff: Boolean(flushOptions.ignoreBackoff) };
      while (next && !disposed) {
        flushAgain = undefined;
        if (network.isOnline()) await flushUnderLock(next.ignoreBackoff);
        next = flushAgain;
      }
    };
    // `.finally` runs in a later microtask, so `flushing` is always assigned before it is cleared,
    // even when `run` finishes without awaiting anything (offline).
    flushing = run()
      .catch(() => {
        // Storage failures are handled (and reported) by the storage layer; a flush never rejects.
      })
      .finally(() => {
        flushing = undefined;
        schedule();
      });
    return flushing;
  }

  async function enqueue<K extends OutboxKind>(
    kind: K,
    payload: OutboxPayloads[K],
    enqueueOptions: { id?: string; token?: string } = {},
  ): Promise<OutboxItem<K>> {
    const now = clock.now();
    const item: OutboxItem<K> = {
      id: enqueueOptions.id ?? createId(),
      kind,
      payload,
      ...(enqueueOptions.token === undefined ? {} : { token: enqueueOptions.token }),
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      status: 'pending',
    };
    // An id already queued is the same submission (a double tap): keep the first.
    const existing = await storage.get<OutboxItem<K>>(keyOf(item.id));
    if (existing) return existing;
    await save(item);
    void flush();
    return item;
  }

  function whenSettled(id: string): Promise<OutboxItem> {
    return new Promise((resolve) => {
      const unsubscribe = items.subscribe((all) => {
        const item = all.find((candidate) => candidate.id === id);
        if (!item || item.status === 'pending') return;
        resolve(item);
        // subscribe() calls back synchronously the first time, before `unsubscribe` is assigned.
        queueMicrotask(() => unsubscribe());
      });
    });
  }

  return {
    items,
    enqueue,
    whenSettled,
    flush,
    async retry(id) {
      const item = await storage.get<OutboxItem>(keyOf(id));
      if (!item || item.status !== 'failed') return;
      await save({ ...item, status: 'pending', nextAttemptAt: clock.now() });
      void flush();
    },
    async resend<K extends OutboxKind>(id: string, payload: OutboxPayloads[K]) {
      const item = await storage.get<OutboxItem<K>>(keyOf(id));
      // Discarded meanwhile, perhaps in another tab: nothing to replace.
      if (!item) return undefined;
      // A new key: the server may have remembered the rejected body under the old one.
      const replacement = await enqueue(item.kind, payload, item.token === undefined ? {} : { token: item.token });
      await remove(id);
      return replacement;
    },
    discard: (id) => remove(id),
    async start() {
      await refresh();
      await flush();
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(timer);
      unsubscribeNetwork();
      channel?.close();
      inFlight.abort();
    },
  };
}

function conversationOf(item: OutboxItem): string | undefined {
  return (item.payload as OutboxPayloads['chat-message'] | undefined)?.conversationId;
}

function describeError(error: KefuError): OutboxError {
  return {
    code: error.code,
    message: error.message,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.serverCode === undefined ? {} : { serverCode: error.serverCode }),
    ...(error.fields === undefined ? {} : { fields: error.fields }),
  };
}
