import { html, nothing, type TemplateResult } from 'lit';

/**
 * A safe subset of formatting for chat text: `**bold**`, links (bare `https://…` or
 * `[label](https://…)`, http and https only), and lists (lines starting with `- `, `* ` or `1. `).
 * The text is parsed into Lit templates with text bindings only: nothing is ever parsed as HTML,
 * so `<script>` in a message is shown as the characters it is.
 */

type Inline =
  { kind: 'text'; text: string } | { kind: 'bold'; text: string } | { kind: 'link'; text: string; href: string };

type Block = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; ordered: boolean; items: string[] };

const bulletLine = /^\s*[-*•]\s+(.*)$/;
const numberedLine = /^\s*\d{1,3}[.)]\s+(.*)$/;
// A markdown link, bold, or a bare URL; the URL stops before trailing punctuation.
const inlinePattern =
  /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]+)\*\*|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/gi;

/** The URL if it is http(s) and parses; anything else (javascript:, data:) is refused. */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    const [whole, label, linkUrl, bold, bareUrl] = match;
    const href = safeHref(linkUrl ?? bareUrl ?? '');
    if (bold !== undefined) parts.push({ kind: 'bold', text: bold });
    else if (href) parts.push({ kind: 'link', text: label ?? bareUrl ?? href, href });
    else parts.push({ kind: 'text', text: whole });
    last = index + whole.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r?\n/)) {
    const bullet = bulletLine.exec(line);
    const numbered = bullet ? null : numberedLine.exec(line);
    const item = bullet?.[1] ?? numbered?.[1];
    const previous = blocks[blocks.length - 1];
    if (item !== undefined) {
      const ordered = numbered !== null;
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(item);
      else blocks.push({ kind: 'list', ordered, items: [item] });
    } else if (line.trim() === '') {
      // A blank line ends a paragraph.
      if (previous?.kind === 'paragraph' && previous.lines.length) blocks.push({ kind: 'paragraph', lines: [] });
    } else if (previous?.kind === 'paragraph') {
      previous.lines.push(line);
    } else {
      blocks.push({ kind: 'paragraph', lines: [line] });
    }
  }
  return blocks.filter((block) => block.kind === 'list' || block.lines.length > 0);
}

function renderInline(text: string): TemplateResult[] {
  return parseInline(text).map((part) =>
    part.kind === 'bold'
      ? html`<strong>${part.text}</strong>`
      : part.kind === 'link'
        ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>`
        : html`${part.text}`,
  );
}

/** The message text as Lit templates; plain text (the common case) stays one text node. */
export function renderFormatted(text: string): TemplateResult | typeof nothing {
  if (!text) return nothing;
  if (!/[*\n[]|https?:/i.test(text)) return html`<p>${text}</p>`;
  return html`${parseBlocks(text).map((block) =>
    block.kind === 'list'
      ? block.ordered
        ? html`<ol>
            ${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}
          </ol>`
        : html`<ul>
            ${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}
          </ul>`
      : html`<p>${block.lines.map((line, index) => html`${index ? html`<br />` : nothing}${renderInline(line)}`)}</p>`,
  )}`;
}
