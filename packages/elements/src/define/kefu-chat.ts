import { KefuChat } from '../components/chat/chat.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-chat', KefuChat);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-chat': KefuChat;
  }
}

export { KefuChat };
