import { KefuOrderTracker } from '../components/order-tracker/order-tracker.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-order-tracker', KefuOrderTracker);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-order-tracker': KefuOrderTracker;
  }
}

export { KefuOrderTracker };
