/**
 * Markdown to HTML for help articles (decision 0021): the subset help-centre writers use —
 * headings, paragraphs, line breaks, bulleted and numbered lists (nested by indentation), block
 * quotes, fenced and indented code, rules, links, pictures, emphasis and code spans.
 *
 * Safe by construction: every character of the source reaches the output escaped, so raw HTML in
 * the Markdown shows as text, and a link or picture keeps its address only when it is http(s),
 * mailto, tel or relative (anything else, `javascript:` included, leaves just the words). The
 * widget sanitizes the article again when it shows it (elements' article-body.ts).
 *
 * Headings are moved down so that the highest one in the text becomes `<h3>`: the widget shows
 * the article's title above the body, and its allowlist has no `<h1>` or `<h2>`.
 */
export function markdownToHtml(source: string): string {
  // Our placeholders are private-use characters: none may come from the source.
  const lines = source
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .split('\n');
  const levels = lines.map((line) => ATX.exec(line)?.[1]?.length).filter((level) => level !== undefined);
  const top = levels.length === 0 ? 1 : Math.min(...levels);
  return renderBlocks(lines, top, 0).join('\n');
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^( {0,3})([-*+])( +|$)/;
const NUMBER = /^( {0,3})(\d{1,9})([.)])( +|$)/;
const QUOTE = /^ {0,3}> ?/;
const blank = (line: string) => line.trim() === '';

/** Quotes and lists nest at most this deep; deeper, their lines are text (and the stack stays small). */
const MAX_DEPTH = 16;

function renderBlocks(lines: readonly string[], top: number, depth: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (blank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) code.push(lines[i++] ?? '');
      i += 1;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.startsWith('    ')) {
      const code: string[] = [];
      while (i < lines.length && ((lines[i] ?? '').startsWith('    ') || blank(lines[i] ?? ''))) {
        code.push((lines[i] ?? '').slice(4));
        i += 1;
      }
      while (code.length > 0 && blank(code[code.length - 1] ?? '')) code.pop();
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = ATX.exec(line);
    if (heading) {
      const level = Math.min(6, 3 + (heading[1]?.length ?? 1) - top);
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      out.push('<hr>');
      i += 1;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const quoted: string[] = [];
      while (i < lines.length && !blank(lines[i] ?? '')) quoted.push((lines[i++] ?? '').replace(QUOTE, ''));
      out.push(`<blockquote>\n${renderBlocks(quoted, top, depth + 1).join('\n')}\n</blockquote>`);
      continue;
    }
    if ((BULLET.test(line) || NUMBER.test(line)) && depth < MAX_DEPTH) {
      i = renderList(lines, i, top, depth, out);
      continue;
    }
    const paragraph: string[] = [line];
    i += 1;
    while (i < lines.length && !blank(lines[i] ?? '') && !startsBlock(lines[i] ?? '')) paragraph.push(lines[i++] ?? '');
    out.push(`<p>${inline(paragraph.join('\n'))}</p>`);
  }
  return out;
}

/** A line that ends a paragraph by starting another block (an indented line does not). */
function startsBlock(line: string): boolean {
  return (
    FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || NUMBER.test(line)
  );
}

/** One list from `start`, its items' contents rendered as blocks; answers the line after it. */
function renderList(lines: readonly string[], start: number, top: number, depth: number, out: string[]): number {
  const first = lines[start] ?? '';
  const ordered = !BULLET.test(first);
  const items: string[][] = [];
  let loose = false;
  let i = start;
  let startNumber = 1;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const marker = ordered ? NUMBER.exec(line) : BULLET.exec(line);
    if (!marker) break;
    if (ordered && items.length === 0) startNumber = Number(marker[2]);
    // The item's content starts after the marker; lines indented at least that far (or at least
    // two spaces) belong to it, and so does a lazy line that continues its first paragraph.
    const width = marker[0].length;
    const content = [line.slice(width)];
    i += 1;
    let sawBlank = false;
    while (i < lines.length) {
      const next = lines[i] ?? '';
      if (blank(next)) {
        sawBlank = true;
        content.push('');
        i += 1;
        continue;
      }
      const indent = /^ */.exec(next)?.[0].length ?? 0;
      if (indent >= Math.min(width, 2)) {
        if (sawBlank) loose = true;
        content.push(next.slice(Math.min(indent, width)));
        sawBlank = false;
        i += 1;
        continue;
      }
      if (!sawBlank && !startsBlock(next)) {
        content.push(next);
        i += 1;
        continue;
      }
      break;
    }
    // Trailing blank lines are not the item's (its first line always is, blank or not).
    while (content.length > 1 && blank(content[content.length - 1] ?? '')) {
      content.pop();
      i -= 1;
    }
    // Blank lines between items make a loose list: its items' text is in paragraphs.
    while (i < lines.length && blank(lines[i] ?? '')) i += 1;
    const next = lines[i] ?? '';
    if (i < lines.length && (ordered ? NUMBER.test(next) : BULLET.test(next)) && blank(lines[i - 1] ?? ''))
      loose = true;
    items.push(content);
  }
  const tag = ordered ? 'ol' : 'ul';
  const open = ordered && startNumber !== 1 ? `<ol start="${startNumber}">` : `<${tag}>`;
  const rendered = items.map((content) => {
    const blocks = renderBlocks(content, top, depth + 1);
    // A tight list's item shows its text without a paragraph around it.
    const shown = loose ? blocks : blocks.map((block) => block.replace(/^<p>([\s\S]*)<\/p>$/, '$1'));
    return `<li>${shown.join('\n')}</li>`;
  });
  out.push(`${open}\n${rendered.join('\n')}\n</${tag}>`);
  return i;
}

