import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Article } from '../model/faq.js';
import { plainText } from '../domain/faq-search.js';
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
    prefix: (term: string) => !isCjkToken(term) && term.length >= 2,
    fuzzy: (term: string) => (!isCjkToken(term) && term.length >= 4 ? 0.25 : false),
  },
};

function toIndexed(article: Article): IndexedArticle {
  return { id: article.id, title: article.title, text: plainText(article.body), tags: article.tags.join(' ') };
}

/** A local full-text index over FAQ articles, in Chinese and English; search never waits for the network. */
export function createFaqIndex(articles: readonly Article[], serialized?: AsPlainObject): FaqIndex {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const index = serialized
    ? MiniSearch.loadJS<IndexedArticle>(serialized, options)
    : new MiniSearch<IndexedArticle>(options);
  if (!serialized) index.addAll(articles.map(toIndexed));
  return {
    get size() {
      return index.documentCount;
    },
    search(query, { limit = 20 } = {}) {
      if (!query.trim()) return [];
      const hits: FaqSearchHit[] = [];
      for (const result of index.search(query)) {
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
