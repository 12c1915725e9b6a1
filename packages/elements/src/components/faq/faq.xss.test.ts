import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage, manualPageLocation, type Article } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../../define/kefu-faq.js';
import type { KefuFaq } from './faq.js';
import { renderArticleBody, sanitizerKind } from './article-body.js';
import { xssVectors } from './xss-vectors.test-data.js';

/** The trap: every vector calls one of these if it ever runs. */
const fired: string[] = [];
const trap = window as unknown as Record<string, unknown>;
const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

const safeLinkProtocols = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const forbiddenElements = 'script, iframe, object, embed, form, style, base, meta, link, svg, math, template, noscript';

/** Everything a sanitized body must not contain, whichever sanitizer made it. */
function problemsIn(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name) || attribute.name === 'style' || attribute.name === 'srcdoc')
        problems.push(`${element.localName}[${attribute.name}]`);
      // Browsers ignore control characters and whitespace inside a URL's scheme (java\tscript:).
      // eslint-disable-next-line no-control-regex
      if (/^(javascript|data|vbscript):/i.test(attribute.value.replace(/[\s\u0000-\u001f]/g, '')))
        problems.push(`${element.localName}[${attribute.name}=${attribute.value}]`);
    }
  }
  for (const link of root.querySelectorAll('a[href]')) {
    const protocol = new URL(link.getAttribute('href')!, document.baseURI).protocol;
    if (!safeLinkProtocols.has(protocol)) problems.push(`a[href] with ${protocol}`);
  }
  for (const image of root.querySelectorAll('img')) {
    if (!/^https?:$/.test(new URL(image.getAttribute('src') ?? '', document.baseURI).protocol))
      problems.push('img with a non-http src');
  }
  if (root.querySelector(forbiddenElements))
    problems.push(`a forbidden element: ${root.querySelector(forbiddenElements)!.localName}`);
  return problems;
}

/** Runs `body` with `Element.prototype.setHTML` removed, as in a browser without the Sanitizer API. */
async function withoutSanitizerApi(body: () => Promise<void>) {
  const descriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'setHTML');
  delete (Element.prototype as { setHTML?: unknown }).setHTML;
  try {
    await body();
  } finally {
    if (descriptor) Object.defineProperty(Element.prototype, 'setHTML', descriptor);
  }
}

/**
 * Handlers a surviving vector could use fire a little after it is drawn (an image's error, a
 * details' toggle, an animation's start). Instead of sleeping, draws one unsanitized canary per
 * kind of event after the vectors, with a handler of the same kind: once every canary has fired,
 * a vector's handler of that kind, queued before it, would have fired too.
 */
async function afterHandlersHadTheirChance(): Promise<void> {
  const heard = new Set<string>();
  trap['__canary'] = (kind: string) => heard.add(kind);
  const canaries = document.createElement('div');
  canaries.innerHTML =
    '<img src="x:canary" onerror="__canary(\'error\')">' +
    '<details open ontoggle="__canary(\'toggle\')"><summary>canary</summary></details>' +
    '<b style="animation: kefu-canary 1ms" onanimationstart="__canary(\'animation\')">canary</b>' +
    '<style>@keyframes kefu-canary { to { opacity: 0.5 } }</style>';
  document.body.append(canaries);
  try {
    await waitUntil(() => heard.size === 3, `every canary fired (heard: ${[...heard].join(', ')})`, { timeout: 5000 });
  } finally {
    canaries.remove();
    delete trap['__canary'];
  }
}

function vectorArticles(): Article[] {
  return xssVectors.map((vector) => ({
    id: `xss-${vector.id}`,
    locale: 'en',
    category: 'shipping',
    title: `Shipping xss ${vector.html}`,
    tags: ['xss', vector.html],
    body: `<p>Shipping xss</p>${vector.html}<p><a href="https://elsewhere.example/page">elsewhere</a> <a href="/local">here</a></p>`,
    updatedAt: '2026-01-01T00:00:00Z',
  }));
}

