import { catalogues, en, type Catalogue } from './messages.js';

/**
 * Picks the catalogue for a BCP 47 locale: an exact match, else the same language (zh-Hans-CN →
 * zh-CN), else English.
 */
export function catalogueFor(locale: string | undefined): Catalogue {
  if (!locale) return en;
  const exact = catalogues[locale];
  if (exact) return exact;
  const language = locale.toLowerCase().split('-')[0];
  const sameLanguage = Object.keys(catalogues).find((tag) => tag.toLowerCase().split('-')[0] === language);
  return sameLanguage ? (catalogues[sameLanguage] ?? en) : en;
}

/** The locale to speak: the option, else the page's `lang`, else the browser's. */
export function resolveLocale(option: string | undefined, doc: Document = document): string {
  return option || doc.documentElement.lang || navigator.language || 'en';
}

const rightToLeftLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi']);

/** The writing direction of a locale's language. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rightToLeftLanguages.has(locale.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}
