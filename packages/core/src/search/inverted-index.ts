/**
 * Kefu's full-text index: the part of MiniSearch the FAQ used, in a fraction of its size, and
 * scoring as it does so rankings stay the same. Each term maps to its postings, one flat array of
 * numbers ([document × fields + field, term frequency, …]: compact, and quick to serialize); a
 * sorted array of the terms serves prefix lookups (binary search) and typo tolerance (a bounded
 * edit distance over the terms of a close length). Documents are tokenized by the caller.
 */

/** BM25+ as MiniSearch computes it (its defaults: k 1.2, b 0.7, d 0.5). */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's weights of a prefix and a typo match, scaled down further by the extra length or distance. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** A query term, and how loosely it matches. */
export interface QueryTerm {
  readonly term: string;
  readonly boost: number;
  /** Longer terms that start with it match too. */
  readonly prefix: boolean;
  /** Terms within this many edits match too (0: none). */
  readonly maxDistance: number;
}

export interface IndexHit {
  readonly id: string;
  readonly score: number;
  /** The indexed terms that matched. */
  readonly terms: string[];
}

/**
 * The index as plain data. A document's position is its place in `ids`; a discarded document
 * leaves `null` there.
 */
export interface IndexData {
  readonly ids: readonly (string | null)[];
  /** Distinct terms of each document's field: `lengths[position × fields + field]`. */
  readonly lengths: readonly number[];
  /** Each term with its postings, sorted by term. */
  readonly terms: readonly (readonly [term: string, postings: number[]])[];
}

export interface InvertedIndex {
  /** Adds a document: its tokens per field, in the order of the field boosts. */
  add(id: string, fieldTokens: readonly (readonly string[])[]): void;
  /** Removes a document, if it is there. */
  discard(id: string): void;
  readonly size: number;
  /** Documents matching any of the terms (OR), best first. */
  search(query: readonly QueryTerm[]): IndexHit[];
  /** Adds the data, or a part of it (see serialized-index.ts): `ids` before the `lengths` of their documents. */
  load(part: Partial<IndexData>): void;
  toJSON(): IndexData;
}

/** A per-document accumulator while searching. */
interface Found {
  readonly position: number;
  score: number;
  readonly terms: string[];
  /** How many query terms matched: MiniSearch multiplies the score by it. */
  matched: number;
  /** The last query term that counted here. */
  lastQuery: number;
}

