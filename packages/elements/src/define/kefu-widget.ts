import { KefuWidget } from '../components/widget/widget.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-widget', KefuWidget);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-widget': KefuWidget;
  }
}

export { KefuWidget };
