import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage, manualNetworkStatus } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
import type { KefuWidget } from './widget.js';
import { readableTextOn } from '../../styles/contrast.js';

const part = (widget: KefuWidget, name: string) => widget.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

async function renderWidget(attributes: { locale?: string; theme?: 'light' | 'dark' } = {}) {
  const network = manualNetworkStatus(true);
  const client = createKefu({ backend: createMemoryBackend(), storage: () => createMemoryStorage(), network });
  const widget = await fixture<KefuWidget>(
    html`<kefu-widget
      locale=${attributes.locale ?? 'en'}
      theme=${attributes.theme ?? 'light'}
      .client=${client}
    ></kefu-widget>`,
  );
  return { widget, client, network };
}

async function openAndLoad(widget: KefuWidget) {
  await widget.show();
  await waitUntil(() => part(widget, 'header').textContent?.includes('Maple & Moss'), 'config loaded');
}

describe('<kefu-widget> on phones and desktops', () => {
  let tallPage: HTMLElement;
  beforeEach(() => {
    tallPage = document.createElement('div');
    tallPage.style.height = '3000px';
    document.body.prepend(tallPage);
  });
  afterEach(async () => {
    tallPage.remove();
    window.scrollTo(0, 0);
    await setViewport({ width: 1280, height: 800 });
  });

  it('floats beside the launcher on a desktop, and the page keeps scrolling', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { widget } = await renderWidget();
    await openAndLoad(widget);
    const panel = part(widget, 'panel').getBoundingClientRect();
    expect(panel.width).to.be.at.most(380);
    expect(document.body.style.position).to.equal('');
  });

  it('fills a phone’s screen, holds the page still, and puts it back exactly where it was', async () => {
    await setViewport({ width: 375, height: 667 });
    window.scrollTo(0, 1234);
    const { widget } = await renderWidget();
    await openAndLoad(widget);
    const panel = part(widget, 'panel').getBoundingClientRect();
    expect([panel.left, panel.top, panel.width, panel.height]).to.deep.equal([0, 0, 375, 667]);
    expect(document.body.style.position).to.equal('fixed');
    expect(part(widget, 'launcher').hidden, 'the close button replaces the launcher').to.equal(true);

    await widget.hide();
    expect(document.body.style.position).to.equal('');
    expect(window.scrollY).to.equal(1234);
  });

  it('keeps keyboard focus inside the full-screen panel', async () => {
    await setViewport({ width: 375, height: 667 });
    const { widget } = await renderWidget();
    await openAndLoad(widget);
    const root = widget.shadowRoot!;
    const panel = part(widget, 'panel');
    const search = root.querySelector('.home-search input');
    expect(root.activeElement, 'focus starts in the search box').to.equal(search);
    // Tab all the way round: focus never leaves the panel and comes back to where it started.
    const tabbable = [...panel.querySelectorAll<HTMLElement>('button:not([hidden]), input, select, a[href]')].length;
    for (let step = 0; step < tabbable; step += 1) {
      await sendKeys({ press: 'Tab' });
      expect(panel.contains(root.activeElement), `focus after Tab ${step + 1}`).to.equal(true);
    }
    expect(root.activeElement, 'round trip').to.equal(search);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(panel.contains(root.activeElement), 'focus after Shift+Tab').to.equal(true);
  });

  it('mirrors for Arabic and speaks Arabic', async () => {
    const { widget } = await renderWidget({ locale: 'ar' });
    expect(widget.dir).to.equal('rtl');
    expect(part(widget, 'launcher').textContent!.trim()).to.equal('المساعدة');
    // Right-to-left, the launcher's "end" corner is the left one.
    expect(widget.getBoundingClientRect().left).to.be.lessThan(window.innerWidth / 2);
  });

  it('says so when the shopper is offline', async () => {
    const { widget, network } = await renderWidget();
    await openAndLoad(widget);
    network.set(false);
    await waitUntil(() => widget.shadowRoot!.querySelector('.notice')?.textContent?.includes('offline'));
  });

  it('puts readable text on the store’s colour', () => {
    expect(readableTextOn('#1f6f5c')).to.equal('#ffffff');
    expect(readableTextOn('#ffd60a')).to.equal('#111418');
    expect(readableTextOn('#fff')).to.equal('#111418');
  });

  for (const [width, height] of [
    [375, 667],
    [1280, 800],
  ] as const) {
    for (const variant of [
      { theme: 'light' as const, locale: 'en' },
      { theme: 'dark' as const, locale: 'en' },
      { theme: 'light' as const, locale: 'ar' },
      { theme: 'dark' as const, locale: 'zh-CN' },
    ]) {
      it(`passes axe-core at ${width}px, ${variant.theme}, ${variant.locale}`, async () => {
        await setViewport({ width, height });
        const { widget } = await renderWidget(variant);
        await expect(widget).to.be.accessible();
        await openAndLoad(widget);
        await expect(widget).to.be.accessible();
      });
    }
  }
});
