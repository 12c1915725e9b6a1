/**
 * Highlighting for search results, as plain data (no DOM): a text cut into pieces that are or are
 * not matches, which an element renders as `<mark>` or text. Terms are what the index matched
 * ("return" for the typed "retu", "退货" for 如何退货), compared case-insensitively.
 */
export interface TextPiece {
  readonly text: string;
  readonly match: boolean;
}

/** `text` cut into matched and unmatched pieces, in order; joined, they are `text` again. */
export function markMatches(text: string, terms: readonly string[]): TextPiece[] {
  const lower = text.toLowerCase();
  // 1 for each character a term covers: overlapping and touching matches make one piece.
  const matched = new Uint8Array(lower.length);
  for (const term of terms) {
    const wanted = term.toLowerCase();
    for (let at = wanted ? lower.indexOf(wanted) : -1; at !== -1; at = lower.indexOf(wanted, at + wanted.length)) {
      matched.fill(1, at, at + wanted.length);
    }
  }
  const pieces: TextPiece[] = [];
  for (let start = 0, end = 0; start < text.length; start = end) {
    const match = matched[start];
    while (++end < text.length && matched[end] === match);
    pieces.push({ text: text.slice(start, end), match: match === 1 });
  }
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
