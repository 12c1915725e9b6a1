import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createKefu,
  createMemoryStorage,
  KefuError,
  manualNetworkStatus,
  systemClock,
  type Clock,
  type KefuBackend,
  type KefuClient,
  type KeyValueStorage,
} from '@kefu/core';
import { createMemoryBackendWithControls } from '@kefu/core/memory';
import '../../define/kefu-callback.js';
import type { KefuCallback } from './callback.js';

/** Friday 26 March 2027, 06:00 in Paris. The US changed clocks on the 14th, Paris changes on Sunday the 28th. */
const FRIDAY_BEFORE_PARIS_CHANGE = '2027-03-26T05:00:00Z';
/** Friday 12 March 2027, 06:00 in Paris. The US changes clocks on Sunday the 14th; Paris does not. */
const FRIDAY_BEFORE_US_CHANGE = '2027-03-12T05:00:00Z';

const clockAt = (iso: string): Clock => {
  const at = Date.parse(iso);
  return { now: () => at, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
};

interface Setup {
  readonly at?: string;
  readonly storage?: KeyValueStorage;
  readonly network?: ReturnType<typeof manualNetworkStatus>;
  readonly backend?: ReturnType<typeof createMemoryBackendWithControls>;
}

const clients: KefuClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

function setUp(options: Setup = {}) {
  const at = options.at ?? FRIDAY_BEFORE_PARIS_CHANGE;
  const memory = options.backend ?? createMemoryBackendWithControls({ latencyMs: 5, now: () => Date.parse(at) });
  const storage = options.storage ?? createMemoryStorage();
  const network = options.network ?? manualNetworkStatus(true);
  const client = createKefu({
    backend: memory.backend,
    storage: () => storage,
    network,
    clock: clockAt(at),
    locale: 'en',
  });
  clients.push(client);
  return { client, memory, storage, network };
}

async function mount(
  client: KefuClient,
  attributes: { locale?: string; timeZone?: string; theme?: string; orderNumber?: string; topic?: string } = {},
) {
  const el = await fixture<KefuCallback>(
    html`<kefu-callback
      .client=${client}
      locale=${attributes.locale ?? 'en-GB'}
      time-zone=${attributes.timeZone ?? 'Europe/Paris'}
      theme=${attributes.theme ?? 'light'}
      .orderNumber=${attributes.orderNumber}
      .topic=${attributes.topic}
    ></kefu-callback>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('input[name="slot"]'), 'the free times show', { timeout: 3000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: KefuCallback, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const text = (el: KefuCallback) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function chooseCountry(el: KefuCallback, code: string) {
  const select = $<HTMLSelectElement>(el, 'select[name="country"]');
  select.focus();
  select.value = code;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Types a number into the phone field as a shopper would, then leaves the field (Tab). */
async function typePhone(el: KefuCallback, typed: string) {
  const input = $<HTMLInputElement>(el, 'input[name="phone"]');
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: typed });
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
}

/** What the phone field says: its error when it has one, else its hint. */
const phoneMessage = (el: KefuCallback) =>
  $(el, '#field-phone-error').textContent!.trim() || $(el, '#field-phone-hint').textContent!.trim();

async function fillAndSubmit(el: KefuCallback, options: { slotIndex?: number; name?: string } = {}) {
  const name = $<HTMLInputElement>(el, 'input[name="name"]');
  name.focus();
  await sendKeys({ type: options.name ?? 'Ana Lima' });
  await chooseCountry(el, 'FR');
  await typePhone(el, '06 12 34 56 78');
  const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="slot"]');
  radios[options.slotIndex ?? 0]!.click();
  $<HTMLInputElement>(el, 'input[name="consent"]').click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
}

describe('<kefu-callback>', function () {
  // Typing with real key presses, waiting for the outbox: more than mocha's default 5 s.
  this.timeout(20_000);
  describe('phone numbers, as the shopper types them', () => {
    const valid: [country: string, typed: string, called: string][] = [
      ['CN', '138 1234 5678', '+86 138 1234 5678'], // Chinese mobile
      ['CN', '010 6552 9988', '+86 10 6552 9988'], // Beijing landline, with its trunk 0
      ['US', '(201) 555-0123', '+1 201 555 0123'],
      ['GB', '07911 123456', '+44 7911 123456'],
      ['DE', '030 12345678', '+49 30 12345678'],
      ['IN', '98765 43210', '+91 98765 43210'],
      ['FR', '06 12 34 56 78', '+33 6 12 34 56 78'],
      ['JP', '090-1234-5678', '+81 90 1234 5678'],
      ['BR', '(11) 91234-5678', '+55 11 91234 5678'],
      ['SA', '050 123 4567', '+966 50 123 4567'],
      ['AU', '0412 345 678', '+61 412 345 678'],
      ['ES', '612 34 56 78', '+34 612 34 56 78'],
    ];
    for (const [country, typed, called] of valid) {
      it(`takes ${typed} in ${country} and says it will call ${called}`, async () => {
        const { client } = setUp();
        const el = await mount(client);
        await chooseCountry(el, country);
        await typePhone(el, typed);
        expect(phoneMessage(el)).to.equal(`We will call ${called}.`);
        expect($(el, 'input[name="phone"]').getAttribute('aria-invalid')).to.equal('false');
      });
    }

    const wrong: [country: string, typed: string, message: string][] = [
      ['CN', '138 1234', 'This number looks incomplete: some digits are missing for China.'],
      ['CN', '138 1234 5678 9', 'This number has too many digits for China.'],
      ['US', '201 555 012', 'This number looks incomplete: some digits are missing for United States.'],
      ['US', '111 111 1111', 'This is not a valid phone number in United States. Check it, or choose another country.'],
      ['GB', '07911 1234', 'This number looks incomplete: some digits are missing for United Kingdom.'],
      ['DE', '030 123456789012345', 'This number has too many digits for Germany.'],
      ['IN', '98765', 'This number looks incomplete: some digits are missing for India.'],
      ['FR', 'call me', 'This is not a valid phone number in France. Check it, or choose another country.'],
    ];
    for (const [country, typed, message] of wrong) {
      it(`tells the shopper what is wrong with ${typed} in ${country}, keeping what they typed`, async () => {
        const { client } = setUp();
        const el = await mount(client);
        await chooseCountry(el, country);
        await typePhone(el, typed);
        expect(phoneMessage(el)).to.equal(message);
        const input = $<HTMLInputElement>(el, 'input[name="phone"]');
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(input.getAttribute('aria-describedby')).to.equal('field-phone-error field-phone-hint');
        expect(input.value).to.equal(typed);
      });
    }

    it('puts the country beside the number when there is room, the phone’s error above both', async () => {
      const { client } = setUp();
      const el = await mount(client);
      el.style.inlineSize = '40rem';
      await chooseCountry(el, 'US');
      await typePhone(el, '201 555 01');
      const box = (selector: string) => $(el, selector).getBoundingClientRect();
      const [countryLabel, phoneLabel] = [box('label[for="field-country"]'), box('label[for="field-phone"]')];
      const [country, phone, error] = [box('#field-country'), box('#field-phone'), box('#field-phone-error')];
      expect(phone.left, 'side by side').to.be.greaterThan(country.right);
      expect(phoneLabel.top).to.equal(countryLabel.top);
      expect(phone.top).to.equal(country.top);
      expect(error.bottom, 'above the controls').to.be.at.most(phone.top);
      expect([error.left, error.right], 'across both').to.deep.equal([country.left, phone.right]);

      el.style.inlineSize = '22rem';
      await waitUntil(() => box('#field-phone').top > box('#field-country').bottom, 'stacked on a phone');
    });

    it('takes a number typed with its own country code whatever the country chosen', async () => {
      const { client } = setUp();
      const el = await mount(client);
      await chooseCountry(el, 'US');
      await typePhone(el, '+86 138 1234 5678');
      expect(phoneMessage(el)).to.equal('We will call +86 138 1234 5678.');
    });

    it('is a tel field the browser can fill, with a country from the locale', async () => {
      const { client } = setUp();
      for (const [locale, country] of [
        ['zh-CN', 'CN'],
        ['ar', 'SA'],
        ['en', 'US'],
        ['en-GB', 'GB'],
        ['de-DE', 'DE'],
      ] as const) {
        const el = await mount(client, { locale });
        expect($<HTMLSelectElement>(el, 'select[name="country"]').value, locale).to.equal(country);
        const input = $<HTMLInputElement>(el, 'input[name="phone"]');
        expect([input.type, input.inputMode, input.autocomplete]).to.deep.equal(['tel', 'tel', 'tel-national']);
        expect($<HTMLSelectElement>(el, 'select[name="country"]').autocomplete).to.equal('tel-country-code');
      }
    });

    it('starts on the looked-up order’s shipping country, else the locale’s region, and stays editable', async () => {
      const { client } = setUp();
      const country = (el: KefuCallback) => $<HTMLSelectElement>(el, 'select[name="country"]').value;
      // No order: the page locale's region; a bare language keeps today's default.
      for (const [locale, expected] of [
        ['zh-CN', 'CN'],
        ['ar-EG', 'EG'],
        ['en', 'US'],
      ] as const) {
        expect(country(await mount(client, { locale })), locale).to.equal(expected);
      }
      // Lena's order MM-1003 goes to Berlin: an English (GB) page starts on Germany.
      const order = await client.orders.lookup({ orderNumber: 'MM-1003', email: 'lena.schmidt@example.com' });
      expect(order?.shippingCountry).to.equal('DE');
      const el = await mount(client, { locale: 'en-GB', orderNumber: 'MM-1003' });
      expect(country(el)).to.equal('DE');
      expect(country(await mount(client, { locale: 'ar-EG' })), 'about no order in particular').to.equal('DE');
      expect(country(await mount(client, { locale: 'en-GB', orderNumber: 'MM-1001' })), 'another order').to.equal('GB');
      // Editable: the shopper's choice wins, and the number is read in it.
      await chooseCountry(el, 'FR');
      await el.updateComplete;
      expect(country(el)).to.equal('FR');
      await typePhone(el, '06 12 34 56 78');
      expect(phoneMessage(el)).to.equal('We will call +33 6 12 34 56 78.');
    });

    it('names every missing field on submit and focuses the first', async () => {
      const { client } = setUp();
      const el = await mount(client);
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await el.updateComplete;
      await waitUntil(() => el.shadowRoot!.activeElement === $(el, 'input[name="name"]'));
      expect(text(el)).to.include('Enter your name.');
      expect(text(el)).to.include('Enter your phone number.');
      expect(text(el)).to.include('Choose a time.');
      expect(text(el)).to.include('Please agree to be called.');
      // Each error is above its control, first in its description, and drawn with no sign in the text.
      for (const name of ['name', 'phone', 'consent']) {
        const control = $<HTMLInputElement>(el, `input[name="${name}"]`);
        const error = $(el, `#field-${name}-error`);
        expect(control.id).to.equal(`field-${name}`);
        expect(control.getAttribute('aria-describedby')!.split(' ')[0]).to.equal(error.id);
        expect(error.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
        expect(error.textContent).to.not.include('⚠');
      }
      expect($(el, 'fieldset.slots').getAttribute('aria-describedby')).to.equal('field-slot-error zone-note');
      await expect(el).to.be.accessible();
    });
  });

  describe('free times, in the shopper’s timezone', () => {
    const timesOf = (el: KefuCallback) =>
      [...el.shadowRoot!.querySelectorAll('.time')].map((label) => label.textContent!.replace(/\s+/g, ' ').trim());

    async function chooseDay(el: KefuCallback, key: string) {
      const select = $<HTMLSelectElement>(el, 'select[name="day"]');
      select.value = key;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
    }

    it('keeps 09:00 in Paris across the store’s spring change, and says so in New York', async () => {
      const { client } = setUp({ at: FRIDAY_BEFORE_PARIS_CHANGE });
      const el = await mount(client, { timeZone: 'America/New_York' });
      // Friday: Paris is UTC+1, New York UTC-4 (it changed on the 14th): 09:00 in Paris is 04:00.
      expect(timesOf(el)[0]).to.match(/^04:00\s*–\s*04:30 your time · 09:00 in Paris$/);
      expect(text(el)).to.include('Times are in your timezone (New York).');
      // Weekend closed; Monday after Paris changed (UTC+2): 09:00 in Paris is 03:00 in New York.
      const days = [...$<HTMLSelectElement>(el, 'select[name="day"]').options].map((option) => option.value);
      expect(days.slice(0, 2)).to.deep.equal(['2027-03-26', '2027-03-29']);
      await chooseDay(el, '2027-03-29');
      expect(timesOf(el)[0]).to.match(/^03:00\s*–\s*03:30 your time · 09:00 in Paris$/);
      expect(timesOf(el).at(-1)).to.match(/^11:30\s*–\s*12:00 your time · 17:30 in Paris$/);
    });

    it('shows a shopper in Paris the store’s own times on both sides of the change, without a note', async () => {
      const { client } = setUp({ at: FRIDAY_BEFORE_PARIS_CHANGE });
      const el = await mount(client, { timeZone: 'Europe/Paris' });
      expect(timesOf(el)[0]).to.match(/^09:00\s*–\s*09:30$/);
      await chooseDay(el, '2027-03-29');
      expect(timesOf(el)[0]).to.match(/^09:00\s*–\s*09:30$/);
      expect(text(el)).not.to.include('in Paris');
    });

    it('moves the shopper’s times when their own clocks change, not the store’s', async () => {
      const { client } = setUp({ at: FRIDAY_BEFORE_US_CHANGE });
      const el = await mount(client, { timeZone: 'America/New_York' });
      // Friday 12th: New York is UTC-5, 09:00 in Paris (UTC+1) is 03:00.
      expect(timesOf(el)[0]).to.match(/^03:00\s*–\s*03:30 your time · 09:00 in Paris$/);
      // Monday 15th: New York is UTC-4 now, Paris still UTC+1: 09:00 in Paris is 04:00.
      await chooseDay(el, '2027-03-15');
      expect(timesOf(el)[0]).to.match(/^04:00\s*–\s*04:30 your time · 09:00 in Paris$/);
    });

    it('puts slots on the shopper’s own day, and offers the next free time in one tap', async () => {
      const { client } = setUp({ at: FRIDAY_BEFORE_PARIS_CHANGE });
      const el = await mount(client, { timeZone: 'Asia/Shanghai' });
      // 16:30 in Paris on Friday is 23:30 in Shanghai: still Friday there; nothing before 07:00Z + 1 h lead.
      const next = $<HTMLButtonElement>(el, 'button.next');
      expect(next.textContent!.replace(/\s+/g, ' ').trim()).to.match(
        /^Next available: Friday 26 March, 16:00\s*–\s*16:30 your time · 09:00 in Paris$/,
      );
      next.click();
      await el.updateComplete;
      expect(next.getAttribute('aria-pressed')).to.equal('true');
      expect($<HTMLInputElement>(el, 'input[name="slot"]:checked').value).to.equal('2027-03-26T08:00:00.000Z');
      await expect(el).to.be.accessible();
    });

    // The npm-start screenshots showed "Paris时间 11:30" and "12:00 م في Paris": a city in English.
    for (const [locale, store, shopper] of [
      ['zh-CN', /^16:00\s*–\s*16:30 您的时间 · 法国时间 09:00$/, '时间以您的时区（中国时间）显示。'],
      ['ar', /^4:00\s*–\s*4:30 م بتوقيتك · 9:00 ص \(توقيت فرنسا\)$/, 'الأوقات بتوقيتك (توقيت الصين).'],
    ] as const) {
      it(`names the store’s clock and the shopper’s in ${locale}, not in English`, async () => {
        const { client } = setUp({ at: FRIDAY_BEFORE_PARIS_CHANGE });
        const el = await mount(client, { locale, timeZone: 'Asia/Shanghai' });
        expect(timesOf(el)[0]).to.match(store);
        expect(text(el)).to.include(shopper);
        expect(text(el)).not.to.match(/Paris|Shanghai/);
      });
    }

    it('offers nothing inside the lead time or on a holiday', async () => {
      // Thursday 24 December 2026, 10:10 in Paris; Christmas is a holiday.
      const { client } = setUp({ at: '2026-12-24T09:10:00Z' });
      const el = await mount(client, { timeZone: 'Europe/Paris' });
      expect(timesOf(el)[0]).to.match(/^11:30\s*–\s*12:00$/);
      const days = [...$<HTMLSelectElement>(el, 'select[name="day"]').options].map((option) => option.value);
      expect(days).not.to.include('2026-12-25');
    });
  });

  describe('requesting a call', () => {
    it('books it, confirms it with a calendar file in UTC, and cancels it', async () => {
      const { client, memory } = setUp();
      const requested: CustomEvent[] = [];
      const el = await mount(client, { orderNumber: 'MM-1004', topic: 'Late delivery' });
      el.addEventListener('kefu-callback-requested', (event) => requested.push(event as CustomEvent));
      expect($<HTMLTextAreaElement>(el, 'textarea[name="topic"]').value).to.equal('Late delivery');
      expect(text(el)).to.include('About order MM-1004');
      await fillAndSubmit(el);
      await waitUntil(() => text(el).includes('Your call is booked'), 'booked', { timeout: 3000 });
      expect(text(el)).to.include('We will call you on Friday 26 March, 09:00');
      expect(requested).to.have.length(1);
      const [booked] = memory.controls.callbacks();
      expect(booked!.status).to.equal('scheduled');
      await expect(el).to.be.accessible();

      const link = $<HTMLAnchorElement>(el, 'a[download]');
      expect(link.href).to.match(/^blob:/);
      const ics = await (await fetch(link.href)).text();
      expect(ics).to.include('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
      expect(ics).to.include('DTSTART:20270326T080000Z\r\nDTEND:20270326T083000Z\r\n');
      expect(ics).to.include('SUMMARY:Call from ');
      expect(ics).to.include('DESCRIPTION:About: Late delivery\r\n');
      expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).to.equal(true);

      const cancel = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Cancel'))!;
      cancel.click();
      await waitUntil(() => text(el).includes('Your call is cancelled'), 'cancelled', { timeout: 3000 });
      expect(memory.controls.callbacks()[0]!.status).to.equal('cancelled');
      expect(client.callback.submissions.value).to.have.length(0); // the cancel token is forgotten
      await expect(el).to.be.accessible();
    });

    it('tells the shopper a time was just taken, shows the times still free, and keeps what they typed', async () => {
      const { client, memory } = setUp();
      const el = await mount(client);
      const first = $<HTMLInputElement>(el, 'input[name="slot"]').value;
      // Two other shoppers take the last places of that time while this one fills in the form.
      for (const name of ['Bo', 'Cy']) {
        await memory.backend.requestCallback(
          { name, phone: '+33612345670', slot: first, timezone: 'Europe/Paris', topic: '', consent: true },
          { idempotencyKey: crypto.randomUUID() },
        );
      }
      await fillAndSubmit(el, { slotIndex: 0 });
      await waitUntil(() => text(el).includes('That time was just taken'), 'taken', { timeout: 3000 });
      await waitUntil(
        () => !el.shadowRoot!.querySelector(`input[name="slot"][value="${first}"]`),
        'the fresh times no longer offer the taken one',
        { timeout: 3000 },
      );
      expect($<HTMLInputElement>(el, 'input[name="name"]').value).to.equal('Ana Lima');
      expect($<HTMLInputElement>(el, 'input[name="phone"]').value).to.equal('+33612345678');
      expect($<HTMLInputElement>(el, 'input[name="consent"]').checked).to.equal(true);
      await expect(el).to.be.accessible();

      el.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"]')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await waitUntil(() => text(el).includes('Your call is booked'), 'booked', { timeout: 3000 });
      expect(memory.controls.callbacks().filter((record) => record.status === 'scheduled')).to.have.length(3);
      expect(client.callback.submissions.value).to.have.length(1);
    });

    it('keeps the country the shopper chose after a time was just taken, and after a reload', async () => {
      const storage = createMemoryStorage();
      const { client, memory } = setUp({ storage });
      const el = await mount(client);
      const first = $<HTMLInputElement>(el, 'input[name="slot"]').value;
      for (const name of ['Bo', 'Cy']) {
        await memory.backend.requestCallback(
          { name, phone: '+33612345670', slot: first, timezone: 'Europe/Paris', topic: '', consent: true },
          { idempotencyKey: crypto.randomUUID() },
        );
      }
      // An en-GB page starts on the United Kingdom; the shopper picks France for their mobile.
      await fillAndSubmit(el, { slotIndex: 0 });
      await waitUntil(() => text(el).includes('That time was just taken'), 'taken', { timeout: 3000 });
      const country = (element: KefuCallback) => $<HTMLSelectElement>(element, 'select[name="country"]').value;
      expect(country(el)).to.equal('FR');
      expect(phoneMessage(el)).to.equal('We will call +33 6 12 34 56 78.');
      el.remove();
      client.dispose();

      // A reload: the form comes back from the failed request, on the number's country.
      const reloaded = setUp({ storage, backend: memory }).client;
      const again = await mount(reloaded);
      await reloaded.activate();
      await waitUntil(() => text(again).includes('That time was just taken'), 'taken, after the reload');
      expect(country(again)).to.equal('FR');
    });

    it('online while the server is down: says our service is not answering, then books it once', async () => {
      const memory = createMemoryBackendWithControls({
        latencyMs: 5,
        now: () => Date.parse(FRIDAY_BEFORE_PARIS_CHANGE),
      });
      let down = true;
      // What the HTTP adapter makes of the storefront's proxy answering 502 for a crashed server.
      const backend: KefuBackend = {
        ...memory.backend,
        requestCallback: (input, options) =>
          down
            ? Promise.reject(new KefuError('server', '502 Bad Gateway', { status: 502 }))
            : memory.backend.requestCallback(input, options),
      };
      const { client } = setUp({ backend: { ...memory, backend } });
      const el = await mount(client);
      await fillAndSubmit(el);
      await waitUntil(
        () => text(el).includes('Saved. Our service is not answering'),
        'told our service is not answering',
        { timeout: 3000 },
      );
      expect(text(el)).not.to.include('Sending your request');
      expect(text(el)).not.to.include('You are offline');
      expect(client.callback.submissions.value[0]?.status).to.equal('pending');
      expect(memory.controls.callbacks()).to.have.length(0);

      down = false;
      await client.outbox.flush({ ignoreBackoff: true });
      await waitUntil(() => text(el).includes('Your call is booked'), 'booked once it answers', { timeout: 3000 });
      await client.outbox.flush({ ignoreBackoff: true });
      expect(memory.controls.callbacks()).to.have.length(1);
    });

    it('says a name is too long, and the limit, before sending it', async () => {
      const { client, memory } = setUp();
      const el = await mount(client);
      // 201 characters: one more than the server takes.
      await fillAndSubmit(el, { name: `Ana ${'Maria '.repeat(31)}Lima Santos` });
      const name = $<HTMLInputElement>(el, 'input[name="name"]');
      expect(name.value.length).to.equal(201);
      await waitUntil(() => el.shadowRoot!.activeElement === name, 'the name is focused');
      expect($(el, '#field-name-error').textContent!.trim()).to.equal('Too long: 200 characters at most.');
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(client.callback.submissions.value).to.have.length(0);

      // One character fewer, and the message goes.
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect($(el, '#field-name-error').textContent!.trim()).to.equal('');
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await waitUntil(() => text(el).includes('Your call is booked'), 'booked', { timeout: 3000 });
      expect(memory.controls.callbacks()).to.have.length(1);
    });

    it('shows the server’s own reason when it refuses a name the form took', async () => {
      const memory = createMemoryBackendWithControls({
        latencyMs: 5,
        now: () => Date.parse(FRIDAY_BEFORE_PARIS_CHANGE),
      });
      // A store whose server keeps names shorter than the contract's 200 characters.
      const reason = 'Please keep the name under 20 characters.';
      const backend: KefuBackend = {
        ...memory.backend,
        requestCallback: (input, options) =>
          input.name.length > 20
            ? Promise.reject(
                new KefuError('validation', 'Please check the highlighted fields.', {
                  status: 422,
                  serverCode: 'validation_failed',
                  fields: { name: reason },
                }),
              )
            : memory.backend.requestCallback(input, options),
      };
      const { client } = setUp({ backend: { ...memory, backend } });
      const el = await mount(client);
      await fillAndSubmit(el, { name: 'Ana Maria Lima Santos' });
      await waitUntil(() => $(el, '#field-name-error')?.textContent!.trim() === reason, 'the server’s reason', {
        timeout: 3000,
      });
      expect($<HTMLInputElement>(el, 'input[name="name"]').value).to.equal('Ana Maria Lima Santos');
    });

    for (const [locale, said] of [
      ['zh-CN', '太长了：最多 200 个字符。'],
      ['ar', 'طويل جدًا: 200 حرف على الأكثر.'],
    ] as const) {
      it(`says in ${locale} that the server refused a name over 200 characters`, async () => {
        const { client } = setUp();
        await client.callback.loadSlots({ days: 7 });
        // Sent without the form's check (a request saved before it existed), refused by the server.
        const item = await client.callback.request({
          name: 'x'.repeat(201),
          phone: '+33612345678',
          slot: client.callback.slots.value.data![0]!.start,
          timezone: 'Europe/Paris',
          topic: '',
          consent: true,
        });
        await waitUntil(
          () => client.callback.submissions.value.find((candidate) => candidate.id === item?.id)?.status === 'failed',
          'refused',
        );
        const el = await mount(client, { locale });
        await waitUntil(() => $(el, '#field-name-error')?.textContent!.trim() === said, 'the reason, in ' + locale);
      });
    }

    it('saves a request made offline, and sends it once after a reload when back online', async () => {
      const storage = createMemoryStorage();
      const network = manualNetworkStatus(false);
      const first = setUp({ storage, network });
      const el = await mount(first.client);
      await fillAndSubmit(el);
      await waitUntil(() => text(el).includes('Saved. You are offline'), 'saved offline', { timeout: 3000 });
      expect(text(el)).to.include('Friday 26 March, 09:00');
      expect(first.memory.controls.callbacks()).to.have.length(0);
      await expect(el).to.be.accessible();
      el.remove();
      first.client.dispose();

      // A reload: a new client over the same storage, the same store behind it, the network back.
      network.set(true);
      const reloaded = setUp({ storage, network, backend: first.memory });
      const again = await mount(reloaded.client);
      await reloaded.client.activate();
      await waitUntil(() => text(again).includes('Your call is booked'), 'sent after the reload', { timeout: 5000 });
      await reloaded.client.outbox.flush({ ignoreBackoff: true });
      expect(first.memory.controls.callbacks()).to.have.length(1);
    });
  });

  describe('looks right everywhere', () => {
    for (const [theme, locale] of [
      ['light', 'en'],
      ['dark', 'en'],
      ['light', 'ar'],
      ['dark', 'zh-CN'],
    ] as const) {
      it(`passes axe in ${theme}, ${locale}`, async () => {
        const { client } = setUp();
        const el = await mount(client, { theme, locale, timeZone: 'Asia/Dubai' });
        if (locale === 'ar') expect(el.dir).to.equal('rtl');
        await typePhone(el, '12');
        await expect(el).to.be.accessible();
      });
    }
  });
});
