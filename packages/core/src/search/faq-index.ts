import type { Article } from '../model/faq.js';
import { createInvertedIndex, type IndexData, type InvertedIndex, type QueryTerm } from './inverted-index.js';
import { plainText } from './plain-text.js';
import { loadIndex, splitIndex, type SerializedFaqIndex } from './serialized-index.js';
import { closeCjkSpaces, isCjkToken, tokenize, tokenizeQuery } from './tokenize.js';

export interface FaqSearchHit {
  readonly article: Article;
  readonly score: number;
  /** The indexed terms that matched, for highlighting. */
  readonly terms: readonly string[];
}

export interface FaqIndex {
  search(query: string, options?: { limit?: number }): FaqSearchHit[];
  /** Applies a delta sync: new or changed articles replace their old version, deleted ones leave. */
  apply(changed: readonly Article[], deleted: readonly string[]): void;
  /** Plain data, to cache the built index in IndexedDB (building 10k articles takes a while). */
  toJSON(): IndexData;
  readonly size: number;
}

/** Boosts of the fields title, tags and body text, in the order `fieldTokens` lists them. */
const FIELD_BOOSTS = [3, 2, 1];

function fieldTokens(article: Article): string[][] {
  return [article.title, article.tags.join(' '), plainText(article.body)].map(tokenize);
}

/**
 * How each query term is looked up. Latin words: "retu" finds "return" while typing, "refnd" finds
 * "refund". CJK characters are matched exactly: a one-character "typo" would be another word.
 * Prefixes from three letters on (a two-letter prefix matches half the vocabulary and costs the
 * most time while saying little); typo tolerance from five letters ("refnud", "shiping"), a
 * quarter of the word's length in edits. A Chinese pair (退货) says far more than one character
 * (退): without its boost, an article that has a common word in its title outranks one whose body
 * has the rare word the shopper typed.
 */
function queryTerms(query: string): QueryTerm[] {
  return tokenizeQuery(query).map((term) => {
    const latin = !isCjkToken(term);
    return {
      term,
      boost: latin ? 1 : term.length >= 2 ? 2 : 0.5,
      prefix: latin && term.length >= 3,
      maxDistance: latin && term.length >= 5 ? Math.min(6, Math.round(term.length * 0.25)) : 0,
    };
  });
}

/** How many of the best results are checked for the query's Chinese words written in a row. */
const PHRASE_WINDOW = 200;
/** An article with the shopper's Chinese word in a row (礼品卡), not only its pieces, counts this much more. */
const PHRASE_BOOST = 3;
const cjkRunPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu;

/** The Chinese words of a query (runs of two characters or more, spaces between them closed). */
function cjkPhrases(query: string): string[] {
  return [...closeCjkSpaces(query).matchAll(cjkRunPattern)].map((match) => match[0]);
}

/** A local full-text index over FAQ articles, in Chinese and English; search never waits for the network. */
export function createFaqIndex(articles: readonly Article[], serialized?: IndexData): FaqIndex {
  if (!serialized) return wrap(build(articles), articles);
  const index = createInvertedIndex(FIELD_BOOSTS);
  index.load(serialized);
  return wrap(index, articles);
}

/**
 * Builds an index and returns it serialized, in pieces (see serialized-index.ts): what the index
 * worker runs, off the main thread, for a large help centre.
 */
export function buildSerializedFaqIndex(articles: readonly Article[]): SerializedFaqIndex {
  return splitIndex(build(articles).toJSON());
}

/**
 * An index from its serialized pieces (built by the worker, or read from the cache) without a long
 * task: see serialized-index.ts.
 */
export async function restoreFaqIndex(
  articles: readonly Article[],
  serialized: SerializedFaqIndex,
  signal?: AbortSignal,
): Promise<FaqIndex> {
  const index = createInvertedIndex(FIELD_BOOSTS);
  await loadIndex(serialized, index, signal);
  return wrap(index, articles);
}

/** The serialized pieces of an index built here, to cache it. */
export function serializeFaqIndex(index: FaqIndex): SerializedFaqIndex {
  return splitIndex(index.toJSON());
}

function build(articles: readonly Article[]): InvertedIndex {
  const index = createInvertedIndex(FIELD_BOOSTS);
  for (const article of articles) index.add(article.id, fieldTokens(article));
  return index;
}

function wrap(index: InvertedIndex, articles: readonly Article[]): FaqIndex {
  const byId = new Map(articles.map((article) => [article.id, article]));
  return {
    get size() {
      return index.size;
    },
    search(query, { limit = 20 } = {}) {
      if (!query.trim()) return [];
      let results = index.search(queryTerms(query));
      // Pairs and characters find every article with 礼品卡, but rank it by its pieces: one that has
      // the common 礼品 in its title would come first. Those with the whole word go up.
      const phrases = cjkPhrases(query);
      if (phrases.length > 0) {
        const head = results.slice(0, PHRASE_WINDOW).map((result) => {
          const article = byId.get(result.id);
          if (!article) return result;
          const text = `${article.title}${article.tags.join('')}${plainText(article.body)}`.replace(/\s+/g, '');
          const found = phrases.filter((phrase) => text.includes(phrase)).length;
          return found > 0 ? { ...result, score: result.score * PHRASE_BOOST ** found } : result;
        });
        results = [...head.sort((a, b) => b.score - a.score), ...results.slice(PHRASE_WINDOW)];
      }
      const hits: FaqSearchHit[] = [];
      for (const result of results) {
        const article = byId.get(result.id);
        if (article) hits.push({ article, score: result.score, terms: result.terms });
        if (hits.length >= limit) break;
      }
      return hits;
    },
    apply(changed, deleted) {
      for (const id of [...deleted, ...changed.map((article) => article.id)]) {
        index.discard(id);
        byId.delete(id);
      }
      for (const article of changed) {
        byId.set(article.id, article);
        index.add(article.id, fieldTokens(article));
      }
    },
    toJSON: () => index.toJSON(),
  };
}
