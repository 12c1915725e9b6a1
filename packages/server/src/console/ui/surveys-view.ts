import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { errorOf, screenHeader, screenStyles } from './admin-screen.js';
import type { ConsoleSurveyComment, ConsoleSurveyStats as SurveyStats } from './types.js';
import './trend-chart.js';

/**
 * Survey results: the CSAT average, the NPS and the CES average, and each over the last 30 days.
 * A comment on a conversation opens it (fires `open-conversation` with its id).
 */
@customElement('kefu-console-surveys')
export class KefuSurveys extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 16px;
      }
      section {
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 10px;
        padding: 14px 16px;
      }
      .score {
        font-size: 28px;
        font-weight: 700;
        margin: 4px 0 0;
      }
      .of {
        font-size: 14px;
        color: var(--muted);
        font-weight: 400;
      }
      h3 {
        margin: 0;
      }
      .details {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
        gap: 16px;
        margin-top: 16px;
      }
      ul {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
      }
      li {
        padding: 6px 0;
        border-top: 1px solid var(--line);
      }
      blockquote {
        margin: 2px 0 0;
      }
      button.link {
        border: none;
        background: none;
        padding: 0;
        color: var(--accent);
        text-decoration: underline;
        font: inherit;
      }
    `,
  ];

  @state() private stats: SurveyStats | undefined;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    const stats = this.stats;
    return html`
      ${screenHeader('Survey results, last 30 days', this.error, () => void this.load())}
      ${
        stats === undefined
          ? html`<p class="muted" role="status">Loading…</p>`
          : html`<div class="cards">
                ${this.card('CSAT', 'Average satisfaction', stats.csat.average, stats.csat.count, '/ 5', 1, 5, (day) => day.csat)}
                ${this.card('NPS', 'Net promoter score', stats.nps.score, stats.nps.count, '', -100, 100, (day) => day.nps)}
                ${this.card('CES', 'Average ease, 1 = very difficult, 7 = very easy (higher is easier)', stats.ces.average, stats.ces.count, '/ 7', 1, 7, (day) => day.ces)}
              </div>
              <div class="details">${this.reasons(stats)} ${this.comments(stats)}</div>`
      }
    `;
  }

  private card(
    title: string,
    description: string,
    value: number | null,
    count: number,
    scale: string,
    min: number,
    max: number,
    pick: (day: SurveyStats['byDay'][number]) => number | null,
  ) {
    const byDay = this.stats?.byDay ?? [];
    return html`<section aria-label=${title}>
      <h3>${title}</h3>
      <p class="score">
        ${value === null ? '—' : title === 'NPS' ? Math.round(value) : value.toFixed(1)}
        <span class="of">${scale}</span>
      </p>
      <p class="muted">${description} · ${count} ${count === 1 ? 'answer' : 'answers'}</p>
      <kefu-console-trend
        .values=${byDay.map(pick)}
        .days=${byDay.map((day) => day.day)}
        .min=${min}
        .max=${max}
        .label=${title}
      ></kefu-console-trend>
    </section>`;
  }

  private reasons(stats: SurveyStats) {
    const labels = {
      slow: 'It took too long',
      unresolved: 'Problem not solved',
      unclear: 'Hard to understand',
      other: 'Something else',
    } as const;
    return html`<section aria-label="Why low CSATs">
      <h3>Why low CSATs (1–2)</h3>
      <ul>
        ${(Object.keys(labels) as (keyof typeof labels)[]).map(
          (reason) => html`<li>${labels[reason]}: <strong>${stats.lowCsatReasons[reason]}</strong></li>`,
        )}
      </ul>
    </section>`;
  }

  private comments(stats: SurveyStats) {
    return html`<section aria-label="Latest comments">
      <h3>Latest comments</h3>
      ${
        stats.recentComments.length === 0
          ? html`<p class="muted">No comment yet.</p>`
          : html`<ul>
              ${stats.recentComments.map(
                (entry) =>
                  html`<li>
                    <span class="muted"
                      >${entry.kind.toUpperCase()} ${entry.score}${entry.reason ? ` · ${entry.reason}` : ''} ·
                      ${this.subject(entry)} · ${new Date(entry.createdAt).toLocaleString()}</span
                    >
                    <blockquote>${entry.comment}</blockquote>
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private subject(entry: ConsoleSurveyComment) {
    const conversationId = entry.conversationId;
    if (conversationId === undefined) return entry.about;
    const open = () =>
      this.dispatchEvent(
        new CustomEvent('open-conversation', { detail: conversationId, bubbles: true, composed: true }),
      );
    return html`<button class="link" @click=${open}>${entry.about}</button>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.stats = await api<SurveyStats>('GET', '/surveys/stats?days=30');
    }, 'Could not load the survey results.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-surveys': KefuSurveys;
  }
}
