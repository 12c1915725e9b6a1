import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import {
  createHttpBackend,
  createKefu,
  createMemoryStorage,
  KefuError,
  manualNetworkStatus,
  type KefuBackend,
  type KefuClient,
  type KeyValueStorage,
  type NetworkStatus,
} from '@kefu/core';
import { createMemoryBackendWithControls } from '@kefu/core/memory';
import '../../define/kefu-returns.js';
import type { KefuReturns } from './returns.js';
import { returnsMessages } from './returns.messages.js';
import { ar } from './returns.messages.ar.js';
import { zhCN } from './returns.messages.zh-CN.js';
import type { ReturnsMessages } from './returns.messages.js';
import { startMockServer } from '../../../../../test/support/msw.js';
import { createContractHandlers } from '../../../../../test/support/contract-handlers.js';

const en = returnsMessages.en;
const apiBase = 'https://kefu.test/v1';

const emails: Readonly<Record<string, string>> = {
  'MM-1001': 'ana.garcia@example.com',
  'MM-1003': 'lena.schmidt@example.com',
  'MM-1004': 'ana.garcia@example.com',
  'MM-1005': 'james.walker@example.com',
  'MM-1006': 'priya.patel@example.com',
};

function $<T extends Element = HTMLElement>(element: KefuReturns, selector: string): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}
function must<T extends Element = HTMLElement>(element: KefuReturns, selector: string): T {
  const found = $<T>(element, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
const textOf = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const id = (key: string) => `#field-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface Setup {
  readonly backend?: KefuBackend;
  readonly storage?: KeyValueStorage;
  readonly network?: NetworkStatus;
  readonly locale?: string;
}

function clientWith(setup: Setup = {}): KefuClient {
  const storage = setup.storage ?? createMemoryStorage();
  return createKefu({
    backend: setup.backend ?? createMemoryBackendWithControls({ latencyMs: 5 }).backend,
    storage: () => storage,
    locale: setup.locale ?? 'en',
    ...(setup.network ? { network: setup.network } : {}),
  });
}

/** The client as the widget leaves it: activated, config loaded, the order looked up. */
async function lookedUp(client: KefuClient, orderNumber: string): Promise<void> {
  await client.activate();
  await client.config.load();
  const order = await client.orders.lookup({ orderNumber, email: emails[orderNumber]! });
  if (!order) throw new Error(`lookup of ${orderNumber} failed`);
}

async function renderReturns(client: KefuClient, orderNumber?: string, attributes: { theme?: string } = {}) {
  const element = await fixture<KefuReturns>(
    html`<kefu-returns
      .client=${client}
      .orderNumber=${orderNumber}
      theme=${attributes.theme ?? 'light'}
    ></kefu-returns>`,
  );
  await waitUntil(() => $(element, 'form, [part~="status"], [part~="review"]'), 'rendered');
  return element;
}

function choose(element: KefuReturns, selector: string, value: string): void {
  const select = must<HTMLSelectElement>(element, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(element: KefuReturns, selector: string, value: string): void {
  const input = must<HTMLInputElement | HTMLTextAreaElement>(element, selector);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

async function pickItem(element: KefuReturns, itemId: string) {
  must<HTMLInputElement>(element, id(`items.${itemId}.itemId`)).click();
  await waitUntil(() => $(element, id(`items.${itemId}.reason`)), 'line details shown');
}

async function pngPhoto(name = 'scratch.png'): Promise<File> {
  const canvas = new OffscreenCanvas(8, 8);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#a33';
  context.fillRect(0, 0, 8, 8);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

function attach(element: KefuReturns, itemId: string, file: File): void {
  const input = must<HTMLInputElement>(element, id(`items.${itemId}.photoIds`));
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function review(element: KefuReturns) {
  must<HTMLButtonElement>(element, 'form[part="form"] button[type="submit"]').click();
  await element.updateComplete;
}

function submitButton(element: KefuReturns): HTMLButtonElement {
  return must<HTMLButtonElement>(element, '[part~="review"] button.primary');
}

/** Counts what reached the backend: every createReturn with its idempotency key. */
function counting(backend: KefuBackend): { backend: KefuBackend; keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    backend: {
      ...backend,
      createReturn: (input, options) => {
        keys.push(options.idempotencyKey);
        return backend.createReturn(input, options);
      },
    },
  };
}

describe('<kefu-returns>', () => {
  describe('says which items can be returned, until when, or why not', () => {
    it('shows "return by" with the date counted from delivery for a returnable item', async () => {
      const client = clientWith();
      await lookedUp(client, 'MM-1004');
      const element = await renderReturns(client, 'MM-1004');
      const order = client.orders.current.value.data!;
      const deadline = new Date(order.items[0]!.returnDeadline!);
      const date = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long' }).format(deadline);
      expect(textOf(must(element, '[part~="item"]'))).to.contain(en.returnBy(date));
      await expect(element).to.be.accessible();
    });

    const cases = [
      ['final sale', 'MM-1006', 'item_1006_3', en.notReturnable.final_sale],
      ['already returned', 'MM-1006', 'item_1006_4', en.notReturnable.already_returned],
      ['window closed', 'MM-1005', 'item_1005_1', en.notReturnable.window_closed],
      ['not delivered yet', 'MM-1003', 'item_1003_3', en.notReturnable.not_delivered],
    ] as const;
    for (const [label, orderNumber, itemId, message] of cases) {
      it(`says why not: ${label}, with nothing to tick`, async () => {
        const client = clientWith();
        await lookedUp(client, orderNumber);
        const element = await renderReturns(client, orderNumber);
        const order = client.orders.current.value.data!;
        const index = order.items.findIndex((item) => item.id === itemId);
        const row = element.shadowRoot!.querySelectorAll('[part~="item"]')[index]!;
        expect(textOf(row)).to.contain(message);
        expect(row.querySelector('input[type="checkbox"]')).to.equal(null);
        await expect(element).to.be.accessible();
      });
    }
  });

  it('looks the order up itself when it is not the current one, then shows the form', async () => {
    const client = clientWith();
    await client.config.load();
    const element = await fixture<KefuReturns>(
      html`<kefu-returns .client=${client} order-number="MM-1004" theme="light"></kefu-returns>`,
    );
    await waitUntil(() => $(element, 'form[part="lookup"]'), 'lookup shown');
    expect(must<HTMLInputElement>(element, id('orderNumber')).value).to.equal('MM-1004');
    await expect(element).to.be.accessible();

    must<HTMLButtonElement>(element, 'form[part="lookup"] button').click();
    await waitUntil(() => textOf($(element, id('contact') + '-error')) === en.contactMissing, 'missing contact said');
    type(element, id('contact'), 'ana.garcia@example.com');
    must<HTMLButtonElement>(element, 'form[part="lookup"] button').click();
    await waitUntil(() => $(element, 'form[part="form"]'), 'return form shown');
    expect(textOf(must(element, 'h2'))).to.equal(en.titleForOrder('MM-1004'));
  });

  it('finds the order with a postal code in the same field, with the tracker’s answers, and forgets it after', async () => {
    const client = clientWith();
    await client.config.load();
    const element = await fixture<KefuReturns>(html`<kefu-returns .client=${client} theme="light"></kefu-returns>`);
    await waitUntil(() => $(element, 'form[part="lookup"]'), 'lookup shown');
    const submit = must<HTMLButtonElement>(element, 'form[part="lookup"] button[type="submit"]');

    // One answer for a wrong number and a wrong code: nothing says which orders exist.
    type(element, id('orderNumber'), 'MM-1004');
    type(element, id('contact'), '10115');
    submit.click();
    await waitUntil(() => textOf($(element, '[role="alert"]')) === en.notFound, 'not found said');
    expect(must<HTMLInputElement>(element, id('contact')).value).to.equal('10115');
    await expect(element).to.be.accessible();

    type(element, id('contact'), '75011');
    submit.click();
    await waitUntil(() => $(element, 'form[part="form"]'), 'return form shown');
    expect(element.shadowRoot!.activeElement).to.equal($(element, 'h2'));
    expect(element.shadowRoot!.innerHTML).to.not.contain('75011');
  });

  it('goes back to the lookup for another order, and keeps the first order’s draft for the way back', async () => {
    const client = clientWith();
    await lookedUp(client, 'MM-1003');
    const element = await renderReturns(client, 'MM-1003');
    await pickItem(element, 'item_1003_2');
    choose(element, id('items.item_1003_2.reason'), 'changed_mind');
    const another = () =>
      [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
        (button) => textOf(button) === en.anotherOrder,
      );
    expect(another(), 'the other-order action').to.not.equal(undefined);
    await expect(element).to.be.accessible();
    // The widget focuses the view: the heading still comes first, not the new action.
    element.focus();
    expect(element.shadowRoot!.activeElement === $(element, 'h2'), 'focus on the heading').to.equal(true);

    another()!.click();
    await waitUntil(() => $(element, 'form[part="lookup"]'), 'the lookup form again');
    const orderNumber = must<HTMLInputElement>(element, id('orderNumber'));
    expect(orderNumber.value, 'an empty field for the other number').to.equal('');
    await waitUntil(() => element.shadowRoot!.activeElement === orderNumber, 'focus on the order number');
    type(element, id('orderNumber'), 'MM-1004');
    type(element, id('contact'), emails['MM-1004']!);
    must<HTMLButtonElement>(element, 'form[part="lookup"] button[type="submit"]').click();
    await waitUntil(() => $(element, id('items.item_1004_1.itemId')), 'the other order’s items');
    expect(textOf(must(element, 'h2'))).to.equal(en.titleForOrder('MM-1004'));
    expect($(element, id('items.item_1003_2.itemId')), 'none of the first order’s').to.equal(null);

    another()!.click();
    await waitUntil(() => $(element, 'form[part="lookup"]'), 'the lookup form once more');
    type(element, id('orderNumber'), 'MM-1003');
    type(element, id('contact'), emails['MM-1003']!);
    must<HTMLButtonElement>(element, 'form[part="lookup"] button[type="submit"]').click();
    await waitUntil(() => $(element, id('items.item_1003_2.reason')), 'the first order’s draft, as left');
    expect(must<HTMLSelectElement>(element, id('items.item_1003_2.reason')).value).to.equal('changed_mind');
  });

  it('needs a photo for a reason that requires one, refuses a file that is not an image, then sends it', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const client = clientWith({ backend: memory.backend });
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');

    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'damaged');
    must<HTMLInputElement>(element, '#field-resolution').click();
    await element.updateComplete;
    expect(textOf(must(element, id('items.item_1004_2.photoIds') + '-hint'))).to.contain('Required');

    await review(element);
    await waitUntil(() => textOf($(element, id('items.item_1004_2.photoIds') + '-error')) === en.errors.photoIds);
    expect(element.shadowRoot!.activeElement?.id).to.equal(id('items.item_1004_2.photoIds').slice(1));
    await expect(element).to.be.accessible();

    // A text file named .png is refused by its content, before any upload.
    attach(element, 'item_1004_2', new File(['not a photo'], 'fake.png', { type: 'image/png' }));
    await waitUntil(() => textOf($(element, id('items.item_1004_2.photoIds') + '-problem')) === en.photoWrongType);

    attach(element, 'item_1004_2', await pngPhoto());
    await waitUntil(() => $(element, '.thumbnails img'), 'thumbnail shown');
    expect(must<HTMLImageElement>(element, '.thumbnails img').src).to.match(/^blob:/);
    expect(textOf($(element, id('items.item_1004_2.photoIds') + '-error'))).to.equal('');

    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');
    expect(textOf(must(element, '[part~="review"]'))).to.contain(en.reviewPhotos(1));
    await expect(element).to.be.accessible();
    submitButton(element).click();
    await waitUntil(() => textOf($(element, '[part~="status"]')).includes('RMA-'), 'RMA shown');
    const rma = /RMA-\d+/.exec(textOf(must(element, '[part~="status"]')))![0];
    const returnId = client.returns.draftSubmission.value!.result as { id: string };
    expect(memory.controls.returnRecord((returnId as { id: string }).id)?.items[0]?.photoIds).to.have.length(1);
    expect(textOf(must(element, '[part~="status"]'))).to.contain(en.rma(rma));
    await expect(element).to.be.accessible();
  });

  it('lets the shopper remove a photo again', async () => {
    const client = clientWith();
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    attach(element, 'item_1004_2', await pngPhoto());
    await waitUntil(() => $(element, '.thumbnails img'), 'thumbnail shown');
    must<HTMLButtonElement>(element, '.thumbnails .remove').click();
    await waitUntil(() => !$(element, '.thumbnails img'), 'thumbnail removed');
    expect(client.returns.draft.value!.lines['item_1004_2']!.photos).to.have.length(0);
  });

  it('offers the other variants for an exchange, out of stock ones disabled, and sends the one chosen', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const client = clientWith({ backend: memory.backend });
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');

    await pickItem(element, 'item_1004_1');
    choose(element, id('items.item_1004_1.reason'), 'too_small');
    must<HTMLInputElement>(element, '#resolution-exchange').click();
    await waitUntil(() => $(element, id('items.item_1004_1.exchangeVariantId')), 'variant choice shown');
    const options = [...must<HTMLSelectElement>(element, id('items.item_1004_1.exchangeVariantId')).options].filter(
      (option) => option.value,
    );
    expect(options.map((option) => option.textContent?.trim())).to.deep.equal([
      'Size XS / Oat',
      'Size S / Oat',
      'Size L / Oat',
      en.outOfStock('Size XL / Oat'),
    ]);
    expect(options.find((option) => option.value.endsWith('_xl'))!.disabled).to.equal(true);

    await review(element);
    await waitUntil(
      () => textOf($(element, id('items.item_1004_1.exchangeVariantId') + '-error')) === en.errors.exchangeVariantId,
    );
    await expect(element).to.be.accessible();

    choose(element, id('items.item_1004_1.exchangeVariantId'), 'var_washed_linen_shirt_oat_l');
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');
    expect(textOf(must(element, '[part~="review"]'))).to.contain(en.reviewExchange('Size L / Oat'));
    submitButton(element).click();
    await waitUntil(() => client.returns.draftSubmission.value?.status === 'sent', 'sent');
    const record = client.returns.draftSubmission.value!.result as { id: string };
    const stored = memory.controls.returnRecord(record.id)!;
    expect(stored.resolution).to.equal('exchange');
    expect(stored.items[0]!.exchangeVariantId).to.equal('var_washed_linen_shirt_oat_l');
  });

  it('never makes two returns from a double tap', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const counted = counting(memory.backend);
    const client = clientWith({ backend: counted.backend });
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#resolution-store_credit').click();
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');
    const button = submitButton(element);
    button.click();
    button.click();
    await waitUntil(() => client.returns.draftSubmission.value?.status === 'sent', 'sent');
    await client.outbox.flush({ ignoreBackoff: true });
    expect(counted.keys).to.have.length(1);
    expect(counted.keys[0]).to.equal(client.returns.draft.value!.submissionId);
  });

  describe('over HTTP', () => {
    let worker: SetupWorker;
    before(async () => {
      worker = await startMockServer();
    });
    after(() => worker.stop());

    it('shows the server’s validation errors next to their fields and keeps everything typed', async () => {
      const memory = createMemoryBackendWithControls({ latencyMs: 5 });
      let refuse = true;
      const created: string[] = [];
      worker.resetHandlers(
        http.post(`${apiBase}/returns`, ({ request }) => {
          created.push(request.headers.get('idempotency-key') ?? '');
          if (!refuse) return undefined;
          return HttpResponse.json(
            {
              error: {
                code: 'validation_failed',
                message: 'Some fields are not valid.',
                fields: { 'items.0.reason': 'Choose a reason from the list.', comment: 'Too long.' },
              },
            },
            { status: 422 },
          );
        }),
        ...createContractHandlers(apiBase, memory.backend),
      );
      const client = clientWith({ backend: createHttpBackend({ apiBase }) });
      await lookedUp(client, 'MM-1004');
      const element = await renderReturns(client, 'MM-1004');

      await pickItem(element, 'item_1004_2');
      choose(element, id('items.item_1004_2.reason'), 'wrong_dimensions');
      must<HTMLInputElement>(element, '#field-resolution').click();
      type(element, id('comment'), 'The stripes are wider than in the photo.');
      await review(element);
      await waitUntil(() => $(element, '[part~="review"]'), 'review shown');
      submitButton(element).click();

      await waitUntil(() => $(element, 'form[part="form"]') && textOf($(element, '.summary')) === en.fixErrors);
      expect(textOf(must(element, id('items.item_1004_2.reason') + '-error'))).to.equal(en.errors.reason);
      expect(textOf(must(element, id('comment') + '-error'))).to.equal(en.errors.comment);
      expect(must<HTMLSelectElement>(element, id('items.item_1004_2.reason')).getAttribute('aria-invalid')).to.equal(
        'true',
      );
      // Nothing the shopper chose or typed is lost.
      expect(must<HTMLSelectElement>(element, id('items.item_1004_2.reason')).value).to.equal('wrong_dimensions');
      expect(must<HTMLTextAreaElement>(element, id('comment')).value).to.equal(
        'The stripes are wider than in the photo.',
      );
      expect(must<HTMLInputElement>(element, '#field-resolution').checked).to.equal(true);
      await expect(element).to.be.accessible();

      // Changing the field clears its error; the corrected request goes under a new key.
      choose(element, id('items.item_1004_2.reason'), 'changed_mind');
      await element.updateComplete;
      expect(textOf($(element, id('items.item_1004_2.reason') + '-error'))).to.equal('');
      refuse = false;
      await review(element);
      await waitUntil(() => $(element, '[part~="review"]'), 'review shown again');
      submitButton(element).click();
      await waitUntil(() => textOf($(element, '[part~="status"]')).includes('RMA-'), 'RMA shown');
      expect(created).to.have.length(2);
      expect(created[0]).not.to.equal(created[1]);
    });
  });

  it('offline: saved, survives a reload, and once online exactly one return is made with one key', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const counted = counting(memory.backend);
    const storage = createMemoryStorage();
    const network = manualNetworkStatus(true);
    const first = clientWith({ backend: counted.backend, storage, network });
    await lookedUp(first, 'MM-1004');
    const element = await renderReturns(first, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#field-resolution').click();
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');

    network.set(false);
    submitButton(element).click();
    await waitUntil(() => textOf($(element, '[part~="status"]')) === en.savedOffline, 'saved offline');
    await expect(element).to.be.accessible();
    const key = first.returns.draft.value!.submissionId;
    element.remove();
    first.dispose();

    // The reload: a new client over the same storage, still offline.
    const second = clientWith({ backend: counted.backend, storage, network });
    await second.activate();
    await second.config.load();
    await second.orders.restoreLast();
    const reloaded = await renderReturns(second, 'MM-1004');
    await waitUntil(() => textOf($(reloaded, '[part~="status"]')) === en.savedOffline, 'still saved after reload');
    expect(counted.keys).to.have.length(0);

    network.set(true);
    await waitUntil(() => textOf($(reloaded, '[part~="status"]')).includes('RMA-'), 'RMA shown once online');
    await second.outbox.flush({ ignoreBackoff: true });
    expect(counted.keys).to.deep.equal([key]);
    await expect(reloaded).to.be.accessible();
    second.dispose();
  });

  it('says an item was already returned when another device returned it while the form was open', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const client = clientWith({ backend: memory.backend });
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#field-resolution').click();
    type(element, id('comment'), 'Not the colour I hoped for.');
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');

    // The same shopper, on their phone, returns the towels first.
    const phone = await memory.backend.lookupOrder({ orderNumber: 'MM-1004', email: emails['MM-1004']! });
    await memory.backend.createReturn(
      {
        orderId: phone.order.id,
        items: [{ itemId: 'item_1004_2', quantity: 1, reason: 'changed_mind', photoIds: [] }],
        resolution: 'store_credit',
      },
      { token: phone.accessToken, idempotencyKey: crypto.randomUUID() },
    );

    submitButton(element).click();
    await waitUntil(() => $(element, 'form[part="form"]') && textOf($(element, '.summary')) === en.fixErrors);
    expect(textOf(must(element, id('items.item_1004_2.itemId') + '-error'))).to.equal(
      en.notReturnable.already_returned,
    );
    expect(must<HTMLTextAreaElement>(element, id('comment')).value).to.equal('Not the colour I hoped for.');
    client.dispose();
  });

  it('online while the server is down: saved, says our service is not answering, not "offline", then sent once', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const counted = counting(memory.backend);
    let down = true;
    // What the HTTP adapter makes of the storefront's proxy answering 502 for a crashed server.
    const backend: KefuBackend = {
      ...counted.backend,
      createReturn: (input, options) =>
        down
          ? Promise.reject(new KefuError('server', '502 Bad Gateway', { status: 502 }))
          : counted.backend.createReturn(input, options),
    };
    const client = clientWith({ backend, network: manualNetworkStatus(true) });
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#field-resolution').click();
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'), 'review shown');

    submitButton(element).click();
    await waitUntil(
      () => textOf($(element, '[part~="status"]')) === en.savedRetrying,
      'told our service is not answering',
    );
    expect(client.returns.draftSubmission.value?.status).to.equal('pending');
    expect(counted.keys).to.have.length(0);

    down = false;
    await client.outbox.flush({ ignoreBackoff: true });
    await waitUntil(() => textOf($(element, '[part~="status"]')).includes('RMA-'), 'RMA shown once it answers');
    expect(counted.keys).to.deep.equal([client.returns.draft.value!.submissionId]);
    client.dispose();
  });

  it('keeps the draft across a reload, photos included', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const storage = createMemoryStorage();
    const first = clientWith({ backend: memory.backend, storage });
    await lookedUp(first, 'MM-1004');
    const element = await renderReturns(first, 'MM-1004');
    await pickItem(element, 'item_1004_2');
    choose(element, id('items.item_1004_2.reason'), 'damaged');
    attach(element, 'item_1004_2', await pngPhoto());
    await waitUntil(() => $(element, '.thumbnails img'), 'thumbnail shown');
    type(element, id('comment'), 'Half-typed');
    await first.returns.editDraft((draft) => draft); // waits for the writes before the "reload"
    element.remove();
    first.dispose();

    const second = clientWith({ backend: memory.backend, storage });
    await second.activate();
    await second.config.load();
    await second.orders.restoreLast();
    const reloaded = await renderReturns(second, 'MM-1004');
    await waitUntil(() => $(reloaded, id('items.item_1004_2.reason')), 'line restored');
    expect(must<HTMLSelectElement>(reloaded, id('items.item_1004_2.reason')).value).to.equal('damaged');
    expect(must<HTMLTextAreaElement>(reloaded, id('comment')).value).to.equal('Half-typed');
    await waitUntil(() => $(reloaded, '.thumbnails img'), 'thumbnail restored');
    second.dispose();
  });

  it('shows earlier returns: approved with the label link and its QR code, rejected with the reason', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const client = clientWith({ backend: memory.backend });
    await lookedUp(client, 'MM-1006');
    const element = await renderReturns(client, 'MM-1006');
    await waitUntil(() => $(element, '[part~="history"] a'), 'label link shown');
    const history = must(element, '[part~="history"]');
    expect(textOf(history)).to.contain('RMA-3001').and.to.contain(en.statusTag.approved);
    expect(must<HTMLAnchorElement>(element, '[part~="history"] a').href).to.equal(
      'https://maple-and-moss.example/returns/RMA-3001/label.pdf',
    );
    // The QR encoder loads on first need, not with the view.
    await waitUntil(() => $(element, '[part~="history"] svg[part="qr"]'), 'QR code drawn');
    const qr = must<SVGSVGElement>(element, '[part~="history"] svg[part="qr"]');
    expect(qr.getAttribute('aria-label')).to.equal(en.qrLabel('RMA-3001'));
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h1v1h-1z/);
    await expect(element).to.be.accessible();

    // A new return, rejected by the store: the shopper sees why.
    await pickItem(element, 'item_1006_1');
    choose(element, id('items.item_1006_1.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#field-resolution').click();
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'));
    submitButton(element).click();
    await waitUntil(() => client.returns.draftSubmission.value?.status === 'sent', 'sent');
    const sent = client.returns.draftSubmission.value!.result as { id: string };
    memory.controls.decideReturn(sent.id, { status: 'rejected', reason: 'The duvet cover was used.' });
    await client.orders.refresh();
    await client.returns.loadHistory(client.orders.current.value.data!);
    await waitUntil(() => textOf($(element, '[part~="history"]')).includes('The duvet cover was used.'));
    expect(textOf(must(element, '[part~="history"]'))).to.contain(en.statusTag.rejected);
  });

  it('heads a submitted return with its status as it changes, not "requested" forever', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5 });
    const client = clientWith({ backend: memory.backend });
    await lookedUp(client, 'MM-1006');
    const element = await renderReturns(client, 'MM-1006');
    await pickItem(element, 'item_1006_1');
    choose(element, id('items.item_1006_1.reason'), 'changed_mind');
    must<HTMLInputElement>(element, '#field-resolution').click();
    await review(element);
    await waitUntil(() => $(element, '[part~="review"]'));
    submitButton(element).click();
    await waitUntil(() => client.returns.draftSubmission.value?.status === 'sent', 'sent');
    const status = () => textOf($(element, '[part~="status"]'));
    await waitUntil(() => status().includes(en.statusTitle.requested), 'requested');
    expect(status()).to.contain(en.status.requested).and.contain(en.nextSteps);

    const sent = client.returns.draftSubmission.value!.result as { id: string };
    memory.controls.decideReturn(sent.id, {
      status: 'approved',
      labelUrl: 'https://maple-and-moss.example/returns/new/label.pdf',
    });
    await client.orders.refresh();
    await client.returns.loadHistory(client.orders.current.value.data!);
    await waitUntil(() => status().includes(en.statusTitle.approved), 'the headline follows the approval');
    expect(status()).to.contain(en.status.approved);
    expect(status()).to.not.contain(en.statusTitle.requested).and.not.contain(en.status.requested);
    expect(status(), 'no "we will email you when it is approved" once it is').to.not.contain(en.nextSteps);
  });

  it('works from the keyboard: tick, choose, review and submit', async () => {
    const client = clientWith();
    await lookedUp(client, 'MM-1004');
    const element = await renderReturns(client, 'MM-1004');
    must<HTMLInputElement>(element, id('items.item_1004_2.itemId')).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => $(element, id('items.item_1004_2.reason')), 'details shown');
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement?.id).to.equal(id('items.item_1004_2.reason').slice(1));
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(
      () => client.returns.draft.value?.lines['item_1004_2']?.reason === 'wrong_dimensions',
      'reason chosen',
    );
    must<HTMLInputElement>(element, '#field-resolution').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => client.returns.draft.value?.resolution === 'refund', 'resolution chosen');
    must<HTMLButtonElement>(element, 'form[part="form"] button[type="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'review-title', 'focus on the review');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf($(element, '[part~="status"]')).includes('RMA-'), 'RMA shown');
  });

  describe('looks right in every theme and direction', () => {
    for (const theme of ['light', 'dark']) {
      it(`passes axe on the filled form, ${theme}`, async () => {
        const client = clientWith();
        await lookedUp(client, 'MM-1006');
        const element = await renderReturns(client, 'MM-1006', { theme });
        await pickItem(element, 'item_1006_2');
        must<HTMLInputElement>(element, '#resolution-exchange').click();
        await review(element);
        await waitUntil(() => textOf($(element, '.summary')) === en.fixErrors);
        await expect(element).to.be.accessible();
      });
    }

    it('passes axe right to left, in Arabic, with every string translated', async () => {
      const client = clientWith({ locale: 'ar' });
      await lookedUp(client, 'MM-1006');
      const element = await renderReturns(client, 'MM-1006');
      expect(element.dir).to.equal('rtl');
      await pickItem(element, 'item_1006_2');
      expect(textOf(must(element, 'h2'))).to.equal(ar.titleForOrder('MM-1006'));
      expect(textOf(must(element, id('items.item_1006_2.reason')))).to.contain('غيّرت رأيي');
      // Napkins: the reasons of table linen, in Arabic; no clothing sizes.
      expect(textOf(must(element, id('items.item_1006_2.reason')))).to.contain('لا يناسب مقاس سريري أو طاولتي');
      expect(textOf(must(element, id('items.item_1006_2.reason')))).not.to.contain('المقاس صغير');
      await review(element);
      await expect(element).to.be.accessible();
    });

    it('labels reasons in Chinese from its catalogue', async () => {
      const client = clientWith({ locale: 'zh-CN' });
      await lookedUp(client, 'MM-1004');
      const element = await renderReturns(client, 'MM-1004');
      await pickItem(element, 'item_1004_1');
      expect(textOf(must(element, id('items.item_1004_1.reason')))).to.contain('尺码偏小');
      await pickItem(element, 'item_1004_2');
      expect(textOf(must(element, id('items.item_1004_2.reason')))).to.contain('与床或餐桌尺寸不符');
      expect(textOf(must(element, id('items.item_1004_2.reason')))).not.to.contain('尺码偏小');
      await expect(element).to.be.accessible();
    });

    it('offers the reasons of each item’s category: sizes for a shirt, none for a dinner plate', async () => {
      const client = clientWith();
      await lookedUp(client, 'MM-1003');
      const element = await renderReturns(client, 'MM-1003');
      await pickItem(element, 'item_1003_2');
      const reasons = (itemId: string) =>
        [...must<HTMLSelectElement>(element, id(`items.${itemId}.reason`)).options].map((option) => textOf(option));
      expect(reasons('item_1003_2')).to.deep.equal([
        en.chooseReason,
        'Not as described',
        'Arrived damaged',
        'Wrong item sent',
        'Changed my mind',
      ]);

      const shirtClient = clientWith();
      await lookedUp(shirtClient, 'MM-1004');
      const shirt = await renderReturns(shirtClient, 'MM-1004');
      await pickItem(shirt, 'item_1004_1');
      const shirtReasons = [...must<HTMLSelectElement>(shirt, id('items.item_1004_1.reason')).options].map((option) =>
        textOf(option),
      );
      expect(shirtReasons).to.include.members(['Too small', 'Too large']);
    });
  });
});

describe('<kefu-returns> promises an e-mail only where the store sends one (decision 0025)', () => {
  // What each language calls an e-mail: none of it may show where the store sends none.
  const languages: [string, ReturnsMessages, RegExp][] = [
    ['en', en, /e-?mail/i],
    ['zh-CN', zhCN, /邮件|邮箱/],
    ['ar', ar, /البريد/],
  ];
  for (const [locale, messages, emailWords] of languages) {
    for (const sendsMail of [false, true]) {
      const what = sendsMail ? 'says the decision comes by e-mail' : 'says where the decision will show, not by e-mail';
      it(`${what} where the store ${sendsMail ? 'sends' : 'sends no'} mail, in ${locale}`, async () => {
        const memory = createMemoryBackendWithControls({ latencyMs: 5, sendsMail });
        const client = clientWith({ backend: memory.backend, locale });
        await lookedUp(client, 'MM-1006');
        const element = await renderReturns(client, 'MM-1006');
        await pickItem(element, 'item_1006_1');
        choose(element, id('items.item_1006_1.reason'), 'changed_mind');
        must<HTMLInputElement>(element, '#field-resolution').click();
        await review(element);
        await waitUntil(() => $(element, '[part~="review"]'));
        submitButton(element).click();
        const status = () => textOf($(element, '[part~="status"]'));
        await waitUntil(() => status().includes(messages.statusTitle.requested), 'requested');
        if (sendsMail) {
          expect(status()).to.contain(messages.nextStepsByEmail);
          return;
        }
        expect(status()).to.contain(messages.nextSteps).and.not.match(emailWords);

        // What it says happens: approved later, the order found here again shows the decision and the label.
        const sent = client.returns.draftSubmission.value!.result as { id: string };
        const labelUrl = 'https://maple-and-moss.example/returns/later/label.pdf';
        memory.controls.decideReturn(sent.id, { status: 'approved', labelUrl });
        await client.orders.lookup({ orderNumber: 'MM-1006', email: emails['MM-1006']! });
        element.remove();
        const later = await renderReturns(client, 'MM-1006');
        await waitUntil(() => $(later, `[part~="history"] a[href="${labelUrl}"]`), 'the label, here');
      });
    }
  }
});
