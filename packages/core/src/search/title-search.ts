import type { Article } from '../model/faq.js';
import type { FaqSearchHit } from './faq-index.js';
import { isCjkToken, tokenize, tokenizeQuery } from './tokenize.js';

/** Answers a query while no index exists yet. */
export type InterimSearch = (query: string, limit: number) => FaqSearchHit[];

interface TitleEntry {
  readonly article: Article;
  readonly title: readonly string[];
  readonly tags: readonly string[];
}

/**
 * What answers while the first index of a large help centre is being built (in a worker, a few
 * seconds): the articles whose titles or tags have the query's words, with our tokenizer — Chinese
 * pairs exactly, Latin words as prefixes from three letters, as in the index. No body text and no
 * typo tolerance: scanning 10,000 titles takes a millisecond or two, 10,000 bodies would not.
 */
export function createTitleSearch(articles: readonly Article[]): InterimSearch {
  // Tokenized on the first query: most builds finish before the shopper types.
  let entries: readonly TitleEntry[] | undefined;
  return (query, limit) => {
    const wanted = tokenizeQuery(query);
    if (wanted.length === 0) return [];
    entries ??= articles.map((article) => ({
      article,
      title: [...new Set(tokenize(article.title))],
      tags: [...new Set(tokenize(article.tags.join(' ')))],
    }));
    const hits: FaqSearchHit[] = [];
    for (const entry of entries) {
      let score = 0;
      const terms = new Set<string>();
      for (const token of wanted) {
        const inTitle = findMatch(entry.title, token);
        const inTags = inTitle ? undefined : findMatch(entry.tags, token);
        // The index's boosts: a title counts more than a tag.
        if (inTitle) score += 3;
        else if (inTags) score += 2;
        const found = inTitle ?? inTags;
        if (found) terms.add(found);
      }
      if (score > 0) hits.push({ article: entry.article, score, terms: [...terms] });
    }
    // A stable sort: equal scores keep the help centre's order.
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  };
}

function findMatch(tokens: readonly string[], wanted: string): string | undefined {
  const asPrefix = !isCjkToken(wanted) && wanted.length >= 3;
  return tokens.find((token) => (asPrefix ? token.startsWith(wanted) : token === wanted));
}
