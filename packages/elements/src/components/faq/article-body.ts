/**
 * Article HTML from the help centre, made safe and put into the page. The browser's own Sanitizer
 * API (`Element.prototype.setHTML`) does it where it exists: no library to download, and it is not a
 * Trusted Types sink. Elsewhere DOMPurify, imported on first use (a vendor chunk of its own), returns
 * a DOM fragment. Both get the same strict allowlist, and then the same last pass over links and
 * images: only http(s), mailto and tel links survive (never javascript: or data:), links to other
 * sites open in a new tab without handing it `window.opener` or the referrer, images load lazily.
 *
 * Under Trusted Types enforcement DOMPurify needs its policy named `dompurify` to be allowed
 * (`trusted-types lit-html dompurify`); only browsers without the Sanitizer API take that path.
 */

const allowedElements = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
] as const;

const allowedAttributes = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'lang',
  'dir',
] as const;

const safeLinkProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const safeImageProtocols = new Set(['http:', 'https:']);

/** The Sanitizer API's configuration (the spec's dictionary form): nothing outside these lists. */
const sanitizerConfig = {
  elements: [...allowedElements],
  attributes: [...allowedAttributes],
  comments: false,
  dataAttributes: false,
};

/** Which sanitizer `renderArticleBody` uses in this browser. */
export function sanitizerKind(): 'sanitizer-api' | 'dompurify' {
  return typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function' ? 'sanitizer-api' : 'dompurify';
}

function parseUrl(value: string): URL | undefined {
  try {
    // Browsers drop tabs and newlines inside URLs (java\tscript:), and URL does the same.
    return new URL(value, document.baseURI);
  } catch {
    return undefined;
  }
}

/** The last pass, whichever sanitizer ran: URLs, new tabs, lazy images, nothing else slips through. */
function secure(root: ParentNode): void {
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      if (!(allowedAttributes as readonly string[]).includes(attribute.name)) element.removeAttribute(attribute.name);
    }
  }
  for (const link of root.querySelectorAll('a')) {
    const url = parseUrl(link.getAttribute('href') ?? '');
    if (!link.hasAttribute('href') || !url || !safeLinkProtocols.has(url.protocol)) {
      link.removeAttribute('href');
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
  }
  for (const image of root.querySelectorAll('img')) {
    const url = parseUrl(image.getAttribute('src') ?? '');
    if (!url || !safeImageProtocols.has(url.protocol)) {
      image.remove();
      continue;
    }
    image.loading = 'lazy';
    image.decoding = 'async';
    if (!image.hasAttribute('alt')) image.alt = '';
  }
}

async function withDomPurify(html: string): Promise<DocumentFragment> {
  const { default: DOMPurify } = await import('dompurify');
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [...allowedElements],
    ALLOWED_ATTR: [...allowedAttributes],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

/** Replaces `container`'s content with the sanitized `html`. */
export async function renderArticleBody(container: HTMLElement, html: string): Promise<void> {
  if (sanitizerKind() === 'sanitizer-api') {
    const target = container as HTMLElement & { setHTML(html: string, options: object): void };
    target.setHTML(html, { sanitizer: sanitizerConfig });
  } else {
    container.replaceChildren(await withDomPurify(html));
  }
  secure(container);
}