// Every repetition in these is bounded, so a hostile text costs at most linear time times a
// constant: a link's words up to 1000 characters, its address and title up to 2000, a code span
// and an emphasis up to 1000 (longer ones stay text).
const LINK =
  /(!?)\[((?:[^[\]\\]|\\.|\[(?:[^[\]\\]|\\.){0,200}\]){0,1000})\]\(\s{0,20}<?((?:[^\s()<>\\]|\\.|\([^\s()]{0,200}\)){0,2000})>?(?:\s{1,20}(?:"([^"]{0,2000})"|'([^']{0,2000})'))?\s{0,20}\)/y;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^\s<>]+)>/iy;
const CODE_SPAN = /(`{1,10})([\s\S]{0,1000}?[^`])\1(?!`)/y;
const BACKTICKS = /`+/y;

/** `pattern` (sticky) matched at `index` of `text`, without copying the rest of the text. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>|~"']/;

/** Inline Markdown: escapes, code spans, links, pictures, emphasis and hard line breaks. */
function inline(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE001`;
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\\' && text[i + 1] === '\n') {
      plain += hold('<br>');
      i += 2;
      continue;
    }
    if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      plain += hold(escapeHtml(text[i + 1] ?? ''));
      i += 2;
      continue;
    }
    if (ch === '`') {
      const code = matchAt(CODE_SPAN, text, i);
      if (code) {
        plain += hold(`<code>${escapeHtml((code[2] ?? '').replace(/\n/g, ' ').trim() || ' ')}</code>`);
        i += code[0].length;
        continue;
      }
      // An unmatched run of backticks is text, all of it.
      const run = matchAt(BACKTICKS, text, i)?.[0] ?? '`';
      plain += run;
      i += run.length;
      continue;
    }
    if (ch === '<') {
      const auto = matchAt(AUTOLINK, text, i);
      if (auto) {
        const url = auto[1] ?? '';
        plain += hold(`<a href="${escapeHtml(url)}">${escapeHtml(url.replace(/^mailto:/i, ''))}</a>`);
        i += auto[0].length;
        continue;
      }
    }
    if (ch === '[' || (ch === '!' && text[i + 1] === '[')) {
      const link = matchAt(LINK, text, i);
      if (link) {
        const [whole, bang, label = '', rawUrl = '', doubleTitle, singleTitle] = link;
        const url = rawUrl.replace(/\\(.)/g, '$1');
        const title = doubleTitle ?? singleTitle;
        const titleAttr = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
        if (bang) {
          const alt = label.replace(/\\(.)/g, '$1');
          plain += hold(
            isSafeUrl(url, false)
              ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${titleAttr}>`
              : escapeHtml(alt),
          );
        } else {
          const words = inline(label);
          plain += hold(isSafeUrl(url, true) ? `<a href="${escapeHtml(url)}"${titleAttr}>${words}</a>` : words);
        }
        i += whole.length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  let html = emphasis(escapeHtml(plain));
  // Two spaces at a line's end break the line; any other line end joins the lines: with a space,
  // except next to Chinese or Japanese text, which has no spaces between words.
  html = html.replace(/ {2,}\n/g, hold('<br>')).replace(/[ \t]*\n[ \t]*/g, (gap, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + gap.length] ?? '';
    return CJK.test(before) || CJK.test(after) ? '' : ' ';
  });
  // Held pieces may hold others (a <br> inside a held link's words is already final HTML).
  return html.replace(/\uE000(\d+)\uE001/g, (_, index: string) => held[Number(index)] ?? '').trim();
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** `**strong**`, `__strong__`, `*em*` and `_em_` (underscores only around whole words). */
function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([\s\S]{0,1000}?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]{0,1000}?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/\*(?=[^\s*])([^*]{0,1000}?[^\s*])\*/g, '<em>$1</em>')
    .replace(/\*(?=[^\s*])([^*])\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]{0,1000}?[^\s_]|[^\s_])_(?!\w)/g, '$1<em>$2</em>');
}

/** http(s), mailto and (for links) tel addresses, and relative ones; never `javascript:` or `data:`. */
function isSafeUrl(url: string, link: boolean): boolean {
  // A control character in an address is never a writer's intent (browsers drop some of them).
  if ([...url].some((char) => char.charCodeAt(0) < 0x20)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return url !== '';
  return scheme === 'http' || scheme === 'https' || (link && (scheme === 'mailto' || scheme === 'tel'));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
