import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import {
  createHttpBackend,
  createKefu,
  createMemoryStorage,
  manualNetworkStatus,
  systemClock,
  type KefuBackend,
  type KefuClient,
  type KefuOptions,
} from '@kefu/core';
import { createMemoryBackend, createMemoryBackendWithControls } from '@kefu/core/memory';
import { createDemoOrders, type SeedOrder } from '@kefu/core/seed';
import { startMockServer } from '../../../../../test/support/msw.js';
import { createContractHandlers } from '../../../../../test/support/contract-handlers.js';
import '../../define/kefu-order-tracker.js';
import type { KefuOrderTracker } from './order-tracker.js';
import { orderTrackerMessages } from './order-tracker.messages.js';
import { zhCN } from './order-tracker.messages.zh-CN.js';
import { ar } from './order-tracker.messages.ar.js';
import { ar as lookupAr } from '../../forms/order-lookup.messages.ar.js';
import { zhCN as lookupZhCN } from '../../forms/order-lookup.messages.zh-CN.js';

/** The tracker's strings with the lookup form's. */
const en = orderTrackerMessages.en;
const seeds = createDemoOrders(new Date());
const seedOf = (number: string): SeedOrder => seeds.find((seed) => seed.order.number === number)!;
const apiBase = `${location.origin}/tracker-api/v1`;

function clientWith(options: Partial<KefuOptions> = {}): KefuClient {
  return createKefu({
    backend: createMemoryBackend({ latencyMs: 5 }),
    storage: () => createMemoryStorage(),
    ...options,
  });
}

async function renderTracker(client: KefuClient, locale = 'en') {
  return fixture<KefuOrderTracker>(
    html`<kefu-order-tracker locale=${locale} time-zone="Europe/Paris" .client=${client}></kefu-order-tracker>`,
  );
}

