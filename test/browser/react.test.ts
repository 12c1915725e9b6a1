// @kefu/react in Chromium, once on React 18 and once on React 19: the same tests, so a difference
// between the two shows. Each version's bundle and server-rendered page come from
// test/support/react-under-test.mjs (a web-test-runner plugin).
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage, type KefuClient } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import { createDemoOrders } from '@kefu/core/seed';
// The shared client's own module, not @kefu/elements' entry: that imports every element's class,
// and the tests below count which of Kefu's code the page has fetched.
import { setSharedClient, sharedClient } from '@kefu/elements/shared-client.js';
import type {
  KefuNavigateDetail,
  KefuChat as KefuChatElement,
  KefuOrderTracker as KefuOrderTrackerElement,
  KefuWidget as KefuWidgetElement,
} from '@kefu/elements';
import type * as ReactModule from 'react';
import type * as ReactDOMModule from 'react-dom';
import type * as ReactDOMClientModule from 'react-dom/client';
import type * as KefuReact from '@kefu/react';
import type * as StorefrontModule from '../support/react-storefront.js';

interface ReactUnderTest extends Pick<
  typeof StorefrontModule,
  'Storefront' | 'storefrontShopper' | 'storefrontPrechatFields'
> {
  readonly React: typeof ReactModule;
  readonly ReactDOM: typeof ReactDOMModule;
  readonly ReactDOMClient: typeof ReactDOMClientModule;
  readonly Kefu: typeof KefuReact;
}

interface ManifestElement {
  readonly name: string;
  readonly tagName: string;
  readonly events?: readonly { readonly name: string }[];
}

/** Every element the manifest documents: each has a generated wrapper. */
async function documentedElements(): Promise<ManifestElement[]> {
  const manifest = (await (await fetch('/packages/elements/custom-elements.json')).json()) as {
    modules: { declarations?: (ManifestElement & { customElement?: boolean })[] }[];
  };
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
  );
}

/** kefu-navigate → onKefuNavigate, as docs/react.md promises. */
const eventProp = (eventName: string) =>
  `on${eventName.replace(/(^|-)([a-z])/g, (_, __: string, letter: string) => letter.toUpperCase())}`;

const storefrontTags = [
  'kefu-order-tracker',
  'kefu-faq',
  'kefu-returns',
  'kefu-chat',
  'kefu-callback',
  'kefu-survey',
  'kefu-widget',
];

const demoOrder = createDemoOrders(new Date()).find((seed) => seed.order.number === 'MM-1004')!;

function memoryClient(): KefuClient {
  return createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage: () => createMemoryStorage() });
}

