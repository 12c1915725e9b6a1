import { matchLocale, primaryLanguage } from '@kefu/core';

/**
 * The offer of the shopper's browser language, in that language: it is shown to someone who may
 * not read the language Kefu speaks now, so it cannot come from the current catalogue (and the
 * other catalogues load on demand). A few words per shipped language, kept in the shell.
 */
export interface LanguageOffer {
  readonly question: string;
  readonly accept: string;
  readonly dismiss: string;
}

const offers: Readonly<Record<string, LanguageOffer>> = {
  en: { question: 'View in English?', accept: 'Switch', dismiss: 'No thanks' },
  'zh-CN': { question: '查看中文版？', accept: '切换', dismiss: '不用了' },
  ar: { question: 'هل تريد العرض بالعربية؟', accept: 'تبديل', dismiss: 'لا، شكرًا' },
};

/**
 * The store's locale to offer, with the words to offer it in: the first of the browser's languages
 * that the store writes, when Kefu speaks another language and has words for that one.
 */
export function languageOffer(
  browserLanguages: readonly string[],
  storeLocales: readonly string[],
  current: string,
): { locale: string; words: LanguageOffer } | undefined {
  for (const language of browserLanguages) {
    const locale = matchLocale(language, storeLocales);
    if (!locale) continue;
    if (primaryLanguage(locale) === primaryLanguage(current)) return undefined;
    const words = offers[matchLocale(locale, Object.keys(offers)) ?? ''];
    return words ? { locale, words } : undefined;
  }
  return undefined;
}

/** A language's name in itself ("English", "中文（中国）", "العربية"), for the language switch. */
export function nativeName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}
