export { KefuElement } from './base/kefu-element.js';
export { SignalWatcher } from './base/signal-watcher.js';
export { defineElement } from './base/define.js';
export { setSharedClient, sharedClient } from './base/shared-client.js';
export {
  navigateEventName,
  requestNavigation,
  type KefuNavigateDetail,
  type KefuView,
  type SurveySubject,
} from './base/navigation.js';
export { KefuWidget } from './components/widget/widget.js';
export { KefuFaq } from './components/faq/faq.js';
export { KefuOrderTracker } from './components/order-tracker/order-tracker.js';
export { KefuReturns } from './components/returns/returns.js';
export { KefuChat } from './components/chat/chat.js';
export { KefuCallback } from './components/callback/callback.js';
export { KefuSurvey } from './components/survey/survey.js';
export { directionOf, pickCatalogue, resolveLocale, type Catalogues } from './i18n/localize.js';
export { readableTextOn } from './styles/contrast.js';
export type { Catalogue, MessageKey } from './i18n/messages.js';
