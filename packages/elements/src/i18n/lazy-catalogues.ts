import { pickCatalogue } from './localize.js';

/**
 * A feature's strings: English ships with the feature and is the reference; every other language is
 * a chunk of its own, loaded the first time a shopper reading it needs it. A shopper then
 * downloads the strings of one language, not of all three (they were a third of some features).
 *
 * Elements do not call this directly: they name their catalogues in `static catalogues`, and
 * `KefuElement` waits for the shopper's language before it renders (no flash of English), then
 * `localize(catalogues)` reads it synchronously.
 */
export interface LazyCatalogues<T> {
  readonly en: T;
  /** The strings for a locale if they are at hand (English for a language we do not have). */
  loadedFor(locale: string): T | undefined;
  /** Loads the strings for a locale; English stands in if the chunk cannot be fetched. */
  load(locale: string): Promise<T>;
}

export function lazyCatalogues<T>(en: T, loaders: Readonly<Record<string, () => Promise<T>>>): LazyCatalogues<T> {
  const loaded = new Map<string, T>([['en', en]]);
  const loading = new Map<string, Promise<T>>();
  // The catalogue a locale reads, as pickCatalogue matches it: exact, else the same language, else
  // English. The tags are gathered once: localize() asks on every render.
  const tags: { en: string } & Record<string, string> = { en: 'en' };
  for (const tag of Object.keys(loaders)) tags[tag] = tag;
  const tagOf = (locale: string) => pickCatalogue<string>(tags, locale);
  return {
    en,
    loadedFor(locale) {
      return loaded.get(tagOf(locale));
    },
    load(locale) {
      const tag = tagOf(locale);
      const done = loaded.get(tag);
      if (done) return Promise.resolve(done);
      let pending = loading.get(tag);
      if (!pending) {
        const load = loaders[tag] ?? (() => Promise.resolve(en));
        pending = load().then(
          (messages) => {
            loaded.set(tag, messages);
            return messages;
          },
          () => {
            // Offline with a chunk never fetched: English now, the shopper's language on the next try.
            loading.delete(tag);
            return en;
          },
        );
        loading.set(tag, pending);
      }
      return pending;
    },
  };
}
