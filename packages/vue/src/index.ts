// No element is defined by importing @kefu/vue: the plugin imports each element's module when its
// tag first appears in the app (a page pays for the elements it shows).
export {
  createKefuPlugin,
  isKefuElement,
  kefuClientKey,
  useKefu,
  useKefuState,
  type KefuPluginOptions,
} from './plugin.js';
export { kefuTags } from './generated/components.js';
