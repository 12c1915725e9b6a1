import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { yieldToMain } from './yield-to-main.js';

/**
 * A MiniSearch index (its `toJSON()`) as pieces of JSON, each a Blob: the index's figures, then its
 * three per-document tables, then the terms in slices. The index of 10,000 articles is about 13 MB
 * of JSON. As one object, copying it between threads or into IndexedDB, or parsing it, is a long
 * task on the main thread (half a second and more); even as strings, storing 13 MB in IndexedDB
 * took 60–100 ms there. A Blob is handed over (to the page, to IndexedDB) by reference, its bytes
 * stay in the browser's blob store, and a piece is read back (`text()`, asynchronous, so each in a
 * task of its own) and parsed in a few milliseconds.
 */
export type SerializedFaqIndex = readonly Blob[];

type Figures = Omit<AsPlainObject, 'index' | 'documentIds' | 'fieldLength' | 'storedFields'> & {
  readonly format: typeof FORMAT;
};
type Term = AsPlainObject['index'][number];

/** Marks our pieces (and their order); anything else in the cache is rebuilt, not misread. */
const FORMAT = 'kefu-faq-index/1';
/** Characters of JSON per slice of terms: a few milliseconds to parse on a slow phone. */
const SLICE_CHARACTERS = 128 * 1024;
/** Postings put into the index per task while loading: a few milliseconds on a slow phone. */
const POSTINGS_PER_TASK = 5_000;
/** The format of MiniSearch 7's `toJSON`, the one the term-by-term loader below reads. */
const SERIALIZATION_VERSION = 2;

export function splitIndex(plain: AsPlainObject): SerializedFaqIndex {
  const { index: terms, documentIds, fieldLength, storedFields, ...rest } = plain;
  const figures: Figures = { ...rest, format: FORMAT };
  const pieces = [figures, documentIds, fieldLength, storedFields].map((part) => JSON.stringify(part));
  let slice: string[] = [];
  let length = 0;
  for (const term of terms) {
    const json = JSON.stringify(term);
    slice.push(json);
    length += json.length;
    if (length >= SLICE_CHARACTERS) {
      pieces.push(`[${slice.join(',')}]`);
      slice = [];
      length = 0;
    }
  }
  if (slice.length > 0) pieces.push(`[${slice.join(',')}]`);
  return pieces.map((piece) => new Blob([piece], { type: 'application/json' }));
}

/** Whether a value read from the cache is a serialized index (an older Kefu cached a plain object). */
export function isSerializedIndex(value: unknown): value is SerializedFaqIndex {
  return Array.isArray(value) && value.length >= 4 && value.every((piece) => piece instanceof Blob);
}

/**
 * The index again, without a long task: one piece read and parsed per task, and the terms put into
 * the index a few thousand postings per task. Throws on anything that is not a split index.
 */
export async function loadIndex<T>(
  serialized: SerializedFaqIndex,
  options: Options<T>,
  signal?: AbortSignal,
): Promise<MiniSearch<T>> {
  if (!isSerializedIndex(serialized)) throw new TypeError('Not a serialized FAQ index');
  const read = async <V>(piece: Blob) => {
    const text = await piece.text();
    signal?.throwIfAborted();
    return JSON.parse(text) as V;
  };
  const [figuresPiece, documentIdsPiece, fieldLengthPiece, storedFieldsPiece, ...slices] = serialized as Blob[];
  const figures = await read<Figures>(figuresPiece as Blob);
  if (figures.format !== FORMAT) throw new TypeError('Not a serialized FAQ index');
  const documentIds = await read<AsPlainObject['documentIds']>(documentIdsPiece as Blob);
  const fieldLength = await read<AsPlainObject['fieldLength']>(fieldLengthPiece as Blob);
  const storedFields = await read<AsPlainObject['storedFields']>(storedFieldsPiece as Blob);
  const head = { ...figures, documentIds, fieldLength, storedFields };
  if (figures.serializationVersion !== SERIALIZATION_VERSION) {
    // Written by another MiniSearch: its own loader reads it (it yields every 1,000 terms only).
    const terms: Term[] = [];
    for (const slice of slices) for (const term of await read<Term[]>(slice)) terms.push(term);
    return MiniSearch.loadJSAsync<T>({ ...head, index: terms }, options);
  }
  await yieldToMain();
  const index = new TermByTermMiniSearch<T>(options, head);
  let postings = 0;
  for (const slice of slices) {
    for (const [term, fields] of await read<Term[]>(slice)) {
      postings += index.addSerializedTerm(term, fields);
      if (postings >= POSTINGS_PER_TASK) {
        postings = 0;
        await yieldToMain();
        signal?.throwIfAborted();
      }
    }
  }
  return index;
}

/**
 * MiniSearch restored as `MiniSearch.loadJS` restores it (serialization version 2), into the same
 * protected fields, but one term at a time so the loader can yield between them: MiniSearch's own
 * `loadJSAsync` yields every 1,000 terms, and 1,000 terms of a large help centre can hold hundreds
 * of thousands of postings — a long task each. The worker-built index answering exactly as the
 * main-thread one is tested (faq-store.test.ts), so a MiniSearch that changes these fields fails there.
 */
class TermByTermMiniSearch<T> extends MiniSearch<T> {
  constructor(options: Options<T>, head: Omit<AsPlainObject, 'index'>) {
    super(options);
    this._documentCount = head.documentCount;
    this._nextId = head.nextId;
    this._fieldIds = head.fieldIds;
    this._avgFieldLength = head.averageFieldLength;
    this._dirtCount = head.dirtCount ?? 0;
    this._documentIds = numericKeys(head.documentIds as Record<string, unknown>);
    this._idToShortId = new Map([...this._documentIds].map(([shortId, id]) => [id, shortId]));
    this._fieldLength = numericKeys(head.fieldLength);
    this._storedFields = numericKeys(head.storedFields as Record<string, Record<string, unknown>>);
  }

  /** Puts one serialized term into the index; returns its postings (the work it was). */
  addSerializedTerm(term: string, fields: Term[1]): number {
    const byField = new Map<number, Map<number, number>>();
    let postings = 0;
    for (const [fieldId, documents] of Object.entries(fields)) {
      const frequencies = numericKeys(documents);
      postings += frequencies.size;
      byField.set(Number.parseInt(fieldId, 10), frequencies);
    }
    this._index.set(term, byField);
    return postings;
  }
}

function numericKeys<V>(object: Readonly<Record<string, V>>): Map<number, V> {
  const map = new Map<number, V>();
  for (const key of Object.keys(object)) map.set(Number.parseInt(key, 10), object[key] as V);
  return map;
}
