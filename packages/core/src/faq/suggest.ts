import type { Article } from '../model/faq.js';

/** At most this many articles are suggested for a page. */
export const MAX_PAGE_SUGGESTIONS = 5;

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}/?$`);
}

/** Whether a path matches a `suggestOn` pattern: `*` stands for any characters ("/products/*"). */
export function pathMatches(pattern: string, path: string): boolean {
  return patternToRegExp(pattern).test(path);
}

/**
 * The articles configured for a page (their `suggestOn` patterns match its path), the most
 * specific pattern first (a longer pattern without wildcards says more than "/*"), at most five.
 */
export function articlesForPath(articles: readonly Article[], path: string): Article[] {
  const scored: { article: Article; specificity: number }[] = [];
  for (const article of articles) {
    let best = -1;
    for (const pattern of article.suggestOn ?? []) {
      if (pathMatches(pattern, path)) best = Math.max(best, pattern.replace(/\*/g, '').length);
    }
    if (best >= 0) scored.push({ article, specificity: best });
  }
  return scored
    .sort((a, b) => b.specificity - a.specificity)
    .slice(0, MAX_PAGE_SUGGESTIONS)
    .map((entry) => entry.article);
}
