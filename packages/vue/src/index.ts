// No element is defined, and no client made, by importing @kefu/vue: the plugin imports each
// inline element's module when its tag first appears in the app, and the widget's on the
// shopper's intent (a page pays for what it shows, and the widget for its launcher until wanted).
export { createKefuPlugin, isKefuElement, type KefuPluginOptions } from './plugin.js';
export { useKefu, useKefuState } from './use-kefu.js';
export { kefuTags } from './generated/components.js';
