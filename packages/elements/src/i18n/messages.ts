import { lazyCatalogues } from './lazy-catalogues.js';
import { plural } from './plural.js';

/**
 * The widget's own strings (launcher, panel, home); each feature has its catalogues beside it.
 * English is the reference and complete, Simplified Chinese complete, Arabic there to prove
 * right-to-left layout. A catalogue's type is English's, so a missing key fails type-checking.
 */
export const en = {
  launcherLabel: 'Help',
  back: 'Back',
  searchLabel: 'Search the help centre',
  searchPlaceholder: 'Search for answers',
  browseHelp: 'Browse help articles',
  trackOrder: 'Track an order',
  startReturn: 'Start a return',
  chatWithUs: 'Chat with us',
  callMeBack: 'Call me back',
  quickActions: 'Get help with',
  unreadMessages: (count: number) => plural('en', count, { one: '1 new message', other: '{count} new messages' }),
  soundOn: 'Sound for new replies',
  surveyPrompt: 'Tell us how we did',
  surveyPromptDetail: 'One question, a few seconds.',
  lastOrder: 'Your last order',
  orderNumber: 'Order {number}',
  recentConversations: 'Recent conversations',
  conversationWith: 'Chat with {name}',
  conversationWaiting: 'Waiting for an agent',
  conversationOpen: 'Chat in progress',
  conversationEnded: 'Ended',
  conversationFile: 'Sent a file',
  conversationUnavailable: 'We could not open that conversation. Please check your connection and try again.',
  unreadCount: '{count} new',
  chatWait: (minutes: number) => `About ${new Intl.NumberFormat('en').format(minutes)} min wait`,
  chatClosed: 'Closed now',
  chatOpensAt: 'Opens {time}',
  orderProcessing: 'Being prepared',
  orderPartiallyShipped: 'Partly shipped',
  orderShipped: 'On its way',
  orderOutForDelivery: 'Out for delivery',
  orderDelivered: 'Delivered',
  orderCancelled: 'Cancelled',
  orderDeliveryFailed: 'Delivery problem',
  openHelp: 'Open help',
  closeHelp: 'Close help',
  panelTitle: 'Help',
  greeting: 'Hi! How can we help?',
  language: 'Language',
  loading: 'Loading…',
  loadFailed: 'We could not reach the help centre. Please try again.',
  retry: 'Try again',
  offline: 'You are offline. What you send is saved and goes out when you are back online.',
  storageUnavailable:
    'This browser cannot save Kefu data for offline use; keep this page open until your request is sent.',
  newMessageFrom: 'New message from {name}: {text}',
  newMessage: 'New message: {text}',
} as const;

export type MessageKey = keyof typeof en;
/** Strings, and a function for the few counted ones (each language's plural forms, see `plural`). */
export type Catalogue = {
  readonly [K in MessageKey]: (typeof en)[K] extends string ? string : (count: number) => string;
};

/** Fills a string's `{name}` placeholders, in one pass (a value with braces in it stays as it is). */
export function fillIn(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const widgetMessages = lazyCatalogues<Catalogue>(en, {
  'zh-CN': () => import('./messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./messages.ar.js').then((module) => module.ar),
});
