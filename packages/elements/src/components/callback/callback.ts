import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { callbackMessages } from './callback.messages.js';
import { callbackStyles } from './callback.styles.js';

/**
 * Requests a call back at a time the shopper picks, in their own timezone.
 *
 * @summary Requests a call back at a time the shopper picks, in their own timezone.
 * @tag kefu-callback
 */
export class KefuCallback extends KefuElement {
  static override styles = [tokens, callbackStyles];

  /** An order the call is about. */
  @property({ attribute: 'order-number' }) orderNumber?: string;

  /** A topic to pre-select. */
  @property() topic?: string;

  override render() {
    const messages = this.localize(callbackMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
