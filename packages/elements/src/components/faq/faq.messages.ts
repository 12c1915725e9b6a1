import { lazyCatalogues } from '../../i18n/lazy-catalogues.js';
import { plural } from '../../i18n/plural.js';

/** Strings of `<kefu-faq>`. English is the reference; the others have its type, so none can be missing. */
export const en = {
  title: 'Help centre',
  searchLabel: 'Search the help centre',
  searchPlaceholder: 'Search, e.g. “returns”',
  resultsLabel: 'Articles found',
  resultCount: (count: number) =>
    count === 0
      ? 'No articles found.'
      : plural('en', count, { one: '1 article found.', other: '{count} articles found.' }),
  moreFromServer: 'More from the help centre',
  noResults: (query: string) => `No article matches “${query}”.`,
  noResultsHelp: 'Our team can answer instead:',
  chat: 'Chat with us',
  callback: 'Ask for a call back',
  /** The widget's home, with every way to reach the store. */
  home: 'Other ways to reach us',
  suggested: 'Suggested for this page',
  browse: 'Browse by topic',
  articleCount: (count: number) => plural('en', count, { one: '1 article', other: '{count} articles' }),
  categories: {
    shipping: 'Shipping and delivery',
    returns: 'Returns and refunds',
    payment: 'Payment and invoices',
    sizing: 'Sizing and care',
    account: 'Your account',
    warranty: 'Warranty',
  } as Readonly<Record<string, string>>,
  back: 'Back',
  backToResults: 'Back to the results',
  loading: 'Loading the help centre…',
  otherLanguage: (language: string) => `Our help centre is written in ${language}.`,
  offline: 'You are offline: searching the articles saved on this device.',
  loadFailed: 'The help centre could not be loaded.',
  retry: 'Try again',
  notFound: 'This article is not available any more.',
  updated: (date: string) => `Updated ${date}`,
  helpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thank you for your feedback.',
  sorry: 'Sorry it did not help. Our team can answer, and will see which article you read.',
  askSupport: 'Ask our team about this',
};

export type FaqMessages = typeof en;

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const faqMessages = lazyCatalogues(en, {
  'zh-CN': () => import('./faq.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./faq.messages.ar.js').then((module) => module.ar),
});
