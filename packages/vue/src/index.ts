// The elements themselves: importing @kefu/vue defines every <kefu-…> tag.
import '@kefu/elements/define/kefu-widget.js';
import '@kefu/elements/define/kefu-faq.js';
import '@kefu/elements/define/kefu-order-tracker.js';
import '@kefu/elements/define/kefu-returns.js';
import '@kefu/elements/define/kefu-chat.js';
import '@kefu/elements/define/kefu-callback.js';
import '@kefu/elements/define/kefu-survey.js';

export {
  createKefuPlugin,
  isKefuElement,
  kefuClientKey,
  useKefu,
  useKefuState,
  type KefuPluginOptions,
} from './plugin.js';
export { kefuTags } from './generated/components.js';
