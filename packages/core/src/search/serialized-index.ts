import type { IndexData, InvertedIndex } from './inverted-index.js';

/**
 * The index (its `toJSON()`) as pieces of JSON, each a Blob: the document ids (with the format),
 * the field lengths, then the terms in slices. The index of 10,000 articles is megabytes of JSON.
 * As one object, copying it between threads or into IndexedDB, or parsing it, is a long task on
 * the main thread; even as strings, storing it in IndexedDB took 60–100 ms there. A Blob is handed
 * over (to the page, to IndexedDB) by reference, its bytes stay in the browser's blob store, and a
 * piece is read back (`text()`, asynchronous, so each in a task of its own) and parsed and loaded
 * in a few milliseconds.
 */
export type SerializedFaqIndex = readonly Blob[];

/**
 * Marks our pieces (and their order); anything else in the cache — such as the MiniSearch index an
 * older Kefu cached, format 1 — is rebuilt, not misread.
 */
const FORMAT = 'kefu-faq-index/2';
/** Characters of JSON per slice of terms: a few milliseconds to parse and load on a slow phone. */
const SLICE_CHARACTERS = 128 * 1024;

type Piece = Partial<IndexData> & { readonly format?: string };

export function splitIndex({ ids, lengths, terms }: IndexData): SerializedFaqIndex {
  const pieces = [JSON.stringify({ format: FORMAT, ids } satisfies Piece), JSON.stringify({ lengths })];
  let slice: string[] = [];
  let length = 0;
  const flush = () => {
    pieces.push(`{"terms":[${slice.join(',')}]}`);
    slice = [];
    length = 0;
  };
  for (const term of terms) {
    const json = JSON.stringify(term);
    slice.push(json);
    length += json.length;
    if (length >= SLICE_CHARACTERS) flush();
  }
  if (slice.length > 0) flush();
  return pieces.map((piece) => new Blob([piece], { type: 'application/json' }));
}

/** Whether a value read from the cache is a serialized index (an older Kefu cached a plain object). */
export function isSerializedIndex(value: unknown): value is SerializedFaqIndex {
  return Array.isArray(value) && value.length >= 2 && value.every((piece) => piece instanceof Blob);
}

/**
 * Loads the pieces into `index` without a long task: each piece is read asynchronously, so it is
 * parsed and loaded in a task of its own.
 * Throws on anything that is not a split index of this format.
 */
export async function loadIndex(
  serialized: SerializedFaqIndex,
  index: InvertedIndex,
  signal?: AbortSignal,
): Promise<void> {
  if (!isSerializedIndex(serialized)) throw new TypeError('Not a serialized FAQ index');
  for (const [at, blob] of serialized.entries()) {
    const piece = JSON.parse(await blob.text()) as Piece;
    signal?.throwIfAborted();
    if (at === 0 && piece.format !== FORMAT) throw new TypeError('Not a serialized FAQ index');
    index.load(piece);
  }
}
