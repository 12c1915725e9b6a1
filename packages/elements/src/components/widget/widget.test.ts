import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage, KefuError, type KefuBackend } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
import type { KefuWidget } from './widget.js';
import { defineElement } from '../../base/define.js';

function part(widget: KefuWidget, name: string): HTMLElement {
  const element = widget.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!element) throw new Error(`no part ${name}`);
  return element;
}

// Each test gets its own storage: what one test cached must not answer for the next.
const isolated = { storage: () => createMemoryStorage() };

async function renderWidget(backend: KefuBackend = createMemoryBackend({ latencyMs: 5 })) {
  const client = createKefu({ backend, ...isolated });
  const widget = await fixture<KefuWidget>(html`<kefu-widget locale="en" .client=${client}></kefu-widget>`);
  return { widget, client };
}

describe('<kefu-widget>', () => {
  it('opens the panel from the launcher and greets the shopper in the store’s name', async () => {
    const { widget } = await renderWidget();
    expect(part(widget, 'panel').hidden).to.equal(true);

    const opened = oneEvent(widget, 'kefu-open');
    part(widget, 'launcher').click();
    await opened;

    expect(part(widget, 'panel').hidden).to.equal(false);
    expect(part(widget, 'launcher').getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => part(widget, 'header').textContent?.includes('Maple & Moss'), 'brand name shown');
    expect(widget.shadowRoot!.querySelector('.body')!.textContent).to.contain('How can we help?');
  });

  it('moves focus into the panel, and Escape closes it with focus back on the launcher', async () => {
    const { widget } = await renderWidget();
    part(widget, 'launcher').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => widget.open, 'opened by keyboard');
    expect(widget.shadowRoot!.activeElement?.matches('.home-search input')).to.equal(true);

    const closed = oneEvent(widget, 'kefu-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(part(widget, 'panel').hidden).to.equal(true);
    expect(widget.shadowRoot!.activeElement).to.equal(part(widget, 'launcher'));
  });

  it('says so when the help centre cannot be reached, and tries again on request', async () => {
    let reachable = false;
    const memory = createMemoryBackend();
    const backend: KefuBackend = {
      ...memory,
      getConfig: (options) =>
        reachable ? memory.getConfig(options) : Promise.reject(new KefuError('network', 'offline')),
    };
    const { widget } = await renderWidget(backend);
    await widget.show();
    await waitUntil(() => widget.shadowRoot!.querySelector('[role="alert"]'), 'error shown');
    expect(widget.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not reach');

    reachable = true;
    widget.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!.click();
    await waitUntil(() => !widget.shadowRoot!.querySelector('[role="alert"]'), 'error gone');
    await waitUntil(() => part(widget, 'header').textContent?.includes('Maple & Moss'), 'brand name shown');
  });

  it('speaks Simplified Chinese when the locale asks for it', async () => {
    const client = createKefu({ backend: createMemoryBackend(), ...isolated });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="zh-CN" .client=${client}></kefu-widget>`);
    expect(part(widget, 'launcher').textContent!.trim()).to.equal('帮助');
  });

  it('passes axe-core’s accessibility checks closed and open', async () => {
    const { widget } = await renderWidget();
    await expect(widget).to.be.accessible();
    await widget.show();
    await waitUntil(() => part(widget, 'header').textContent?.includes('Maple & Moss'));
    await expect(widget).to.be.accessible();
  });

  it('tolerates being registered twice', () => {
    expect(() => defineElement('kefu-widget', class extends HTMLElement {})).not.to.throw();
    expect(customElements.get('kefu-widget')!.name).to.equal('KefuWidget');
  });
});
