import type { Article } from '../model/faq.js';
import { plainText } from '../search/plain-text.js';

const cjkPattern = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

export function containsCjk(text: string): boolean {
  return cjkPattern.test(text);
}

/**
 * Query terms: words for alphabetic scripts; for Chinese and Japanese, which are written without
 * spaces, the whole query with its spaces removed, matched as one substring.
 */
function termsOf(query: string): string[] {
  const normalized = query.trim().toLowerCase();
  if (normalized === '') return [];
  if (containsCjk(normalized)) return [normalized.replace(/\s+/g, '')];
  return normalized.split(/\s+/);
}

/**
 * A deliberately simple server-side search: case-insensitive substrings over title, tags and body.
 * Articles matching more of the terms come first, then those matching in the title and tags.
 */
export function searchArticles(articles: Iterable<Article>, query: string, limit = 20): Article[] {
  const terms = termsOf(query);
  if (terms.length === 0) return [];
  const phrase = terms.join(' ');
  const scored: { article: Article; matched: number; weight: number; index: number }[] = [];
  let index = 0;
  for (const article of articles) {
    const title = article.title.toLowerCase();
    const tags = article.tags.map((tag) => tag.toLowerCase());
    const body = plainText(article.body).toLowerCase();
    let matched = 0;
    let weight = title.includes(phrase) ? 4 : 0;
    for (const term of terms) {
      const inTitle = title.includes(term);
      const inTags = tags.some((tag) => tag.includes(term));
      const inBody = body.includes(term);
      if (inTitle || inTags || inBody) matched += 1;
      weight += (inTitle ? 3 : 0) + (inTags ? 2 : 0) + (inBody ? 1 : 0);
    }
    if (matched > 0) scored.push({ article, matched, weight, index });
    index += 1;
  }
  return scored
    .sort((a, b) => b.matched - a.matched || b.weight - a.weight || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.article);
}