export function createInvertedIndex(fieldBoosts: readonly number[]): InvertedIndex {
  const fields = fieldBoosts.length;
  const ids: (string | null)[] = [];
  const positions = new Map<string, number>();
  const lengths: number[] = [];
  /** Per field, the sum of the live documents' lengths (their average is what BM25 compares to). */
  const totals = fieldBoosts.map(() => 0);
  const postings = new Map<string, number[]>();
  const vocabulary: string[] = [];
  let sorted = true;

  const live = (key: number) => ids[(key / fields) | 0] != null;

  function addTerm(term: string, list: number[]) {
    postings.set(term, list);
    vocabulary.push(term);
    sorted = false;
  }

  /** The terms in order: sorted after a batch of additions (appended to a sorted run, it takes linear time). */
  function terms(): string[] {
    if (!sorted) vocabulary.sort();
    sorted = true;
    return vocabulary;
  }

  /** Every indexed term the query term reaches, with the weight of that match. */
  function expand({ term, prefix, maxDistance }: QueryTerm): Map<string, number> {
    const weights = new Map<string, number>();
    if (postings.has(term)) weights.set(term, 1);
    const all = terms();
    if (prefix) {
      let low = 0;
      for (let high = all.length; low < high;) {
        const middle = (low + high) >> 1;
        if ((all[middle] as string) < term) low = middle + 1;
        else high = middle;
      }
      for (let found = all[low]; found?.startsWith(term); found = all[++low]) {
        if (found !== term)
          weights.set(found, (PREFIX_WEIGHT * found.length) / (found.length + 0.3 * (found.length - term.length)));
      }
    }
    if (maxDistance > 0) {
      for (const candidate of all) {
        if (Math.abs(candidate.length - term.length) > maxDistance || weights.has(candidate)) continue;
        const distance = editDistance(term, candidate, maxDistance);
        if (distance > 0 && distance <= maxDistance)
          weights.set(candidate, (FUZZY_WEIGHT * candidate.length) / (candidate.length + distance));
      }
    }
    return weights;
  }

  return {
    add(id, fieldTokens) {
      const position = ids.push(id) - 1;
      positions.set(id, position);
      fieldTokens.forEach((tokens, field) => {
        const frequencies = new Map<string, number>();
        for (const token of tokens) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
        const key = position * fields + field;
        lengths.push(frequencies.size);
        totals[field] = (totals[field] as number) + frequencies.size;
        for (const [term, frequency] of frequencies) {
          const list = postings.get(term);
          if (list) list.push(key, frequency);
          else addTerm(term, [key, frequency]);
        }
      });
    },
    discard(id) {
      const position = positions.get(id);
      if (position === undefined) return;
      positions.delete(id);
      ids[position] = null;
      // Its postings stay: searching skips them, and serializing leaves them out.
      for (let field = 0; field < fields; field += 1)
        totals[field] = (totals[field] as number) - (lengths[position * fields + field] as number);
    },
    get size() {
      return positions.size;
    },
    search(query) {
      const count = positions.size;
      // By position: an array is quicker than a map for thousands of hits.
      const found: Found[] = [];
      query.forEach((queryTerm, queryIndex) => {
        for (const [term, weight] of expand(queryTerm)) {
          const list = postings.get(term) as number[];
          // Per field: how many live documents have the term, and its BM25 inverse document frequency.
          const frequencies = fieldBoosts.map(() => 0);
          for (let at = 0; at < list.length; at += 2) {
            const key = list[at] as number;
            if (live(key)) frequencies[key % fields] = (frequencies[key % fields] as number) + 1;
          }
          const idf = frequencies.map((n) => Math.log(1 + (count - n + 0.5) / (n + 0.5)));
          for (let at = 0; at < list.length; at += 2) {
            const key = list[at] as number;
            if (!live(key)) continue;
            const field = key % fields;
            const frequency = list[at + 1] as number;
            const relativeLength = ((lengths[key] as number) * count) / (totals[field] as number);
            const score =
              weight *
              queryTerm.boost *
              (fieldBoosts[field] as number) *
              (idf[field] as number) *
              (D + (frequency * (K + 1)) / (frequency + K * (1 - B + B * relativeLength)));
            const position = (key / fields) | 0;
            const hit = (found[position] ??= { position, score: 0, terms: [], matched: 0, lastQuery: -1 });
            hit.score += score;
            if (!hit.terms.includes(term)) hit.terms.push(term);
            if (hit.lastQuery !== queryIndex) {
              hit.lastQuery = queryIndex;
              hit.matched += 1;
            }
          }
        }
      });
      return Object.values(found)
        .map((hit) => ({ id: ids[hit.position] as string, score: hit.score * hit.matched, terms: hit.terms }))
        .sort((a, b) => b.score - a.score);
    },
    load(part) {
      for (const id of part.ids ?? []) {
        if (id != null) positions.set(id, ids.length);
        ids.push(id);
      }
      for (const length of part.lengths ?? []) {
        const field = lengths.length % fields;
        if (live(lengths.length)) totals[field] = (totals[field] as number) + length;
        lengths.push(length);
      }
      for (const [term, list] of part.terms ?? []) addTerm(term, list);
    },
    toJSON() {
      const entries: [string, number[]][] = [];
      for (const term of terms()) {
        // Discarded documents' postings are left out here, once, rather than removed one by one.
        const list = (postings.get(term) as number[]).filter((_, at, all) => live(all[at - (at % 2)] as number));
        if (list.length > 0) entries.push([term, list]);
      }
      return { ids, lengths, terms: entries };
    },
  };
}

/**
 * The Levenshtein distance of `a` and `b`, or `max + 1` as soon as it must exceed `max` (when a
 * whole row of the table does).
 */
function editDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  for (let row = 1; row <= a.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= b.length; column += 1) {
      current[column] = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + (a[row - 1] === b[column - 1] ? 0 : 1),
      );
    }
    if (Math.min(...current) > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
