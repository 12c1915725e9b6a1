// A keyboard user meets <KefuWidget>'s light launcher (issue 30), as a mouse user does in
// test/browser/react.test.ts, and the launcher speaks the provider's language: a file of its own,
// because once the widget has loaded it stays defined for the page's life, and these must start
// from the light launcher too.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryStorage } from '@kefu/core';
import { setSharedClient } from '@kefu/elements/shared-client.js';
import type { KefuWidget as KefuWidgetElement } from '@kefu/elements';
import type * as ReactModule from 'react';
import type * as ReactDOMModule from 'react-dom';
import type * as ReactDOMClientModule from 'react-dom/client';
import type * as KefuReact from '@kefu/react';

interface ReactUnderTest {
  readonly React: typeof ReactModule;
  readonly ReactDOM: typeof ReactDOMModule;
  readonly ReactDOMClient: typeof ReactDOMClientModule;
  readonly Kefu: typeof KefuReact;
}

/** Served by test/support/react-under-test.mjs (a web-test-runner plugin). */
const reactBundle = '/__kefu-react/19/client.js';

describe('<KefuWidget>’s light launcher', () => {
  it('speaks the provider’s language before the widget (and the client) exist', async () => {
    const { React, ReactDOM, ReactDOMClient, Kefu } = (await import(reactBundle)) as ReactUnderTest;
    const container = document.createElement('div');
    document.body.append(container);
    const root = ReactDOMClient.createRoot(container);
    try {
      ReactDOM.flushSync(() =>
        root.render(
          React.createElement(Kefu.KefuProvider, { options: { locale: 'ar' } }, React.createElement(Kefu.KefuWidget)),
        ),
      );
      await waitUntil(() => container.querySelector('kefu-launcher'), 'the light launcher is drawn');
      const button = container.querySelector('kefu-launcher')!.shadowRoot!.querySelector('button')!;
      expect(button.textContent).to.equal('المساعدة');
      expect(button.getAttribute('aria-label')).to.equal('فتح المساعدة');
      expect(container.querySelector('kefu-launcher')!.getAttribute('dir')).to.equal('rtl');
      expect(customElements.get('kefu-widget'), 'no widget code yet').to.equal(undefined);
    } finally {
      root.unmount();
      container.remove();
    }
  });
});

describe('<KefuWidget> for a keyboard user', () => {
  let container: HTMLElement;
  let root: ReactDOMClientModule.Root;
  const opened: Event[] = [];

  before(async () => {
    const { React, ReactDOM, ReactDOMClient, Kefu } = (await import(reactBundle)) as ReactUnderTest;
    container = document.createElement('div');
    document.body.append(container);
    root = ReactDOMClient.createRoot(container);
    const options = { storage: () => createMemoryStorage() };
    ReactDOM.flushSync(() =>
      root.render(
        React.createElement(
          Kefu.KefuProvider,
          { options },
          React.createElement(Kefu.KefuWidget, { onKefuOpen: (event: Event) => opened.push(event) }),
        ),
      ),
    );
  });

  after(() => {
    root.unmount();
    container.remove();
    setSharedClient(undefined);
  });

  it('reaches the launcher with Tab and opens the panel with Enter, focus inside', async () => {
    const launcher = () => container.querySelector('kefu-launcher')?.shadowRoot?.querySelector('button');
    await waitUntil(() => launcher(), 'the light launcher is drawn');
    expect(customElements.get('kefu-widget'), 'no widget code yet').to.equal(undefined);

    await sendKeys({ press: 'Tab' });
    expect(launcher()!.matches(':focus'), 'Tab reaches the launcher').to.equal(true);
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => opened.length === 1, 'the panel opened (kefu-open)');
    const widget = container.querySelector<KefuWidgetElement>('kefu-widget')!;
    expect(widget).to.be.instanceOf(customElements.get('kefu-widget')!);
    expect(widget.open).to.equal(true);
    expect(widget.shadowRoot!.activeElement?.closest('.panel'), 'focus is inside the panel').to.exist;

    // Escape closes it, and focus returns to the launcher: the widget's own, where the light one was.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !widget.open, 'the panel closed');
    await waitUntil(() => widget.shadowRoot!.activeElement?.matches('[part="launcher"]'), 'focus on the launcher');
  });
});