const $ = <T extends Element = HTMLElement>(tracker: KefuOrderTracker, selector: string): T | null =>
  tracker.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(tracker: KefuOrderTracker, selector: string): T[] => [
  ...tracker.shadowRoot!.querySelectorAll<T>(selector),
];
const textOf = (element: Element | null): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a field as a person does (focus, value, input event). */
function fill(tracker: KefuOrderTracker, name: string, value: string): void {
  const input = $<HTMLInputElement>(tracker, `input[name="${name}"]`)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Fills both fields (the second takes an email address or a postal code) and submits. */
function lookUp(tracker: KefuOrderTracker, orderNumber: string, detail: { email?: string; postalCode?: string }) {
  fill(tracker, 'orderNumber', orderNumber);
  fill(tracker, 'contact', detail.postalCode ?? detail.email ?? '');
  $<HTMLButtonElement>(tracker, 'button[type="submit"]')!.click();
}

async function shown(tracker: KefuOrderTracker, orderNumber: string) {
  await waitUntil(() => textOf($(tracker, '.order-heading')) === `Order ${orderNumber}`, `order ${orderNumber} shown`);
}

const expectedStep: Record<string, string | undefined> = {
  processing: 'Ordered',
  shipped: 'Shipped',
  partially_shipped: 'Shipped',
  out_for_delivery: 'Out for delivery',
  delivery_failed: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: undefined,
};

describe('<kefu-order-tracker>', () => {
  describe('every order in the demo store', () => {
    for (const seed of seeds) {
      const { order } = seed;
      it(`shows ${order.number} (${order.status}) with its status, progress, parcels and history`, async () => {
        const tracker = await renderTracker(clientWith());
        lookUp(tracker, order.number, { email: seed.email });
        await shown(tracker, order.number);

        expect(textOf($(tracker, '.status'))).to.equal(en.orderStatus[order.status]);
        const step = $(tracker, '[aria-current="step"]');
        if (expectedStep[order.status]) {
          expect(textOf(step?.querySelector('.label') ?? null)).to.equal(expectedStep[order.status]);
          expect(step?.closest('ol')?.getAttribute('aria-label')).to.equal(en.progress);
        } else {
          expect(step, 'a cancelled order has no progress line').to.equal(null);
        }

        const parcels = $$(tracker, '.shipment');
        expect(parcels.length).to.equal(order.shipments.length);
        order.shipments.forEach((shipment, index) => {
          const parcel = parcels[index]!;
          expect(textOf(parcel)).to.contain(shipment.carrier);
          expect(textOf(parcel.querySelector('.tracking-number'))).to.equal(shipment.trackingNumber);
          const link = parcel.querySelector<HTMLAnchorElement>('a.carrier-link')!;
          expect(link.href).to.equal(new URL(shipment.trackingUrl).href);
          expect(link.rel).to.equal('noopener noreferrer');
          expect(link.target).to.equal('_blank');
          expect(parcel.querySelectorAll('.items li').length).to.equal(shipment.items.length);
          // Newest first, every event with its place.
          const times = [...parcel.querySelectorAll('.timeline time')].map((time) =>
            Date.parse(time.getAttribute('datetime')!),
          );
          expect(times.length).to.equal(shipment.events.length);
          expect(times).to.deep.equal([...times].sort((a, b) => b - a));
          for (const event of shipment.events) if (event.location) expect(textOf(parcel)).to.contain(event.location);
          if (shipment.estimatedDelivery && shipment.status !== 'delivered') {
            expect(textOf(parcel)).to.contain(en.estimatedDelivery);
          }
          if (shipment.status === 'attempt_failed') expect(textOf(parcel)).to.contain(en.attemptFailedHelp);
        });

        // Items with lazily loaded pictures, named once: the name is written beside the picture, so
        // the picture is decorative (alt="") and a screen reader does not read the name twice.
        for (const image of $$<HTMLImageElement>(tracker, 'img')) {
          expect(image.loading).to.equal('lazy');
          expect(image.getAttribute('alt')).to.equal('');
          expect(image.closest('li')!.querySelector('.item-name')!.textContent!.trim()).to.not.equal('');
        }
        expect($$(tracker, '.items li').length).to.equal(order.items.length);

        // Only the masked email and address, never the full ones.
        const markup = tracker.shadowRoot!.innerHTML;
        expect(markup).to.not.contain(seed.email);
        expect(markup).to.contain(order.maskedEmail);
        expect(markup).to.contain(order.maskedAddress);
        // Carriers' own notes are shown as written (MM-1008's names the UPS Access Point's
        // address); the shopper's postal code appears nowhere else.
        const outsideCarrierNotes = [...tracker.shadowRoot!.querySelectorAll('.order > *')]
          .map((element) => (element.matches('.shipment') ? textOf(element.querySelector('.facts')) : textOf(element)))
          .join(' ');
        expect(outsideCarrierNotes).to.not.contain(seed.postalCode);
        expect([...tracker.shadowRoot!.querySelectorAll('input')].map((input) => input.value).join()).to.not.contain(
          seed.email,
        );

        const returnable = order.items.some((item) => item.returnableQuantity > 0);
        expect(textOf($(tracker, '[part="actions"]')).includes(en.startReturn)).to.equal(returnable);
        await expect(tracker).to.be.accessible();
      });
    }
  });

  it('gives an example number in the store’s format, never broken at its hyphen', async () => {
    for (const locale of ['en', 'zh-CN', 'ar']) {
      const tracker = await renderTracker(clientWith(), locale);
      // Once the store's settings have loaded (the demo store's numbers read MM-1001).
      const example = () => $(tracker, '#field-orderNumber-hint bdi.unbroken');
      await waitUntil(() => example()?.textContent === 'MM-1001', `${locale}: the example in the store’s format`);
      expect(getComputedStyle(example()!).whiteSpace).to.equal('nowrap');
    }
  });

  it('looks an order up by postal code, ignoring case and spaces', async () => {
    const tracker = await renderTracker(clientWith());
    lookUp(tracker, 'mm-1002', { postalCode: 'sw1a1aa' });
    await shown(tracker, 'MM-1002');
  });

  it('explains what is wrong with each field, next to it, before asking anyone', async () => {
    const tracker = await renderTracker(clientWith());
    $<HTMLButtonElement>(tracker, 'button[type="submit"]')!.click();
    await waitUntil(
      () => tracker.shadowRoot!.activeElement === $(tracker, '#field-orderNumber'),
      'first invalid field',
    );
    expect(textOf($(tracker, '#field-orderNumber-error'))).to.equal(en.orderNumberMissing);
    expect(textOf($(tracker, '#field-contact-error'))).to.equal(en.contactMissing);
    const number = $<HTMLInputElement>(tracker, '#field-orderNumber')!;
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    // The error first (what to do), then the hint.
    expect(number.getAttribute('aria-describedby')).to.equal('field-orderNumber-error field-orderNumber-hint');

    // Checked as typed from now on: an "@" makes it an email address, to be a whole one.
    fill(tracker, 'orderNumber', 'MM-1002');
    fill(tracker, 'contact', 'oliver.bennett@');
    await tracker.updateComplete;
    expect(textOf($(tracker, '#field-orderNumber-error'))).to.equal('');
    expect(number.getAttribute('aria-invalid')).to.equal('false');
    expect(number.getAttribute('aria-describedby')).to.equal('field-orderNumber-hint');
    expect(textOf($(tracker, '#field-contact-error'))).to.equal(en.contactInvalid);
    await expect(tracker).to.be.accessible();

    // The same field takes a postal code instead, and refuses what no postal code has.
    fill(tracker, 'contact', 'SW1A 1AA');
    await tracker.updateComplete;
    expect(textOf($(tracker, '#field-contact-error'))).to.equal('');
    fill(tracker, 'contact', 'SW1A/1AA');
    await tracker.updateComplete;
    expect(textOf($(tracker, '#field-contact-error'))).to.equal(en.contactInvalid);
    expect($<HTMLInputElement>(tracker, '#field-orderNumber')!.value).to.equal('MM-1002');
  });

  for (const typed of ['mm 1003', 'ＭＭ－１００３', '#MM-１００３', '1003']) {
    it(`finds MM-1003 when the shopper types "${typed}"`, async () => {
      const tracker = await renderTracker(clientWith());
      lookUp(tracker, typed, { postalCode: seedOf('MM-1003').postalCode });
      await shown(tracker, 'MM-1003');
    });
  }

  it('checks a field the shopper leaves with something in it, but not an empty one', async () => {
    const client = clientWith();
    const tracker = await renderTracker(client);
    await waitUntil(() => client.config.state.value.data, 'the store’s config, with its number format');
    // A letter O for a zero: no order number of the store's.
    fill(tracker, 'orderNumber', 'MM-10O2');
    $<HTMLInputElement>(tracker, '#field-contact')!.focus();
    await waitUntil(
      () => textOf($(tracker, '#field-orderNumber-error')) === en.orderNumberInvalid('MM-1001'),
      'checked on leaving',
    );
    $<HTMLInputElement>(tracker, '#field-orderNumber')!.focus();
    await tracker.updateComplete;
    expect(textOf($(tracker, '#field-contact-error'))).to.equal('');
  });

  it('gives one answer for an unknown number and a wrong email, and keeps what was typed', async () => {
    const tracker = await renderTracker(clientWith());
    lookUp(tracker, 'MM-9999', { email: 'ana.garcia@example.com' });
    await waitUntil(() => $(tracker, '[role="alert"]'), 'not found shown');
    const unknown = textOf($(tracker, '[role="alert"]'));
    expect(unknown).to.contain(en.notFound);

    lookUp(tracker, 'MM-1004', { email: 'someone.else@example.com' });
    await waitUntil(() => !$<HTMLButtonElement>(tracker, 'button[type="submit"]')!.disabled);
    await waitUntil(() => $(tracker, '[role="alert"]'));
    expect(textOf($(tracker, '[role="alert"]'))).to.equal(unknown);
    expect($<HTMLInputElement>(tracker, '#field-orderNumber')!.value).to.equal('MM-1004');
    expect($<HTMLInputElement>(tracker, '#field-contact')!.value).to.equal('someone.else@example.com');
    await expect(tracker).to.be.accessible();
  });

  describe('over HTTP', () => {
    let worker: SetupWorker;
    before(async () => {
      worker = await startMockServer();
    });
    after(() => worker.stop());

    it('says how long to wait after too many tries, from the server’s Retry-After', async () => {
      const memory = createMemoryBackendWithControls({ lookupLimit: 1 });
      const server = createContractHandlers(apiBase, memory.backend);
      worker.resetHandlers(...server);
      const tracker = await renderTracker(clientWith({ backend: createHttpBackend({ apiBase }) }));

      lookUp(tracker, 'MM-1002', { email: 'wrong@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(en.notFound));
      lookUp(tracker, 'MM-1002', { email: 'still.wrong@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes('Too many tries'));
      // The memory server makes the next try on the number wait 30 s after its one free failure.
      expect(textOf($(tracker, '[role="alert"]'))).to.equal(en.rateLimited('30 seconds'));
      expect($<HTMLInputElement>(tracker, '#field-contact')!.value).to.equal('still.wrong@example.com');
      await expect(tracker).to.be.accessible();

      // Asking again during the wait would only lengthen it: nothing is sent.
      $<HTMLButtonElement>(tracker, 'button[type="submit"]')!.click();
      await tracker.updateComplete;
      expect(textOf($(tracker, '[role="alert"]'))).to.equal(en.rateLimited('30 seconds'));
      // A lookup of another number, sent after that click, comes back: a request the click had sent
      // would have reached the server before it.
      const lookups = () => server.requests.filter((request) => request.path === '/orders/lookup').length;
      lookUp(tracker, 'MM-1001', { email: 'wrong@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(en.notFound), 'the later lookup answered');
      expect(lookups(), 'the two tries before the wait and the later lookup').to.equal(3);
      memory.controls.dispose();
    });

    it('sends the number the store’s way, warns before the last try, and never sends what is no number', async () => {
      const memory = createMemoryBackendWithControls({ lookupLimit: 2 });
      const sent: unknown[] = [];
      const server = createContractHandlers(apiBase, memory.backend);
      worker.resetHandlers(
        http.post(`${apiBase}/orders/lookup`, async ({ request }) => {
          sent.push(((await request.clone().json()) as { orderNumber: unknown }).orderNumber);
          return undefined;
        }),
        ...server,
      );
      const client = clientWith({ backend: createHttpBackend({ apiBase }) });
      const tracker = await renderTracker(client);
      await waitUntil(() => client.config.state.value.data, 'the store’s config, with its number format');

      lookUp(tracker, 'ｍｍ １００２', { email: 'wrong@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(en.notFound));
      expect(textOf($(tracker, '[role="alert"]'))).to.equal(`${en.notFound} ${en.oneTryLeft}`);
      expect(sent).to.deep.equal(['MM-1002']);
      await expect(tracker).to.be.accessible();

      // A typo in the number is the form's to catch: nothing is sent, no try is used.
      lookUp(tracker, 'MM-1OO2', { email: seedOf('MM-1002').email });
      await waitUntil(() => textOf($(tracker, '#field-orderNumber-error')) === en.orderNumberInvalid('MM-1001'));
      expect(sent).to.deep.equal(['MM-1002']);

      lookUp(tracker, 'mm1002', { email: seedOf('MM-1002').email });
      await shown(tracker, 'MM-1002');
      expect(sent).to.deep.equal(['MM-1002', 'MM-1002']);
      memory.controls.dispose();
    });

    it('says when the server failed, and tries again on request', async () => {
      const memory = createMemoryBackendWithControls();
      let failing = true;
      worker.resetHandlers(
        http.post(`${apiBase}/orders/lookup`, () =>
          failing ? HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }) : undefined,
        ),
        ...createContractHandlers(apiBase, memory.backend),
      );
      const tracker = await renderTracker(clientWith({ backend: createHttpBackend({ apiBase }) }));
      lookUp(tracker, 'MM-1009', { email: 'camille.dubois@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(en.serverError));
      await expect(tracker).to.be.accessible();

      failing = false;
      $<HTMLButtonElement>(tracker, '.retry')!.click();
      await shown(tracker, 'MM-1009');
      memory.controls.dispose();
    });
  });

  it('offline, does not send the lookup, keeps what was typed, and offers it again once online', async () => {
    const network = manualNetworkStatus(false);
    const tracker = await renderTracker(clientWith({ network }));
    lookUp(tracker, 'MM-1003', { email: 'lena.schmidt@example.com' });
    await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(en.offline));
    expect($(tracker, '.retry')).to.equal(null);
    expect($<HTMLInputElement>(tracker, '#field-orderNumber')!.value).to.equal('MM-1003');
    expect($<HTMLInputElement>(tracker, '#field-contact')!.value).to.equal('lena.schmidt@example.com');
    await expect(tracker).to.be.accessible();

    network.set(true);
    await waitUntil(() => $(tracker, '.retry'), 'retry offered once online');
    expect(textOf($(tracker, '[role="alert"]'))).to.contain(en.backOnline);
    $<HTMLButtonElement>(tracker, '.retry')!.click();
    await shown(tracker, 'MM-1003');
  });

  describe('coming back later', () => {
    const tenMinutes = 10 * 60_000;

    /** A first visit ten minutes ago that looked MM-1002 up, leaving it in `storage`. */
    async function earlierVisit(backend: KefuBackend) {
      const storage = createMemoryStorage();
      const earlier = createKefu({
        backend,
        storage: () => storage,
        clock: { ...systemClock, now: () => Date.now() - tenMinutes },
      });
      await earlier.activate();
      const seed = seedOf('MM-1002');
      await earlier.orders.lookup({ orderNumber: 'MM-1002', email: seed.email });
      earlier.dispose();
      return storage;
    }

    it('shows the last order at once from the cache, marked with its age, then refreshes it', async () => {
      const memory = createMemoryBackend();
      const storage = await earlierVisit(memory);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const backend: KefuBackend = {
        ...memory,
        getOrder: async (orderId, options) => {
          await held;
          return memory.getOrder(orderId, options);
        },
      };
      const client = createKefu({ backend, storage: () => storage });
      await client.activate();
      const tracker = await renderTracker(client);

      await shown(tracker, 'MM-1002');
      await waitUntil(() => textOf($(tracker, '.freshness')).includes(en.refreshing));
      expect(textOf($(tracker, '.freshness'))).to.contain('Updated 10 minutes ago');
      await expect(tracker).to.be.accessible();

      release();
      await waitUntil(() => textOf($(tracker, '.freshness')) === 'Updated now', 'refreshed');
    });

    it('offline, shows the cached order and refreshes it when the shopper is back online', async () => {
      const memory = createMemoryBackend();
      const storage = await earlierVisit(memory);
      const network = manualNetworkStatus(false);
      const client = createKefu({ backend: memory, storage: () => storage, network });
      await client.activate();
      const tracker = await renderTracker(client);
      await shown(tracker, 'MM-1002');
      expect(textOf($(tracker, '.freshness'))).to.equal('Updated 10 minutes ago');

      network.set(true);
      await waitUntil(() => textOf($(tracker, '.freshness')) === 'Updated now', 'refreshed once online');
    });
  });

  it('shows a signed-in shopper’s recent orders without typing anything', async () => {
    const client = clientWith({ identityToken: 'identity:cus_ana' });
    const tracker = await renderTracker(client);
    await waitUntil(() => $$(tracker, '.mine-order').length === 2, 'Ana’s two orders listed');
    expect(textOf($(tracker, '.mine'))).to.contain('MM-1004');
    expect(textOf($(tracker, '.mine'))).to.contain('MM-1001');
    await expect(tracker).to.be.accessible();
    $$<HTMLButtonElement>(tracker, '.mine-order')
      .find((button) => textOf(button).includes('MM-1004'))!
      .click();
    await shown(tracker, 'MM-1004');
  });

  it('lists the orders of whoever signs in later, and never the previous shopper’s', async () => {
    const client = clientWith();
    const tracker = await renderTracker(client);
    expect($(tracker, '.mine')).to.equal(null);
    client.session.identify('identity:cus_ana');
    await waitUntil(() => $$(tracker, '.mine-order').length === 2, 'Ana’s orders');
    client.session.identify('identity:cus_james');
    await waitUntil(() => textOf($(tracker, '.mine')).includes('MM-1005'), 'James’s order');
    expect(textOf($(tracker, '.mine'))).to.not.contain('MM-1004');
    client.session.identify(undefined);
    await waitUntil(() => $(tracker, '.mine') === null, 'signed out');
  });

  it('is used with the keyboard alone: look up, copy the tracking number, start a return', async () => {
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (writes.push(text), Promise.resolve()) },
    });
    const tracker = await renderTracker(clientWith());
    tracker.focus();
    await sendKeys({ type: 'MM-1003' });
    await sendKeys({ press: 'Tab' }); // the email or postal code field
    await sendKeys({ type: 'lena.schmidt@example.com' });
    await sendKeys({ press: 'Enter' });
    await shown(tracker, 'MM-1003');
    expect(tracker.shadowRoot!.activeElement).to.equal($(tracker, '.order-heading'));

    await sendKeys({ press: 'Tab' });
    expect(tracker.shadowRoot!.activeElement?.classList.contains('copy')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf($(tracker, '[role="status"]')) === en.copied, 'copy announced');
    expect(writes).to.deep.equal(['6A24819375402']);

    const navigated = oneEvent(tracker, 'kefu-navigate');
    const startReturn = $$<HTMLButtonElement>(tracker, '[part="actions"] button').find(
      (button) => textOf(button) === en.startReturn,
    )!;
    startReturn.focus();
    await sendKeys({ press: 'Enter' });
    const event = await navigated;
    expect(event.detail).to.deep.equal({ view: 'returns', orderNumber: 'MM-1003' });
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('hands chat and call-back requests on with the order number', async () => {
    const tracker = await renderTracker(clientWith());
    lookUp(tracker, 'MM-1008', { email: seedOf('MM-1008').email });
    await shown(tracker, 'MM-1008');
    const seen: unknown[] = [];
    tracker.addEventListener('kefu-navigate', (event) => {
      seen.push(event.detail);
      event.preventDefault();
    });
    for (const label of [en.chatAbout, en.callAbout]) {
      $$<HTMLButtonElement>(tracker, '[part="actions"] button')
        .find((button) => textOf(button) === label)!
        .click();
    }
    expect(seen).to.deep.equal([
      { view: 'chat', orderNumber: 'MM-1008' },
      { view: 'callback', orderNumber: 'MM-1008' },
    ]);
  });

  it('on a page with nobody to open returns, says so instead of doing nothing', async () => {
    const tracker = await renderTracker(clientWith());
    lookUp(tracker, 'MM-1004', { email: seedOf('MM-1004').email });
    await shown(tracker, 'MM-1004');
    $$<HTMLButtonElement>(tracker, '[part="actions"] button')
      .find((button) => textOf(button) === en.startReturn)!
      .click();
    await waitUntil(() => textOf($(tracker, '[role="status"]')) === en.notAvailableHere);
  });

  it('pre-fills the order number an order page passes', async () => {
    const client = clientWith();
    const tracker = await fixture<KefuOrderTracker>(
      html`<kefu-order-tracker locale="en" order-number="MM-1006" .client=${client}></kefu-order-tracker>`,
    );
    expect($<HTMLInputElement>(tracker, '#field-orderNumber')!.value).to.equal('MM-1006');
  });

  for (const { name, locale, theme, messages } of [
    { name: 'dark', locale: 'en', theme: 'dark', messages: en },
    { name: 'right-to-left Arabic', locale: 'ar', theme: 'light', messages: ar },
    { name: 'Chinese', locale: 'zh-CN', theme: 'light', messages: zhCN },
  ]) {
    it(`passes axe in ${name}, form and order`, async () => {
      const tracker = await renderTracker(clientWith(), locale);
      tracker.setAttribute('theme', theme);
      expect(textOf($(tracker, 'h2')), 'in the shopper’s language from the first paint').to.equal(messages.title);
      await expect(tracker).to.be.accessible();
      if (locale === 'ar') expect(tracker.dir).to.equal('rtl');
      lookUp(tracker, 'MM-1008', { email: seedOf('MM-1008').email });
      await waitUntil(() => $(tracker, '.order-heading'));
      expect(textOf($(tracker, '.status'))).to.equal(messages.orderStatus.delivery_failed);
      await expect(tracker).to.be.accessible();
    });
  }

  for (const [locale, lookup] of [
    ['ar', lookupAr],
    ['zh-CN', lookupZhCN],
  ] as const) {
    it(`warns before the last try in ${locale}`, async () => {
      const backend = createMemoryBackend({ latencyMs: 5, lookupLimit: 2 });
      const tracker = await renderTracker(clientWith({ backend }), locale);
      lookUp(tracker, 'MM-1008', { email: 'wrong@example.com' });
      await waitUntil(() => textOf($(tracker, '[role="alert"]')).includes(lookup.notFound));
      expect(textOf($(tracker, '[role="alert"]'))).to.equal(`${lookup.notFound} ${lookup.oneTryLeft}`);
      await expect(tracker).to.be.accessible();
    });
  }
});
