import type { Article } from '../model/faq.js';
import type { IndexWorkerReply, IndexWorkerRequest } from './faq-index-worker.js';
import type { SerializedFaqIndex } from './serialized-index.js';
import { yieldToMain } from './yield-to-main.js';

/**
 * The Trusted Types policy that vouches for the index worker's URL. Under
 * `require-trusted-types-for 'script'` the Worker constructor takes only a TrustedScriptURL; a page
 * that enforces Trusted Types allows this name (`trusted-types lit-html kefu-worker`), or the index
 * is built on the main thread (docs/security.md).
 */
const WORKER_POLICY_NAME = 'kefu-worker';

/** Articles per message to the worker: copying 10,000 in one message is a long task of its own. */
const BATCH_SIZE = 500;

interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): ScriptUrlPolicy;
}

/**
 * The worker cannot run on this page: no Worker, the Trusted Types policy or CSP refused it, its
 * script is on another origin or did not load. The caller builds on the main thread, and need
 * not try again.
 */
export class IndexWorkerUnavailableError extends Error {
  override name = 'IndexWorkerUnavailableError';
}

let policy: ScriptUrlPolicy | undefined;
/** A refused policy name is refused for the page's life; asking again would report another violation. */
let policyRefused: unknown;
/** The worker's URL as the bundler wrote it: the one URL the policy vouches for. */
let vouchedUrl: string | undefined;

/**
 * Starts the worker in the file beside this module, in the words bundlers know a worker by,
 * `new Worker(new URL('./…', import.meta.url), { type: 'module' })`: Vite bundles it and emits a
 * file of the app whatever its size (as a plain `new URL()` asset it was inlined as a `data:` URL
 * under 4 KB, which the origin check refuses), as the loader's build does
 * (packages/loader/rollup.config.mjs). webpack 5 takes only the global `Worker` for a worker: it
 * emits the file through its `new URL()` asset rule, and @kefu/core ships the worker self-contained.
 *
 * That `Worker` is the browser's behind the checks that must come first. Workers are same-origin
 * only: from a CDN the constructor would refuse it anyway, and asking for the policy first would
 * only report a violation for nothing. Under `require-trusted-types-for 'script'` Chromium refuses a
 * URL object (a TypeError and a reported violation): the URL goes through the kefu-worker policy.
 */
function startIndexWorker(): Worker {
  if (typeof globalThis.Worker !== 'function') throw new TypeError('no Worker here');
  const Worker = class extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      if (url.origin !== globalThis.location?.origin) throw new TypeError(`${url.href} is on another origin`);
      super(trustedScriptUrl(url.href), options);
    }
  };
  return new Worker(new URL('./faq-index-worker.js', import.meta.url), { type: 'module', name: 'kefu-faq-index' });
}

/** The URL as the Worker constructor accepts it where Trusted Types are enforced. */
function trustedScriptUrl(url: string): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return url;
  if (policyRefused !== undefined) throw policyRefused;
  vouchedUrl ??= url;
  try {
    // Vouches for this one URL and nothing else: no other script can start a worker through it.
    policy ??= factory.createPolicy(WORKER_POLICY_NAME, {
      createScriptURL(input) {
        if (input !== vouchedUrl) throw new TypeError(`${WORKER_POLICY_NAME}: not the FAQ index worker: ${input}`);
        return input;
      },
    });
  } catch (error) {
    policyRefused = error;
    throw error;
  }
  return policy.createScriptURL(url) as string;
}

/**
 * Builds the index of `articles` in a dedicated worker and resolves with it serialized. Rejects
 * with IndexWorkerUnavailableError when the worker cannot run here, or with the worker's error
 * when the articles could not be indexed.
 */
export function buildIndexInWorker(articles: readonly Article[], signal?: AbortSignal): Promise<SerializedFaqIndex> {
  return new Promise<SerializedFaqIndex>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let worker: Worker;
    try {
      worker = startIndexWorker();
    } catch (error) {
      reject(new IndexWorkerUnavailableError('The FAQ index worker could not start', { cause: error }));
      return;
    }
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    /** `unavailable`: the worker cannot run here (not: these articles could not be indexed). */
    const fail = (reason: string, unavailable: boolean) => {
      finish();
      reject(unavailable ? new IndexWorkerUnavailableError(reason) : new Error(reason));
    };
    const onAbort = () => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', ({ data }: MessageEvent<IndexWorkerReply>) => {
      if (data.kind === 'failed') return fail(data.message, false);
      finish();
      resolve(data.serialized);
    });
    // A script that did not load (refused by CSP, not found, no module workers): an `error` event.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(event instanceof ErrorEvent ? event.message : 'the worker script did not load', true);
    });
    worker.addEventListener('messageerror', () => fail('a message could not be read', true));
    void send(worker, articles, signal);
  });
}

async function send(worker: Worker, articles: readonly Article[], signal?: AbortSignal): Promise<void> {
  for (let start = 0; start < articles.length; start += BATCH_SIZE) {
    if (signal?.aborted) return;
    const request: IndexWorkerRequest = { kind: 'articles', articles: articles.slice(start, start + BATCH_SIZE) };
    worker.postMessage(request);
    await yieldToMain();
  }
  if (!signal?.aborted) worker.postMessage({ kind: 'build' } satisfies IndexWorkerRequest);
}
