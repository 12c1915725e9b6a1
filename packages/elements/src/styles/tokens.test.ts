import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../define/kefu-order-tracker.js';
import '../define/kefu-widget.js';

/**
 * Issue 20: on a phone in dark mode, the demo's inline <kefu-faq> and <kefu-order-tracker> turned
 * dark inside the page's white card, their text nearly invisible there. An element inline on a
 * page takes light or dark from the page's own `color-scheme`; the widget's panel, which paints
 * its own surface, follows the system on any page.
 */
describe('light and dark follow the page the element is on', () => {
  const client = () =>
    createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage: () => createMemoryStorage() });
  const colours = (element: Element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, text: style.color };
  };
  const light = { background: 'rgb(255, 255, 255)', text: 'rgb(28, 31, 35)' };
  const dark = { background: 'rgb(22, 25, 29)', text: 'rgb(238, 241, 244)' };

  beforeEach(() => emulateMedia({ colorScheme: 'dark' }));
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('stays light inline on a page that says color-scheme: light, whatever the system prefers', async () => {
    const page = await fixture(
      html`<div style="color-scheme: light"><kefu-order-tracker .client=${client()}></kefu-order-tracker></div>`,
    );
    expect(colours(page.querySelector('kefu-order-tracker')!)).to.deep.equal(light);
  });

  it('stays light inline on a page that says nothing of its colour scheme', async () => {
    const page = await fixture(html`<div><kefu-order-tracker .client=${client()}></kefu-order-tracker></div>`);
    expect(colours(page.querySelector('kefu-order-tracker')!)).to.deep.equal(light);
  });

  it('goes dark inline on a page that says color-scheme: light dark, and with theme="dark"', async () => {
    const page = await fixture(
      html`<div style="color-scheme: light dark"><kefu-order-tracker .client=${client()}></kefu-order-tracker></div>`,
    );
    expect(colours(page.querySelector('kefu-order-tracker')!)).to.deep.equal(dark);
    const forced = await fixture(html`<kefu-order-tracker theme="dark" .client=${client()}></kefu-order-tracker>`);
    expect(colours(forced)).to.deep.equal(dark);
  });

  it('follows the system in the widget’s panel, on a light page too, unless its theme is set', async () => {
    const page = await fixture(
      html`<div style="color-scheme: light"><kefu-widget .client=${client()}></kefu-widget></div>`,
    );
    const widget = page.querySelector('kefu-widget')!;
    expect(getComputedStyle(widget).getPropertyValue('color-scheme')).to.equal('light dark');
    expect(getComputedStyle(widget).color).to.equal(dark.text);
    widget.setAttribute('theme', 'light');
    expect(getComputedStyle(widget).color).to.equal(light.text);
  });
});
