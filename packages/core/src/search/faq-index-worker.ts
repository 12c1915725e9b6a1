/**
 * The Web Worker that builds a large help centre's index (started by index-worker.ts): it takes the
 * articles in batches, builds the index with our tokenizer, and answers with the index
 * serialized in pieces, which the main thread loads without a long task. Building 10,000 articles
 * takes seconds; here it takes none of the page's main thread.
 *
 * It imports nothing that touches the DOM: the loader's build checks that its chunk imports no
 * entry point (the widget shell defines elements), and @kefu/core ships it as one file.
 */
import type { Article } from '../model/faq.js';
import { buildSerializedFaqIndex } from './faq-index.js';
import type { SerializedFaqIndex } from './serialized-index.js';

/** From the page: batches of articles (copying 10,000 at once would be a long task there), then `build`. */
export type IndexWorkerRequest =
  { readonly kind: 'articles'; readonly articles: readonly Article[] } | { readonly kind: 'build' };

/** To the page: the serialized index, Blobs that the page receives (and caches) by reference. */
export type IndexWorkerReply =
  | { readonly kind: 'built'; readonly serialized: SerializedFaqIndex }
  | { readonly kind: 'failed'; readonly message: string };

/** The worker's global scope; the project type-checks against the DOM library, not WebWorker. */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<IndexWorkerRequest>) => void): void;
  postMessage(reply: IndexWorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;
const received: Article[] = [];

scope.addEventListener('message', ({ data: request }) => {
  if (request.kind === 'articles') {
    for (const article of request.articles) received.push(article);
    return;
  }
  try {
    scope.postMessage({ kind: 'built', serialized: buildSerializedFaqIndex(received) });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
