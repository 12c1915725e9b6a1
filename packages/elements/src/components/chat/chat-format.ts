import { html, nothing, type TemplateResult } from 'lit';

/**
 * A safe subset of formatting for chat text: `**bold**`, links (bare `https://…` or
 * `[label](https://…)`, http and https only), and lists (lines starting with `- `, `* ` or `1. `).
 * The text becomes Lit templates with text bindings only: nothing is ever parsed as HTML, so
 * `<script>` in a message is shown as the characters it is.
 */

/** A paragraph (its lines), or a list (its items). */
interface Block {
  readonly kind: 'p' | 'ul' | 'ol';
  readonly lines: string[];
}

// A list item: a bullet (group 1) or a number, then the item's text (group 2).
const itemLine = /^\s*(?:([-*•])|\d{1,3}[.)])\s+(.*)$/;
// A markdown link, bold, or a bare URL; the URL stops before trailing punctuation.
const inlinePattern =
  /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]+)\*\*|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/gi;

/** The URL if it is http(s) and parses; anything else (javascript:, data:) is refused. */
function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A line's text, bold and links; what only looks like a link (`javascript:`) stays text. */
function renderInline(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const [whole, label, linkUrl, bold, bareUrl] = match;
    const href = safeHref(linkUrl ?? bareUrl ?? '');
    parts.push(
      text.slice(last, match.index),
      bold !== undefined
        ? html`<strong>${bold}</strong>`
        : href
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${label ?? bareUrl}</a>`
          : whole,
    );
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** Lines in a row make a paragraph, items of one kind in a row a list; a blank line ends a paragraph. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r?\n/)) {
    const item = itemLine.exec(line);
    const kind = item ? (item[1] ? 'ul' : 'ol') : 'p';
    const previous = blocks.at(-1);
    if (!item && !line.trim()) {
      if (previous?.kind === 'p') blocks.push({ kind, lines: [] });
    } else if (previous?.kind === kind) previous.lines.push(item?.[2] ?? line);
    else blocks.push({ kind, lines: [item?.[2] ?? line] });
  }
  return blocks.filter((block) => block.lines.length);
}

/** The message text as Lit templates; plain text (the common case) stays one text node. */
export function renderFormatted(text: string): TemplateResult | typeof nothing {
  if (!text) return nothing;
  if (!/[*\n[]|https?:/i.test(text)) return html`<p>${text}</p>`;
  return html`${blocksOf(text).map(({ kind, lines }) => {
    if (kind === 'p')
      return html`<p>${lines.map((line, index) => [index ? html`<br />` : '', renderInline(line)])}</p>`;
    const items = lines.map((item) => html`<li>${renderInline(item)}</li>`);
    return kind === 'ul'
      ? html`<ul>
          ${items}
        </ul>`
      : html`<ol>
          ${items}
        </ol>`;
  })}`;
}
