import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { KefuElement } from '../../base/kefu-element.js';
import { tokens } from '../../styles/tokens.styles.js';
import { surveyMessages } from './survey.messages.js';
import { surveyStyles } from './survey.styles.js';

/**
 * Asks a CSAT, NPS or CES question once per subject and sends the answer through the outbox.
 *
 * @summary Asks a CSAT, NPS or CES question once per subject and sends the answer through the outbox.
 * @tag kefu-survey
 */
export class KefuSurvey extends KefuElement {
  static override styles = [tokens, surveyStyles];

  /** Which survey: satisfaction (csat), recommendation (nps) or effort (ces). */
  @property() kind: 'csat' | 'nps' | 'ces' = 'csat';

  /** What is rated: `conversation`, `return`, `callback` or `store`. */
  @property({ attribute: 'subject-type' }) subjectType: 'conversation' | 'return' | 'callback' | 'store' = 'store';

  /** The id of what is rated. */
  @property({ attribute: 'subject-id' }) subjectId = 'store';

  override render() {
    const messages = this.localize(surveyMessages);
    return html`<h2>${messages.title}</h2>`;
  }
}
