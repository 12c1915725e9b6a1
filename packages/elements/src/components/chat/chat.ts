import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { chatMessages } from './chat.messages.js';
import { chatStyles } from './chat.styles.js';

/**
 * Live chat with the store’s agents, with answers suggested first.
 *
 * @summary Live chat with the store’s agents, with answers suggested first.
 * @tag kefu-chat
 */
export class KefuChat extends KefuElement {
  static override styles = [tokens, chatStyles];

  /** An order the conversation is about. */
  @property({ attribute: 'order-number' }) orderNumber?: string;

  /** A topic to pre-select. */
  @property() topic?: string;

  /** An article the shopper read first (sent to the agent as context). */
  @property({ attribute: 'article-id' }) articleId?: string;

  override render() {
    const messages = this.localize(chatMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
