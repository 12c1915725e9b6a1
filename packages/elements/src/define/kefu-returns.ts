import { KefuReturns } from '../components/returns/returns.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-returns', KefuReturns);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-returns': KefuReturns;
  }
}

export { KefuReturns };
