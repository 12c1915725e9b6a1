/**
 * Highlighting for search results, as plain data (no DOM): a text cut into pieces that are or are
 * not matches, which an element renders as `<mark>` or text. Terms are what the index matched
 * ("return" for the typed "retu", "退货" for 如何退货), compared case-insensitively.
 */
export interface TextPiece {
  readonly text: string;
  readonly match: boolean;
}

function matchRanges(text: string, terms: readonly string[]): [start: number, end: number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))) {
    let from = lower.indexOf(term);
    while (from !== -1) {
      ranges.push([from, from + term.length]);
      from = lower.indexOf(term, from + term.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** `text` cut into matched and unmatched pieces, in order; joined, they are `text` again. */
export function markMatches(text: string, terms: readonly string[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}

/**
 * About `length` characters of `text` around its first match (the longest term found first, so a
 * two-character Chinese word wins over one of its characters), with an ellipsis where it was cut.
 */
export function snippetOf(text: string, terms: readonly string[], length = 140): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return clean;
  const lower = clean.toLowerCase();
  const first = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((term) => lower.indexOf(term.toLowerCase()))
    .find((index) => index !== -1);
  let start = first === undefined ? 0 : Math.max(0, Math.min(first - Math.floor(length / 4), clean.length - length));
  // Start on a word, not in the middle of one (Chinese has no spaces: it starts where it falls).
  const space = start > 0 ? clean.indexOf(' ', start) : -1;
  if (space !== -1 && space - start < 20 && (first === undefined || space < first)) start = space + 1;
  const end = Math.min(clean.length, start + length);
  return `${start > 0 ? '…' : ''}${clean.slice(start, end).trim()}${end < clean.length ? '…' : ''}`;
}