describe('article HTML, titles and tags with 225 XSS vectors', () => {
  before(() => {
    expect(xssVectors.length).to.be.at.least(200);
    trap['__xss'] = (id: number) => fired.push(`vector ${id}`);
    window.alert = () => fired.push('alert');
    window.confirm = () => (fired.push('confirm'), false);
    window.prompt = () => (fired.push('prompt'), null);
  });
  after(() => {
    delete trap['__xss'];
    Object.assign(window, originals);
  });
  beforeEach(() => (fired.length = 0));

  it('the browser here has the Sanitizer API (the path most shoppers take)', () => {
    expect(sanitizerKind()).to.equal('sanitizer-api');
  });

  for (const path of ['sanitizer-api', 'dompurify'] as const) {
    it(`${path}: no vector runs and nothing dangerous survives`, async () => {
      const run = async () => {
        expect(sanitizerKind()).to.equal(path);
        const host = document.createElement('div');
        document.body.append(host);
        const containers = xssVectors.map(() => host.appendChild(document.createElement('div')));
        await Promise.all(xssVectors.map((vector, index) => renderArticleBody(containers[index]!, vector.html)));
        // onerror, ontoggle and onanimationstart handlers fire a little later.
        await afterHandlersHadTheirChance();
        const problems = xssVectors.flatMap((vector, index) =>
          problemsIn(containers[index]!).map((problem) => `#${vector.id} ${vector.html}: ${problem}`),
        );
        host.remove();
        expect(problems).to.deep.equal([]);
        expect(fired).to.deep.equal([]);
      };
      if (path === 'dompurify') await withoutSanitizerApi(run);
      else await run();
    });

    it(`${path}: links to other sites open in a new tab safely, images load lazily`, async () => {
      const run = async () => {
        const container = document.createElement('div');
        await renderArticleBody(
          container,
          `<p><a href="https://elsewhere.example/x" target="_self">out</a> <a href="${location.origin}/in" target="_blank">in</a>
           <a href="mailto:help@example.com">mail</a> <img src="https://images.example/a.png"> <img src="data:image/png;base64,AAAA"></p>`,
        );
        const [out, inside, mail] = container.querySelectorAll('a');
        expect(out!.target).to.equal('_blank');
        expect(out!.rel).to.equal('noopener noreferrer');
        expect(inside!.hasAttribute('target')).to.equal(false);
        expect(mail!.getAttribute('href')).to.equal('mailto:help@example.com');
        const images = container.querySelectorAll('img');
        expect(images.length).to.equal(1);
        expect(images[0]!.loading).to.equal('lazy');
      };
      if (path === 'dompurify') await withoutSanitizerApi(run);
      else await run();
    });

    it(`${path}: in <kefu-faq>, vectors in titles, tags and bodies run nothing`, async function () {
      this.timeout(30_000); // 225 articles opened one after the other
      const run = async () => {
        const client = createKefu({
          backend: createMemoryBackend({ latencyMs: 0, articles: vectorArticles() }),
          storage: () => createMemoryStorage(),
          locale: 'en',
          faq: { pageLocation: manualPageLocation('/') },
        });
        const element = await fixture<KefuFaq>(html`<kefu-faq .client=${client} locale="en"></kefu-faq>`);
        await waitUntil(() => client.faq.index.value.status === 'ready');
        element.query = 'xss shipping';
        await element.updateComplete;
        const root = element.shadowRoot!;
        expect(root.querySelectorAll('[role="option"]').length).to.be.above(0);
        expect(problemsIn(root)).to.deep.equal([]);
        for (const vector of xssVectors) {
          element.articleId = `xss-${vector.id}`;
          await element.updateComplete;
          await waitUntil(() => root.querySelector('.body p'), `article ${vector.id} rendered`);
          const problems = problemsIn(root.querySelector('.body')!);
          expect(problems, `#${vector.id} ${vector.html}`).to.deep.equal([]);
        }
        await afterHandlersHadTheirChance();
        expect(fired).to.deep.equal([]);
        client.dispose();
      };
      if (path === 'dompurify') await withoutSanitizerApi(run);
      else await run();
    });
  }
});
