// The docs cover the public API: every element, attribute, property and event in the manifest
// (analyzed afresh from the elements' JSDoc) is on the element's page that `npm run docs` writes,
// and every page is reachable from the site's elements index.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeElements } from '../../scripts/analyze.mjs';
import { elementDocs, elementsDocsDir } from '../../scripts/docs-elements.mjs';
import { customElements, isKefuEventName } from '../../scripts/manifest.mjs';

interface Named {
  readonly name: string;
  readonly description?: string;
  readonly privacy?: string;
  readonly static?: boolean;
  readonly kind?: string;
}
interface Element {
  readonly tagName: string;
  readonly name: string;
  readonly attributes?: readonly Named[];
  readonly members?: readonly Named[];
  readonly events?: readonly Named[];
  readonly slots?: readonly Named[];
  readonly cssParts?: readonly Named[];
  readonly cssProperties?: readonly Named[];
}

const docs = resolve(import.meta.dirname, '../../docs');

describe('the docs cover every element of the manifest', () => {
  let elements: readonly Element[];
  let pages: Record<string, string>;

  before(() => {
    const manifest = JSON.parse(analyzeElements());
    elements = customElements(manifest) as Element[];
    pages = elementDocs(manifest) as Record<string, string>;
  });

  const page = (tag: string) => pages[resolve(elementsDocsDir, `${tag}.md`)];
  const mentions = (text: string | undefined, name: string) => (text ?? '').includes(`\`${name}\``);

  it('finds the seven elements', () => {
    assert.deepEqual(
      elements.map((element) => element.tagName),
      ['kefu-callback', 'kefu-chat', 'kefu-faq', 'kefu-order-tracker', 'kefu-returns', 'kefu-survey', 'kefu-widget'],
    );
  });

  it('has a page for every element, linked from the elements index', () => {
    const index = pages[resolve(elementsDocsDir, 'index.md')];
    for (const { tagName } of elements) {
      assert.ok(page(tagName), `no page for <${tagName}>`);
      assert.ok(index?.includes(`(./${tagName}.md)`), `the elements index does not link <${tagName}>`);
    }
  });

  it('lists every attribute, public property, slot, part and CSS property on the element’s page', () => {
    const missing: string[] = [];
    for (const element of elements) {
      const text = page(element.tagName);
      const publicFields = (element.members ?? []).filter(
        (member) =>
          member.kind === 'field' &&
          !member.static &&
          !member.name.startsWith('#') &&
          member.privacy !== 'private' &&
          member.privacy !== 'protected',
      );
      const named = [
        ...(element.attributes ?? []).map((item) => ['attribute', item.name]),
        ...publicFields.map((item) => ['property', item.name]),
        ...(element.slots ?? []).filter((slot) => slot.name).map((item) => ['slot', item.name]),
        ...(element.cssParts ?? []).map((item) => ['part', item.name]),
        ...(element.cssProperties ?? []).map((item) => ['CSS property', item.name]),
        ['attribute', 'locale'],
        ['property', 'client'],
      ];
      for (const [kind, name] of named)
        if (!mentions(text, name!)) missing.push(`<${element.tagName}> ${kind} ${name}`);
    }
    assert.deepEqual(missing, []);
  });

  it('lists every event on the element’s page, kefu-navigate on every element, and names each kefu-…', () => {
    const missing: string[] = [];
    const misnamed: string[] = [];
    for (const element of elements) {
      const text = page(element.tagName);
      for (const event of element.events ?? []) {
        if (!isKefuEventName(event.name)) misnamed.push(`<${element.tagName}> "${event.name}"`);
        else if (!mentions(text, event.name)) missing.push(`<${element.tagName}> ${event.name}`);
      }
      if (!mentions(text, 'kefu-navigate')) missing.push(`<${element.tagName}> kefu-navigate`);
    }
    assert.deepEqual(missing, []);
    // An event that is not `kefu-…` is the analyzer reading `new CustomEvent(variable)` as an event:
    // document the real one with `@event kefu-…` (or rename the variable) in the element's JSDoc.
    assert.deepEqual(misnamed, [], 'events in custom-elements.json that are not Kefu event names');
  });

  it('describes every attribute and event (the JSDoc is the reference)', () => {
    const undescribed: string[] = [];
    for (const element of elements)
      for (const item of [...(element.attributes ?? []), ...(element.events ?? [])])
        if (isKefuEventName(item.name) || (element.attributes ?? []).includes(item))
          if (!item.description?.trim()) undescribed.push(`<${element.tagName}> ${item.name}`);
    assert.deepEqual(undescribed, []);
  });

  it('has the hand-written guides the site links to', () => {
    for (const path of [
      'index.md',
      'getting-started.md',
      'loader.md',
      'react.md',
      'vue.md',
      'demo.md',
      'theming.md',
      'localization.md',
      'offline.md',
      'security.md',
      'adapters.md',
      'api/http-contract.md',
      'core.md',
      'server.md',
    ])
      assert.ok(existsSync(resolve(docs, path)), `docs/${path} is missing`);
    const started = readFileSync(resolve(docs, 'getting-started.md'), 'utf8');
    for (const topic of ['## The script tag', '## npm', '## React', '## Vue'])
      assert.ok(started.includes(topic), `getting started has no "${topic}"`);
  });
});
