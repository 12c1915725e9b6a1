import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Article } from '../model/faq.js';
import { plainText } from './plain-text.js';
import { loadIndex, splitIndex, type SerializedFaqIndex } from './serialized-index.js';
import { isCjkToken, tokenize, tokenizeQuery } from './tokenize.js';

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
  toJSON(): AsPlainObject;
  readonly size: number;
}

interface IndexedArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly tags: string;
}

const options = {
  fields: ['title', 'tags', 'text'],
  storeFields: [],
  // Terms arrive lowercased and split by our tokenizer; MiniSearch must not split them again.
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: tokenizeQuery,
    processTerm: (term: string) => term,
    boost: { title: 3, tags: 2, text: 1 },
    combineWith: 'OR' as const,
    // Latin words: "retu" finds "return" while typing, "refnd" finds "refund". CJK characters are
    // matched exactly: a one-character "typo" would be another word.
    // From three letters on: a two-letter prefix matches half the vocabulary and costs the most
    // time while saying little; typo tolerance from five letters ("refnud", "shiping").
    prefix: (term: string) => !isCjkToken(term) && term.length >= 3,
    fuzzy: (term: string) => (!isCjkToken(term) && term.length >= 5 ? 0.25 : false),
    // A Chinese pair (退货) says far more than one character (退): without this, an article that
    // has a common word in its title outranks one whose body has the rare word the shopper typed.
    boostTerm: (term: string) => (isCjkToken(term) ? (term.length >= 2 ? 2 : 0.5) : 1),
  },
};

/** How many of the best results are checked for the query's Chinese words written in a row. */
const PHRASE_WINDOW = 200;
/** An article with the shopper's Chinese word in a row (礼品卡), not only its pieces, counts this much more. */
const PHRASE_BOOST = 3;
const cjkRunPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu;

/** The Chinese words of a query (runs of two characters or more, spaces between them closed). */
function cjkPhrases(query: string): string[] {
  const joined = query.replace(
    /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu,
    '$1',
  );
  return [...joined.matchAll(cjkRunPattern)].map((match) => match[0]);
}

function toIndexed(article: Article): IndexedArticle {
  return { id: article.id, title: article.title, text: plainText(article.body), tags: article.tags.join(' ') };
}

/** A local full-text index over FAQ articles, in Chinese and English; search never waits for the network. */
export function createFaqIndex(articles: readonly Article[], serialized?: AsPlainObject): FaqIndex {
  return wrap(
    serialized ? MiniSearch.loadJS<IndexedArticle>(serialized, options) : buildMiniSearch(articles),
    articles,
  );
}

/**
 * Builds an index and returns it serialized, in pieces (see serialized-index.ts): what the index
 * worker runs, off the main thread, for a large help centre.
 */
export function buildSerializedFaqIndex(articles: readonly Article[]): SerializedFaqIndex {
  return splitIndex(buildMiniSearch(articles).toJSON());
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
  return wrap(await loadIndex<IndexedArticle>(serialized, options, signal), articles);
}

/** The serialized pieces of an index built here, to cache it. */
export function serializeFaqIndex(index: FaqIndex): SerializedFaqIndex {
  return splitIndex(index.toJSON());
}

function buildMiniSearch(articles: readonly Article[]): MiniSearch<IndexedArticle> {
  const index = new MiniSearch<IndexedArticle>(options);
  index.addAll(articles.map(toIndexed));
  return index;
}

function wrap(index: MiniSearch<IndexedArticle>, articles: readonly Article[]): FaqIndex {
  const byId = new Map(articles.map((article) => [article.id, article]));
  return {
    get size() {
      return index.documentCount;
    },
    search(query, { limit = 20 } = {}) {
      if (!query.trim()) return [];
      let results = index.search(query);
      // Pairs and characters find every article with 礼品卡, but rank it by its pieces: one that has
      // the common 礼品 in its title would come first. Those with the whole word go up.
      const phrases = cjkPhrases(query);
      if (phrases.length > 0) {
        const head = results.slice(0, PHRASE_WINDOW).map((result) => {
          const article = byId.get(String(result.id));
          if (!article) return result;
          const text = `${article.title}${article.tags.join('')}${plainText(article.body)}`.replace(/\s+/g, '');
          const found = phrases.filter((phrase) => text.includes(phrase)).length;
          return found > 0 ? { ...result, score: result.score * PHRASE_BOOST ** found } : result;
        });
        results = [...head.sort((a, b) => b.score - a.score), ...results.slice(PHRASE_WINDOW)];
      }
      const hits: FaqSearchHit[] = [];
      for (const result of results) {
        const article = byId.get(String(result.id));
        if (article) hits.push({ article, score: result.score, terms: result.terms });
        if (hits.length >= limit) break;
      }
      return hits;
    },
    apply(changed, deleted) {
      for (const id of [...deleted, ...changed.map((article) => article.id)]) {
        if (index.has(id)) index.discard(id);
        byId.delete(id);
      }
      for (const article of changed) {
        byId.set(article.id, article);
        index.add(toIndexed(article));
      }
    },
    toJSON: () => index.toJSON(),
  };
}
