import { KefuFaq } from '../components/faq/faq.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-faq', KefuFaq);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-faq': KefuFaq;
  }
}

export { KefuFaq };
