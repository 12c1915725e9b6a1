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

export class TranscriptWindow {
  readonly #heights = new Map<string, number>();
  #estimate: number;

  constructor(
    estimate = 64,
    readonly overscan = 6,
  ) {
    this.#estimate = estimate;
  }

  heightOf(key: string): number {
    return this.#heights.get(key) ?? this.#estimate;
  }

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
    // Unmeasured rows are guessed from the ones seen so far.
    if (count) this.#estimate = Math.round(total / count);
    return changed;
  }

  /**
   * The rows to render for a viewport at `scrollTop` of `viewportHeight` px; `atEnd` anchors the
   * window at the last row (a chat opens at its newest message).
   */
  range(keys: readonly string[], scrollTop: number, viewportHeight: number, atEnd: boolean): WindowRange {
    const count = keys.length;
    if (count === 0) return { start: 0, end: 0, before: 0, after: 0 };
    const viewport = Math.max(viewportHeight, 1);
    let start: number;
    let end: number;
    if (atEnd) {
      end = count;
      let filled = 0;
      start = count;
      while (start > 0 && filled < viewport) {
        start -= 1;
        filled += this.heightOf(keys[start] ?? '');
      }
    } else {
      let offset = 0;
      start = 0;
      while (start < count - 1 && offset + this.heightOf(keys[start] ?? '') <= scrollTop) {
        offset += this.heightOf(keys[start] ?? '');
        start += 1;
      }
      end = start;
      let filled = offset;
      while (end < count && filled < scrollTop + viewport) {
        filled += this.heightOf(keys[end] ?? '');
        end += 1;
      }
    }
    start = Math.max(0, start - this.overscan);
    end = Math.min(count, end + this.overscan);
    let before = 0;
    for (let index = 0; index < start; index += 1) before += this.heightOf(keys[index] ?? '');
    let after = 0;
    for (let index = end; index < count; index += 1) after += this.heightOf(keys[index] ?? '');
    return { start, end, before, after };
  }
}
