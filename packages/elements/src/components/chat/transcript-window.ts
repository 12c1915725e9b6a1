/**
 * Which rows of a long transcript to put in the DOM: the ones in view plus a few either side, with
 * spacers standing in for the rest. Heights are measured once a row has been rendered and
 * estimated before, so rows of any height work and the scrollbar stays honest.
 */
export interface WindowRange {
  readonly start: number;
  readonly end: number;
  /** Height of the rows above `start`, in px. */
  readonly before: number;
  /** Height of the rows from `end` on, in px. */
  readonly after: number;
}

/** Rows rendered beyond each edge of the view, so a short scroll shows no gap. */
const OVERSCAN = 6;

const sum = (heights: readonly number[]) => heights.reduce((total, height) => total + height, 0);

export class TranscriptWindow {
  readonly #heights = new Map<string, number>();
  /** The height of a row not measured yet: the average of those measured (a guess before any is). */
  #estimate = 64;

  /** Records measured heights; returns whether any changed (so the caller lays out again). */
  measure(measured: Iterable<readonly [string, number]>): boolean {
    let changed = false;
    let total = 0;
    let count = 0;
    for (const [key, height] of measured) {
      if (height <= 0) continue;
      total += height;
      count += 1;
      if (Math.abs((this.#heights.get(key) ?? -1) - height) > 0.5) {
        this.#heights.set(key, height);
        changed = true;
      }
    }
    if (count) this.#estimate = Math.round(total / count);
    return changed;
  }

  /**
   * The rows to render for a viewport at `scrollTop` of `viewportHeight` px; `atEnd` anchors the
   * window at the last row (a chat opens at its newest message).
   */
  range(keys: readonly string[], scrollTop: number, viewportHeight: number, atEnd: boolean): WindowRange {
    const heights = keys.map((key) => this.#heights.get(key) ?? this.#estimate);
    const viewport = Math.max(viewportHeight, 1);
    // Anchored at the end, the view is the last viewport's height of rows.
    const top = atEnd ? sum(heights) - viewport : scrollTop;
    let start = 0;
    let offset = 0;
    while (start < heights.length - 1 && offset + (heights[start] ?? 0) <= top) offset += heights[start++] ?? 0;
    let end = start;
    while (end < heights.length && (atEnd || offset < top + viewport)) offset += heights[end++] ?? 0;
    start = Math.max(0, start - OVERSCAN);
    end = Math.min(heights.length, end + OVERSCAN);
    return { start, end, before: sum(heights.slice(0, start)), after: sum(heights.slice(end)) };
  }
}