/** Looks an order up in the tracker as a shopper does: types the number and email, submits. */
function lookUpOrder(tracker: KefuOrderTrackerElement, orderNumber: string, email: string): void {
  const field = (name: string) => tracker.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  for (const [name, value] of [
    ['orderNumber', orderNumber],
    ['contact', email],
  ] as const) {
    field(name).focus();
    field(name).value = value;
    field(name).dispatchEvent(new Event('input', { bubbles: true }));
  }
  tracker.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The order summary the storefront's app code renders from useKefu(). */
const orderSummary = (container: HTMLElement) => text(container.querySelector('header p'));

const orderSummaryOnceLookedUp = `Order ${demoOrder.order.number}: ${demoOrder.order.status}`;

// First in the file: no component has rendered on this page yet.
describe('@kefu/react’s element modules', () => {
  /** The element modules (define/kefu-….js) this page has fetched. */
  const fetchedElements = () =>
    performance
      .getEntriesByType('resource')
      .map((entry) => /\/define\/(kefu-[a-z-]+)\.[jt]s/.exec(entry.name)?.[1])
      .filter((tag) => tag !== undefined)
      .sort();

  const reactBundle = '/__kefu-react/19/client.js';

  it('are imported when a component first renders, not with @kefu/react', async () => {
    // The page has loaded more modules than the default 250 entries hold.
    performance.setResourceTimingBufferSize(10_000);
    const { React, ReactDOM, ReactDOMClient, Kefu } = (await import(reactBundle)) as ReactUnderTest;
    expect(Kefu.KefuCallback, 'the package is loaded').to.exist;
    expect(storefrontTags.filter((tag) => customElements.get(tag))).to.deep.equal([], 'no element defined yet');
    expect(fetchedElements()).to.deep.equal([]);

    const container = document.createElement('div');
    document.body.append(container);
    const root = ReactDOMClient.createRoot(container);
    try {
      ReactDOM.flushSync(() => root.render(React.createElement(Kefu.KefuOrderTracker, { orderNumber: 'MM-1004' })));
      await customElements.whenDefined('kefu-order-tracker');
      const tracker = container.querySelector<KefuOrderTrackerElement>('kefu-order-tracker')!;
      // Lit takes over the properties set on the plain tag in its first update.
      await tracker.updateComplete;
      expect(tracker.orderNumber, 'set before the element upgraded, kept after').to.equal('MM-1004');
      expect(storefrontTags.filter((tag) => customElements.get(tag))).to.deep.equal(['kefu-order-tracker']);
      expect(fetchedElements()).to.deep.equal(['kefu-order-tracker']);
    } finally {
      root.unmount();
      container.remove();
    }
  });

  // Issue 30: <KefuWidget> costs the page the light launcher until the shopper shows intent, as
  // the script tag does; then the widget loads, takes the launcher's place and opens. These three
  // run in order on one widget: once defined, <kefu-widget> stays defined for the page's life.
  describe('<KefuWidget> in a provider, before and after the shopper’s intent', () => {
    let react: ReactUnderTest;
    let container: HTMLElement;
    let root: ReactDOMClientModule.Root;
    const opened: Event[] = [];
    /** Whether the page has fetched the widget's own code (its class, or its registration). */
    const fetchedWidget = () =>
      performance
        .getEntriesByType('resource')
        .some((entry) => /\/(components\/widget\/widget|define\/kefu-widget)\.[jt]s/.test(entry.name));
    const widget = () => container.querySelector<KefuWidgetElement>('kefu-widget')!;
    const lightLauncher = () => container.querySelector('kefu-launcher')?.shadowRoot?.querySelector('button');
    const centreOf = (element: Element): [number, number] => {
      const box = element.getBoundingClientRect();
      return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    };

    before(async () => {
      react = (await import(reactBundle)) as ReactUnderTest;
      container = document.createElement('div');
      document.body.append(container);
      root = react.ReactDOMClient.createRoot(container);
      const { React, ReactDOM, Kefu } = react;
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

    after(async () => {
      await sendMouse({ type: 'move', position: [0, 0] });
      root.unmount();
      container.remove();
      setSharedClient(undefined);
    });

    it('shows the launcher before any of the widget’s code is fetched, and no client is made', async () => {
      await waitUntil(() => lightLauncher(), 'the light launcher is drawn');
      expect(lightLauncher()!.textContent).to.equal('Help');
      expect(lightLauncher()!.getAttribute('aria-label')).to.equal('Open help');
      expect(lightLauncher()!.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(customElements.get('kefu-widget'), 'the widget is not defined').to.equal(undefined);
      expect(fetchedWidget(), 'no widget code fetched').to.equal(false);
      expect(sharedClient(), 'the provider made no client yet').to.equal(undefined);
    });

    it('fetches the widget’s code when the shopper points at the launcher, which stays in place', async () => {
      await sendMouse({ type: 'move', position: centreOf(lightLauncher()!) });
      await waitUntil(fetchedWidget, 'the widget’s code is fetched');
      // Pointing is not pressing: the launcher stays, never moving under the shopper's pointer.
      expect(customElements.get('kefu-widget')).to.equal(undefined);
      expect(lightLauncher()).to.exist;
    });

    it('opens the panel, focus inside, when the shopper clicks the launcher', async () => {
      await sendMouse({ type: 'click', position: centreOf(lightLauncher()!) });
      await waitUntil(() => opened.length === 1, 'the panel opened (kefu-open)');
      const element = widget();
      expect(element).to.be.instanceOf(customElements.get('kefu-widget')!);
      expect(element.open).to.equal(true);
      expect(container.querySelector('kefu-launcher'), 'the widget’s launcher took the light one’s place').to.equal(
        null,
      );
      expect(element.shadowRoot!.activeElement?.closest('.panel'), 'focus is inside the panel').to.exist;
      expect(sharedClient(), 'the provider made its client on intent').to.exist;
    });

    it('gives a widget rendered again later (another page of the app) its provider’s client at once', async () => {
      const first = sharedClient();
      const { React, ReactDOM, Kefu } = react;
      ReactDOM.flushSync(() => root.render(React.createElement('p', null, 'another page')));
      await waitUntil(() => sharedClient() === undefined, 'the first provider let its client go');
      const options = { storage: () => createMemoryStorage() };
      ReactDOM.flushSync(() =>
        root.render(React.createElement(Kefu.KefuProvider, { options }, React.createElement(Kefu.KefuWidget))),
      );
      // The widget's code is there: the tag is the widget at once, no light launcher, and it needs a client.
      expect(container.querySelector('kefu-launcher')).to.equal(null);
      await waitUntil(() => sharedClient() !== undefined, 'the new provider made its client');
      expect(sharedClient()).not.to.equal(first);
    });
  });
});

for (const version of [18, 19] as const) {
  describe(`@kefu/react on React ${version}`, () => {
    let react: ReactUnderTest;
    let h: typeof ReactModule.createElement;
    let container: HTMLElement;
    let client: KefuClient;
    let root: ReactDOMClientModule.Root | undefined;

    before(async () => {
      react = (await import(`/__kefu-react/${version}/client.js`)) as ReactUnderTest;
      h = react.React.createElement;
    });

    beforeEach(() => {
      container = document.createElement('div');
      document.body.append(container);
      client = memoryClient();
    });

    afterEach(() => {
      root?.unmount();
      root = undefined;
      container.remove();
      client.dispose();
      setSharedClient(undefined);
    });

    /** Renders (again) on the client, as an app without server rendering does, and waits for the commit. */
    function render(element: ReactModule.ReactElement): void {
      const clientRoot = (root ??= react.ReactDOMClient.createRoot(container));
      react.ReactDOM.flushSync(() => clientRoot.render(element));
    }

    it(`runs on React ${version}`, () => {
      expect(react.React.version.split('.')[0]).to.equal(String(version));
    });

    it('gives each element its typed properties, objects and arrays as they are, not as attributes', async () => {
      const launcher = document.createElement('button');
      const { Kefu, storefrontShopper, storefrontPrechatFields } = react;
      render(
        h(
          'div',
          null,
          h(Kefu.KefuOrderTracker, { client, orderNumber: 'MM-1004', timeZone: 'Europe/Paris' }),
          h(Kefu.KefuChat, { shopper: storefrontShopper, prechatFields: storefrontPrechatFields, longWaitMinutes: 7 }),
          h(Kefu.KefuWidget, { hostLauncher: launcher, position: 'start', open: false }),
        ),
      );

      const tracker = container.querySelector<KefuOrderTrackerElement>('kefu-order-tracker')!;
      const chat = container.querySelector<KefuChatElement>('kefu-chat')!;
      const widget = container.querySelector<KefuWidgetElement>('kefu-widget')!;
      // Each component imports its element when it first renders: the properties React set on the
      // plain tag are the element's once it upgrades.
      await Promise.all(
        ['kefu-order-tracker', 'kefu-chat', 'kefu-widget'].map((tag) => customElements.whenDefined(tag)),
      );
      await Promise.all([tracker, chat, widget].map((element) => element.updateComplete));
      expect(tracker).to.be.instanceOf(customElements.get('kefu-order-tracker')!);
      expect(tracker.client).to.equal(client);
      expect(tracker.orderNumber).to.equal('MM-1004');
      expect(tracker.timeZone).to.equal('Europe/Paris');
      expect(chat.shopper).to.equal(storefrontShopper);
      expect(chat.prechatFields).to.equal(storefrontPrechatFields);
      expect(chat.longWaitMinutes).to.equal(7);
      expect(widget.hostLauncher).to.equal(launcher);
      expect(widget.position).to.equal('start');
      for (const element of [tracker, chat, widget]) {
        expect(element.getAttributeNames().filter((name) => !['position', 'dir', 'lang'].includes(name))).to.deep.equal(
          [],
          `${element.localName} carries no attribute written by React`,
        );
      }
    });

    it('calls the on… prop of every event every element documents, and the latest one after a re-render', async () => {
      const elements = await documentedElements();
      expect(
        elements.map((element) => element.tagName),
        'the storefront (test/support/react-storefront.tsx) renders every documented element',
      ).to.have.members(storefrontTags);
      const heard: string[] = [];
      const tree = (round: string) =>
        h(
          'div',
          null,
          ...elements.map((element) => {
            const Wrapper = (react.Kefu as unknown as Record<string, ReactModule.ElementType>)[element.name];
            expect(Wrapper, `a wrapper for <${element.tagName}>`).to.exist;
            const handlers = Object.fromEntries(
              (element.events ?? []).map(({ name }) => [
                eventProp(name),
                (event: Event) => heard.push(`${round} ${element.tagName} ${event.type}`),
              ]),
            );
            return h(Wrapper!, { key: element.tagName, ...handlers });
          }),
        );
      const fireEveryEvent = () => {
        for (const element of elements) {
          for (const { name } of element.events ?? []) {
            container.querySelector(element.tagName)!.dispatchEvent(new CustomEvent(name, { detail: {} }));
          }
        }
      };
      const expected = (round: string) =>
        elements.flatMap((element) => (element.events ?? []).map(({ name }) => `${round} ${element.tagName} ${name}`));

      render(tree('first'));
      fireEveryEvent();
      expect(heard).to.deep.equal(expected('first'));

      heard.length = 0;
      render(tree('second'));
      fireEveryEvent();
      expect(heard).to.deep.equal(expected('second'));
    });

    it('takes back a property or a handler the app stops passing; other props are the tag’s', async () => {
      const heard: string[] = [];
      const tracker = () => container.querySelector<KefuOrderTrackerElement>('kefu-order-tracker')!;
      render(
        h(react.Kefu.KefuOrderTracker, {
          client,
          orderNumber: 'MM-1004',
          onKefuNavigate: (event: CustomEvent<KefuNavigateDetail>) => heard.push(event.detail.view),
          id: 'order-help',
          className: 'order-help',
          'aria-label': 'Order help',
        }),
      );
      await customElements.whenDefined('kefu-order-tracker');
      await tracker().updateComplete;
      tracker().dispatchEvent(new CustomEvent('kefu-navigate', { detail: { view: 'chat' } }));
      expect(heard).to.deep.equal(['chat']);
      expect(tracker().orderNumber).to.equal('MM-1004');
      expect([tracker().id, tracker().className, tracker().getAttribute('aria-label')]).to.deep.equal([
        'order-help',
        'order-help',
        'Order help',
      ]);

      render(h(react.Kefu.KefuOrderTracker, { client }));
      tracker().dispatchEvent(new CustomEvent('kefu-navigate', { detail: { view: 'faq' } }));
      expect(heard, 'the handler no longer passed is not called').to.deep.equal(['chat']);
      expect(tracker().orderNumber).to.equal(undefined);
      expect(tracker().client).to.equal(client);
      expect(tracker().hasAttribute('class')).to.equal(false);
    });

    it('re-renders useKefu() readers when the shopper looks up an order in the tracker', async () => {
      render(h(react.Storefront, { client }));
      expect(orderSummary(container)).to.equal('No order yet');
      expect(container.querySelector('header button')).to.have.property('disabled', false);

      const tracker = container.querySelector<KefuOrderTrackerElement>('kefu-order-tracker')!;
      await customElements.whenDefined('kefu-order-tracker');
      await tracker.updateComplete;
      lookUpOrder(tracker, demoOrder.order.number, demoOrder.email);
      await waitUntil(() => orderSummary(container) === orderSummaryOnceLookedUp, 'the app shows the order');
    });

    it('follows the page’s shared client when there is no provider, as a script tag sets it later', async () => {
      function ClientState() {
        const kefu = react.Kefu.useKefu();
        return h('output', null, kefu ? 'Kefu is here' : 'no Kefu yet');
      }
      render(h(ClientState));
      expect(text(container.querySelector('output'))).to.equal('no Kefu yet');

      setSharedClient(client);
      await waitUntil(() => text(container.querySelector('output')) === 'Kefu is here', 'the app sees the client');
    });

    describe('after server-side rendering', () => {
      let serverMarkup: string;
      let reactErrors: unknown[];
      let consoleError: typeof console.error;

      before(async () => {
        serverMarkup = await (await fetch(`/__kefu-react/${version}/storefront.txt`)).text();
      });

      beforeEach(() => {
        reactErrors = [];
        consoleError = console.error;
        // React reports hydration mismatches on console.error; they are failures here.
        console.error = (...args: unknown[]) => {
          reactErrors.push(args.map(String).join(' '));
          consoleError(...args);
        };
      });

      afterEach(() => {
        console.error = consoleError;
      });

      function hydrate(props: StorefrontModule.StorefrontProps): void {
        root = react.ReactDOMClient.hydrateRoot(container, h(react.Storefront, props), {
          onRecoverableError: (error: unknown) => reactErrors.push(error),
        });
      }

      it('is every element’s bare tag, and nothing that runs', () => {
        for (const tag of storefrontTags) expect(serverMarkup).to.include(`<${tag}></${tag}>`);
        expect(serverMarkup).not.to.match(/<script|<style|<link|\son[a-z]+=|javascript:/i);
      });

      it('hydrates without a mismatch, and the elements and the app come alive on the client', async () => {
        container.innerHTML = serverMarkup;
        const sentByServer = storefrontTags.map((tag) => container.querySelector(tag));
        const opened: Event[] = [];

        hydrate({ client, onHelpOpened: (event) => opened.push(event) });

        const askUs = container.querySelector<HTMLButtonElement>('header button')!;
        await waitUntil(() => !askUs.disabled, 'the app’s help button is enabled once Kefu runs');
        const chat = container.querySelector<KefuChatElement>('kefu-chat')!;
        await waitUntil(() => chat.shopper !== undefined, 'the chat got its properties');
        expect(chat.shopper).to.equal(react.storefrontShopper);
        expect(chat.longWaitMinutes).to.equal(7);
        expect(container.querySelector<KefuWidgetElement>('kefu-widget')!.position).to.equal('start');
        storefrontTags.forEach((tag, index) => {
          expect(container.querySelector(tag), `the <${tag}> the server sent, not a new one`).to.equal(
            sentByServer[index],
          );
        });

        askUs.click();
        await waitUntil(() => opened.length === 1, 'the app heard kefu-open');
        expect(opened[0]!.type).to.equal('kefu-open');

        const tracker = container.querySelector<KefuOrderTrackerElement>('kefu-order-tracker')!;
        lookUpOrder(tracker, demoOrder.order.number, demoOrder.email);
        await waitUntil(() => orderSummary(container) === orderSummaryOnceLookedUp, 'the app shows the order');
        expect(reactErrors).to.deep.equal([]);
      });
    });
  });
}
