// @kefu/vue in Chromium (issue 30): a page with the plugin and a <kefu-widget> shows the light
// launcher, makes no client and loads none of the widget's code until the shopper presses it;
// then the widget takes the launcher's place and opens, focus inside, on the plugin's client.
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createMemoryStorage } from '@kefu/core';
import { setSharedClient, sharedClient } from '@kefu/elements/shared-client.js';
import type { KefuWidget as KefuWidgetElement } from '@kefu/elements';
import type * as VueModule from 'vue';
import type * as KefuVue from '@kefu/vue';

describe('@kefu/vue with <kefu-widget>, before and after the shopper’s intent', () => {
  let container: HTMLElement;
  let app: VueModule.App;
  const opened: Event[] = [];
  const lightLauncher = () => container.querySelector('kefu-launcher')?.shadowRoot?.querySelector('button');

  before(async () => {
    // Vue's bundler build reads process.env.NODE_ENV and its feature flags, which a bundler
    // would have replaced; this page has no bundler.
    Object.assign(globalThis, {
      process: { env: { NODE_ENV: 'development' } },
      __VUE_OPTIONS_API__: true,
      __VUE_PROD_DEVTOOLS__: false,
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    });
    const { createApp, h } = (await import('vue')) as typeof VueModule;
    const { createKefuPlugin } = (await import('@kefu/vue')) as typeof KefuVue;
    container = document.createElement('div');
    document.body.append(container);
    app = createApp({ render: () => h('kefu-widget', { onKefuOpen: (event: Event) => opened.push(event) }) });
    app.use(createKefuPlugin({ storage: () => createMemoryStorage() }));
    app.mount(container);
  });

  after(async () => {
    await sendMouse({ type: 'move', position: [0, 0] });
    app.unmount();
    container.remove();
    setSharedClient(undefined);
  });

  it('shows the light launcher, with no widget defined and no client made', async () => {
    await waitUntil(() => lightLauncher(), 'the light launcher is drawn');
    expect(lightLauncher()!.textContent).to.equal('Help');
    expect(customElements.get('kefu-widget')).to.equal(undefined);
    expect(sharedClient()).to.equal(undefined);
  });

  it('opens the panel, focus inside, on the plugin’s client when the shopper clicks the launcher', async () => {
    const box = lightLauncher()!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await waitUntil(() => opened.length === 1, 'the panel opened (kefu-open)');
    const widget = container.querySelector<KefuWidgetElement>('kefu-widget')!;
    expect(widget).to.be.instanceOf(customElements.get('kefu-widget')!);
    expect(container.querySelector('kefu-launcher')).to.equal(null);
    expect(widget.shadowRoot!.activeElement?.closest('.panel'), 'focus is inside the panel').to.exist;
    expect(sharedClient(), 'the plugin made its client on intent').to.exist;
  });
});
