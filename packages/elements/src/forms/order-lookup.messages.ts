import { lazyCatalogues, type LazyCatalogues } from '../i18n/lazy-catalogues.js';

/**
 * Strings of the order lookup form the order tracker and returns share. English is the reference;
 * the other languages have its type, so none can be missing. They are folded into each element's
 * own catalogue (see `withLookupMessages`), so an element still loads one catalogue per language.
 */
export const en = {
  orderNumber: 'Order number',
  orderNumberHint: (example: string) => `It is in your order confirmation email, e.g. ${example}.`,
  contact: 'Email address or postal code',
  contactHint: 'The email address you ordered with, or the postal code of the delivery address.',
  orderNumberMissing: 'Enter your order number.',
  orderNumberInvalid: (example?: string) =>
    example
      ? `Check the order number: it looks like ${example}.`
      : 'Check the order number: it has only letters, digits and dashes.',
  contactMissing: 'Enter the email address or the postal code of the order.',
  contactInvalid: 'Enter an email address like name@example.com, or the postal code of the delivery address.',
  searching: 'Looking up your order…',
  notFound:
    'We could not find an order with these details. Check the order number and the email address or postal code, then try again.',
  oneTryLeft: 'You have 1 try left before a short wait.',
  rateLimited: (wait: string) => `Too many tries. For your security, please wait ${wait} before trying again.`,
  offline:
    'You are offline, so we could not look up your order. What you typed is kept: it will work once you are back online.',
  backOnline: 'You are back online.',
  retryNow: 'Look it up now',
  serverError: 'Something went wrong on our side. Please try again in a moment.',
  tryAgain: 'Try again',
};

export type OrderLookupMessages = typeof en;

type Translations<T> = Readonly<Record<'zh-CN' | 'ar', () => Promise<T>>>;

const lookupTranslations: Translations<OrderLookupMessages> = {
  'zh-CN': () => import('./order-lookup.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./order-lookup.messages.ar.js').then((module) => module.ar),
};

/**
 * An element's catalogues with the lookup's strings in them: one catalogue for `KefuElement` to
 * wait for, while the lookup's strings are written (and, per language, downloaded) once.
 */
export function withLookupMessages<T extends object>(
  own: T,
  translations: Translations<T>,
): LazyCatalogues<T & OrderLookupMessages> {
  const merged = (tag: keyof Translations<T>) => () =>
    Promise.all([translations[tag](), lookupTranslations[tag]()]).then(([mine, lookup]) => ({ ...lookup, ...mine }));
  return lazyCatalogues({ ...en, ...own }, { 'zh-CN': merged('zh-CN'), ar: merged('ar') });
}
