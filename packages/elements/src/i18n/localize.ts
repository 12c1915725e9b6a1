import { matchLocale, primaryLanguage } from '@kefu/core';

/**
 * A feature's message catalogues by locale tag. `en` is the reference and complete, and every
 * other catalogue has its type, so a missing string fails type-checking.
 */
export type Catalogues<T> = { readonly en: T } & Readonly<Record<string, T>>;

/**
 * Picks the catalogue for a BCP 47 locale: an exact match, else the same language (zh-Hans-CN →
 * zh-CN), else English.
 */
export function pickCatalogue<T>(available: Catalogues<T>, locale: string | undefined): T {
  const tag = locale ? matchLocale(locale, Object.keys(available)) : undefined;
  return (tag && available[tag]) || available.en;
}

/** The locale to speak: the option, else the page's `lang`, else the browser's. */
export function resolveLocale(option: string | undefined, doc: Document = document): string {
  return option || doc.documentElement.lang || navigator.language || 'en';
}

const rightToLeftLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi']);

/** The writing direction of a locale's language. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rightToLeftLanguages.has(primaryLanguage(locale)) ? 'rtl' : 'ltr';
}
