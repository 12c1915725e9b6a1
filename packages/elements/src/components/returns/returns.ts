import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { returnsMessages } from './returns.messages.js';
import { returnsStyles } from './returns.styles.js';

/**
 * Returns items from an order: eligibility, reasons, photos, a resolution, and the status afterwards.
 *
 * @summary Returns items from an order: eligibility, reasons, photos, a resolution, and the status afterwards.
 * @tag kefu-returns
 */
export class KefuReturns extends KefuElement {
  static override styles = [tokens, returnsStyles];

  /** The order to return items from (looked up first if it is not in this session yet). */
  @property({ attribute: 'order-number' }) orderNumber?: string;

  override render() {
    const messages = this.localize(returnsMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
