import { KefuCallback } from '../components/callback/callback.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-callback', KefuCallback);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-callback': KefuCallback;
  }
}

export { KefuCallback };
