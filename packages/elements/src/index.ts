export { KefuElement } from './base/kefu-element.js';
export { SignalWatcher } from './base/signal-watcher.js';
export { defineElement } from './base/define.js';
export { KefuWidget } from './components/widget/widget.js';
export { catalogueFor, directionOf, resolveLocale } from './i18n/localize.js';
export { readableTextOn } from './styles/contrast.js';
export type { Catalogue, MessageKey } from './i18n/messages.js';
