import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { ordertrackerMessages } from './order-tracker.messages.js';
import { ordertrackerStyles } from './order-tracker.styles.js';

/**
 * Looks up an order by number and email or postal code and follows each shipment.
 *
 * @summary Looks up an order by number and email or postal code and follows each shipment.
 * @tag kefu-order-tracker
 */
export class KefuOrderTracker extends KefuElement {
  static override styles = [tokens, ordertrackerStyles];

  /** An order number to fill in. */
  @property({ attribute: 'order-number' }) orderNumber?: string;

  override render() {
    const messages = this.localize(ordertrackerMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
