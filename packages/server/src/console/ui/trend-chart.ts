import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

const WIDTH = 300;
const HEIGHT = 90;
const PAD = { left: 30, right: 8, top: 8, bottom: 18 };

/**
 * One score over the last days as a small inline SVG line: days without answers leave a gap
 * instead of pretending to be zero. Drawn with SVG attributes, no style attributes (CSP).
 */
@customElement('kefu-console-trend')
export class KefuTrend extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    text {
      font-size: 9px;
      fill: #5d6677;
    }
  `;

  @property({ attribute: false }) values: readonly (number | null)[] = [];
  @property({ attribute: false }) days: readonly string[] = [];
  @property({ type: Number }) min = 0;
  @property({ type: Number }) max = 1;
  @property() label = '';

  override render() {
    const count = this.values.length;
    const x = (index: number) => PAD.left + (count <= 1 ? 0 : (index / (count - 1)) * (WIDTH - PAD.left - PAD.right));
    const y = (value: number) =>
      PAD.top + (1 - (value - this.min) / (this.max - this.min || 1)) * (HEIGHT - PAD.top - PAD.bottom);
    const runs: { index: number; value: number }[][] = [];
    let run: { index: number; value: number }[] = [];
    this.values.forEach((value, index) => {
      if (value === null) {
        if (run.length) runs.push(run);
        run = [];
      } else run.push({ index, value });
    });
    if (run.length) runs.push(run);
    const answered = this.values.filter((value): value is number => value !== null);
    const summary =
      answered.length === 0
        ? `${this.label}: no answers in this period`
        : `${this.label}: from ${answered[0]?.toFixed(1)} to ${answered.at(-1)?.toFixed(1)} over ${answered.length} days with answers`;
    return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${summary}>
      ${svg`
        <line x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(this.max)} y2=${y(this.max)} stroke="#eef1f6" />
        <line x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(this.min)} y2=${y(this.min)} stroke="#dfe3ea" />
        <text x=${PAD.left - 4} y=${y(this.max) + 3} text-anchor="end">${this.max}</text>
        <text x=${PAD.left - 4} y=${y(this.min) + 3} text-anchor="end">${this.min}</text>
        ${runs.map((points) =>
          points.length === 1
            ? nothing
            : svg`<polyline fill="none" stroke="#2452c9" stroke-width="1.5"
                points=${points.map(({ index, value }) => `${x(index)},${y(value)}`).join(' ')} />`,
        )}
        ${
          answered.length === 0
            ? svg`<text x=${WIDTH / 2} y=${HEIGHT / 2} text-anchor="middle">no answers yet</text>`
            : runs.flat().map(({ index, value }) => svg`<circle cx=${x(index)} cy=${y(value)} r="2" fill="#2452c9" />`)
        }
        ${
          this.days.length > 0
            ? svg`<text x=${PAD.left} y=${HEIGHT - 4}>${shortDay(this.days[0])}</text>
              <text x=${WIDTH - PAD.right} y=${HEIGHT - 4} text-anchor="end">${shortDay(this.days.at(-1))}</text>`
            : nothing
        }
      `}
    </svg>`;
  }
}

function shortDay(day: string | undefined): string {
  if (!day) return '';
  return new Date(`${day}T12:00:00Z`).toLocaleDateString([], { day: 'numeric', month: 'short' });
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-trend': KefuTrend;
  }
}
