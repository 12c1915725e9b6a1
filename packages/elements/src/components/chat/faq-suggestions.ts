import { createFaqIndex, type Article, type KefuClient } from '@kefu/core';

/**
 * FAQ suggestions for a first chat message, from the local index (the FAQ store's synchronous
 * `search`). Loaded with `import()` the first time the shopper types, so neither the widget shell
 * nor an idle chat pays for the search engine; `createFaqIndex` is handed to the store so the
 * index builder lands in this lazy chunk too (or is shared with the FAQ feature's).
 */
export interface SuggestionSource {
  suggest(query: string, limit?: number): readonly Article[];
}

export async function createSuggestionSource(client: KefuClient): Promise<SuggestionSource> {
  await client.faq.loadIndex(createFaqIndex);
  return {
    suggest: (query, limit = 3) => client.faq.search(query, { limit }).map((hit) => hit.article),
  };
}
