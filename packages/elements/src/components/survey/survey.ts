import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import type { SurveyKind, SurveyReason, SurveySubject } from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { controls, tokens } from '../../styles/tokens.styles.js';
import { surveyMessages, type SurveyMessages } from './survey.messages.js';
import { surveyStyles } from './survey.styles.js';
import { asksForReason, isLowScore, scoresOf } from './survey-scale.js';

type Phase = 'asking' | 'thanks' | 'answered-before' | 'dismissed';

const reasons: readonly SurveyReason[] = ['slow', 'unresolved', 'unclear', 'other'];

/** A face for a CSAT score: the mouth bends from a frown (1) to a smile (5). */
const face = (score: number) =>
  svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.6" />
    <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" /><circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
    <path d="M7.5 ${score === 3 ? 15.5 : 15} Q12 ${15 + (score - 3) * 2.2} 16.5 ${score === 3 ? 15.5 : 15}"
      fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
  </svg>`;

/**
 * Asks a CSAT, NPS or CES question once per subject and sends the answer through the outbox
 * (offline is fine, it is sent once). Native radio buttons in a fieldset: arrow keys move between
 * scores, and a screen reader announces the question, the score and its label. A low CSAT asks
 * why; after a low score the thank-you offers a chat or a callback.
 *
 * @summary A CSAT, NPS or CES survey with an optional comment.
 * @tag kefu-survey
 * @event kefu-survey-answer - The answer is saved (it is sent now, or when back online). `detail: { kind, score, subject }`
 * @event kefu-survey-dismiss - The shopper chose "Not now": nothing is asked for the store's cool-down. `detail: { kind, subject }`
 * @csspart form - The survey form.
 * @csspart scale - The fieldset of scores.
 * @csspart option - One score (a label holding its radio button).
 * @csspart comment - The comment field.
 * @csspart submit - The send button.
 * @csspart dismiss - The "Not now" button.
 * @csspart thanks - The outcome: the thank-you (its next steps follow it), "not now", or "already answered".
 * @cssprop --kefu-brand-color - The selected score and the send button.
 * @cssprop --kefu-radius - Corner radius of the scores and buttons.
 */
export class KefuSurvey extends KefuElement {
  static override styles = [tokens, controls, surveyStyles];
  static override catalogues = surveyMessages;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    phase: { attribute: false },
    score: { attribute: false },
    reason: { attribute: false },
    scoreMissing: { attribute: false },
    unhandledNextStep: { attribute: false },
    kind: {},
    subjectType: { attribute: 'subject-type' },
    subjectId: { attribute: 'subject-id' },
  };

  private phase: Phase = 'asking';
  private score?: number;
  private reason?: SurveyReason;
  private scoreMissing = false;
  private unhandledNextStep = false;
  #comment = '';
  /** The answer's outbox item: what the thank-you says of its sending follows the item, live. */
  #answerId?: string;

  /** Which survey: satisfaction (csat, 1–5), recommendation (nps, 0–10) or effort (ces, 1–7). */
  kind: SurveyKind = 'csat';

  /** What is rated: `conversation`, `return`, `callback` or `store`. */
  subjectType: SurveySubject['type'] = 'store';

  /** The id of what is rated. */
  subjectId = 'store';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.kefu?.config.load();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('kind') || changed.has('subjectType') || changed.has('subjectId')) this.#reset();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The outcome replaces the form: focus follows, so a screen reader reads it.
    if (changed.has('phase') && this.phase !== 'asking')
      this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  get #subject(): SurveySubject {
    return { type: this.subjectType, id: this.subjectId };
  }

  #reset(): void {
    this.phase = 'asking';
    this.#answerId = undefined;
    this.score = undefined;
    this.reason = undefined;
    this.scoreMissing = false;
    this.#comment = '';
    const kind = this.kind;
    const subject = this.#subject;
    void this.kefu?.survey.statusOf(kind, subject).then((status) => {
      const same = kind === this.kind && subject.type === this.subjectType && subject.id === this.subjectId;
      if (same && status === 'answered' && this.phase === 'asking') this.phase = 'answered-before';
    });
  }

  readonly #onScore = (event: Event) => {
    this.score = Number((event.target as HTMLInputElement).value);
    this.scoreMissing = false;
  };

  readonly #onReason = (event: Event) => {
    this.reason = (event.target as HTMLInputElement).value as SurveyReason;
  };

  readonly #onComment = (event: Event) => {
    this.#comment = (event.target as HTMLTextAreaElement).value;
  };

  readonly #onSubmit = async (event: Event) => {
    event.preventDefault();
    const client = this.kefu;
    if (this.score === undefined) {
      this.scoreMissing = true;
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    if (!client) return;
    const comment = this.#comment.trim();
    const reason = asksForReason(this.kind, this.score) ? this.reason : undefined;
    const detail = { kind: this.kind, score: this.score, subject: this.#subject };
    const item = await client.survey.answer({
      ...detail,
      ...(reason ? { reason } : {}),
      ...(comment ? { comment } : {}),
    });
    this.#answerId = item.id;
    this.phase = 'thanks';
    this.dispatchEvent(new CustomEvent('kefu-survey-answer', { detail, bubbles: true, composed: true }));
  };

  readonly #onDismiss = async () => {
    const detail = { kind: this.kind, subject: this.#subject };
    await this.kefu?.survey.dismiss(detail);
    this.phase = 'dismissed';
    this.dispatchEvent(new CustomEvent('kefu-survey-dismiss', { detail, bubbles: true, composed: true }));
  };

  #question(messages: SurveyMessages): string {
    if (this.kind === 'nps') {
      return messages.npsQuestion(this.kefu?.config.state.value.data?.brand.name ?? messages.npsStoreFallback);
    }
    if (this.kind === 'csat') return messages.csatQuestion[this.subjectType];
    return this.subjectType === 'return' ? messages.cesReturnQuestion : messages.cesQuestion;
  }

  /** The ends of the scale, said in words (none for CSAT: each face has its own label). */
  #anchors(messages: SurveyMessages): readonly [string, string] | undefined {
    if (this.kind === 'nps') return [messages.npsLow, messages.npsHigh];
    return this.kind === 'ces' ? [messages.cesLow, messages.cesHigh] : undefined;
  }

  #renderForm(messages: SurveyMessages) {
    const scores = scoresOf(this.kind);
    const anchors = this.#anchors(messages);
    const csat = this.kind === 'csat';
    const low = isLowScore(this.kind, this.score);
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <fieldset part="scale" class="scale">
        <legend>${this.#question(messages)}</legend>
        <div class="options ${this.kind}">
          ${scores.map((score, index) => {
            // The ends of the scale say what they mean to a screen reader (the anchor line is hidden from it).
            const anchor = index === 0 ? anchors?.[0] : index === scores.length - 1 ? anchors?.[1] : undefined;
            return html`<label part="option" class="option">
              <input
                type="radio"
                name="score"
                .value=${String(score)}
                .checked=${this.score === score}
                aria-describedby=${this.scoreMissing ? 'score-error' : nothing}
                @change=${this.#onScore}
              />
              ${csat ? face(score) : nothing}
              <span class="number">${score}</span>
              ${csat ? html`<span class="label">${messages.csatLabels[score - 1]}</span>` : nothing}
              ${anchor ? html`<span class="visually-hidden">${anchor}</span>` : nothing}
            </label>`;
          })}
        </div>
        ${
          anchors
            ? html`<div class="anchors" aria-hidden="true">
                <span>${scores[0]} = ${anchors[0]}</span><span>${scores.at(-1)} = ${anchors[1]}</span>
              </div>`
            : nothing
        }
        ${this.scoreMissing ? html`<p class="error" id="score-error" role="alert">${messages.chooseScore}</p>` : nothing}
      </fieldset>
      ${
        asksForReason(this.kind, this.score)
          ? html`<fieldset class="reasons">
              <legend>${messages.reasonLegend}</legend>
              ${reasons.map(
                (reason) =>
                  html`<label class="reason"
                    ><input
                      type="radio"
                      name="reason"
                      .value=${reason}
                      .checked=${this.reason === reason}
                      @change=${this.#onReason}
                    />${messages.reasons[reason]}</label
                  >`,
              )}
            </fieldset>`
          : nothing
      }
      <label class="comment-label" for="comment">${low ? messages.commentLow : messages.comment}</label>
      <textarea
        part="comment"
        id="comment"
        rows="3"
        maxlength="2000"
        .value=${this.#comment}
        @input=${this.#onComment}
      ></textarea>
      <div class="actions">
        <button part="submit" class="primary" type="submit">${messages.send}</button>
        <button part="dismiss" class="secondary" type="button" @click=${this.#onDismiss}>${messages.notNow}</button>
      </div>
    </form>`;
  }

  /** Waiting to send while offline, and failed for good, say so; once sent, the thanks is enough. */
  #renderSending(messages: SurveyMessages) {
    const client = this.kefu;
    const item = client?.survey.submissions.value.find((candidate) => candidate.id === this.#answerId);
    if (item?.status === 'failed') return html`<p>${messages.failed}</p>`;
    if (item?.status === 'pending' && !client?.connectivity.online.value) return html`<p>${messages.queued}</p>`;
    return nothing;
  }

  /** After the form: thanks (and next steps after a low score), "not now", or answered before. */
  #renderOutcome(messages: SurveyMessages) {
    const thanks = this.phase === 'thanks';
    const low = thanks && isLowScore(this.kind, this.score);
    const channels = this.kefu?.config.state.value.data?.channels;
    return html`<div part="thanks" class="outcome" tabindex="-1" role="status">
        <p class="lead">
          ${thanks ? messages.thanks : this.phase === 'dismissed' ? messages.dismissed : messages.answeredBefore}
        </p>
        ${thanks ? this.#renderSending(messages) : nothing}
      </div>
      ${
        low
          ? html`<div class="next">
              <p>${messages.sorry}</p>
              <div class="actions">
                ${(['chat', 'callback'] as const)
                  .filter((view) => channels?.[view] !== false)
                  .map(
                    (view) =>
                      html`<button
                        class=${view === 'chat' ? 'primary' : 'secondary'}
                        type="button"
                        @click=${() => (this.unhandledNextStep = !this.navigate({ view }))}
                      >
                        ${messages[view]}
                      </button>`,
                  )}
              </div>
              ${this.unhandledNextStep ? html`<p role="status">${messages.noHelpHere}</p>` : nothing}
            </div>`
          : nothing
      }`;
  }

  override render() {
    const messages = this.localize(surveyMessages);
    return html`<h2>${messages.title}</h2>
      ${this.phase === 'asking' ? this.#renderForm(messages) : this.#renderOutcome(messages)}`;
  }
}
