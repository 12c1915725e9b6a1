import { expect, waitUntil } from '@open-wc/testing';
import { createKefu, type KefuClient, type KefuOptions } from '../client.js';
import { createMemoryBackendWithControls, type MemoryBackendControls } from '../adapters/memory/memory-backend.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { manualNetworkStatus } from '../ports/network.js';
import type { Clock } from '../ports/clock.js';
import type { KefuBackend } from '../ports/backend.js';
import type { StoreConfig } from '../model/config.js';
import { demoStoreConfig } from '../seed/demo-store.js';

const day = 24 * 60 * 60 * 1000;
const ana = { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' };

/** A clock the test moves by hand; timers fire when it passes them. */
function fakeClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let current = start;
  let next = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => current,
    setTimeout(callback, ms) {
      next += 1;
      timers.set(next, { at: current + ms, callback });
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      current += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > current || !timers.has(id)) continue;
        timers.delete(id);
        timer.callback();
      }
    },
  };
}

/**
 * The prompt once the store has weighed everything it was told so far: the store takes one change
 * at a time, so an NPS asked now is decided after them. It is that NPS, unless an earlier survey
 * is still pending and due (a pending prompt comes before the ones asked after it).
 */
async function promptOnceWeighed(client: KefuClient) {
  expect(await client.survey.ask('nps')).to.equal('prompted');
  return client.survey.prompt.value;
}

/** One browser: its storage survives "reloads" (new clients); the server counts survey posts. */
function device(config: StoreConfig = demoStoreConfig) {
  const disk = createMemoryStorage();
  const network = manualNetworkStatus(true);
  const clock = fakeClock();
  const memory = createMemoryBackendWithControls({ config, latencyMs: 1, agentReplyDelayMs: 20 });
  let surveyPosts = 0;
  const backend: KefuBackend = {
    ...memory.backend,
    submitSurvey(input, options) {
      surveyPosts += 1;
      return memory.backend.submitSurvey(input, options);
    },
  };
  const clients: KefuClient[] = [];
  return {
    network,
    clock,
    controls: memory.controls as MemoryBackendControls,
    surveyPosts: () => surveyPosts,
    async open(options: Partial<KefuOptions> = {}) {
      const client = createKefu({ backend, storage: () => disk, network, clock, locale: 'en', ...options });
      clients.push(client);
      await client.activate();
      return client;
    },
    /** A visit before the shopper's first intent: storage not open yet. */
    openDeferred() {
      const client = createKefu({ backend, storage: () => disk, network, clock, locale: 'en' });
      clients.push(client);
      return client;
    },
    close() {
      for (const client of clients.splice(0)) client.dispose();
      memory.controls.dispose();
    },
  };
}

async function submitReturn(client: KefuClient) {
  const order = await client.orders.lookup(ana);
  const item = await client.returns.submit({
    orderId: order!.id,
    items: [{ itemId: order!.items[0]!.id, quantity: 1, reason: 'too_small', photoIds: [] }],
    resolution: 'refund',
  });
  return client.outbox.whenSettled(item.id);
}

describe('client.survey', () => {
  let phone: ReturnType<typeof device>;
  afterEach(() => phone.close());

  it('asks a CSAT about a chat once it has ended, and only once per conversation', async () => {
    phone = device();
    const client = await phone.open();
    const conversation = await client.chat.start({ name: 'Ana', email: ana.email, topic: 'Delivery' });
    expect(client.survey.prompt.value).to.equal(undefined);

    await client.chat.end();
    await waitUntil(() => client.survey.prompt.value, 'a survey after the chat ended');
    expect(client.survey.prompt.value).to.deep.include({
      kind: 'csat',
      trigger: 'chat_closed',
      subject: { type: 'conversation', id: conversation!.id },
    });

    await client.survey.answer({ kind: 'csat', score: 5, subject: { type: 'conversation', id: conversation!.id } });
    expect(client.survey.prompt.value).to.equal(undefined);
    const reloaded = await phone.open();
    expect(await reloaded.survey.ask('csat', { type: 'conversation', id: conversation!.id })).to.equal('asked-before');
    expect(reloaded.survey.prompt.value).to.equal(undefined);
  });

  it('asks a CES the configured delay after a return was sent', async () => {
    phone = device();
    const client = await phone.open();
    const sent = await submitReturn(client);
    expect(sent.status).to.equal('sent');
    const returnId = (sent.result as { id: string }).id;

    await waitUntil(
      async () => (await client.survey.statusOf('ces', { type: 'return', id: returnId })) === 'pending',
      'the CES due in 2 s',
    );
    expect(client.survey.prompt.value, 'not before the 2 s delay').to.equal(undefined);
    phone.clock.advance(2000);
    await waitUntil(() => client.survey.prompt.value, 'a CES once the delay passed');
    expect(client.survey.prompt.value).to.deep.include({ kind: 'ces', subject: { type: 'return', id: returnId } });

    // The same return seen again after a reload (it stays in the outbox for a day) asks nothing new.
    await client.survey.answer({ kind: 'ces', score: 6, subject: { type: 'return', id: returnId } });
    const reloaded = await phone.open();
    await waitUntil(() => reloaded.returns.submissions.value.length === 1, 'the sent return restored');
    phone.clock.advance(5000);
    expect((await promptOnceWeighed(reloaded))?.kind, 'no CES again').to.equal('nps');
  });

  it('asks about a callback once its slot is over, also on a later visit', async () => {
    phone = device();
    const client = await phone.open();
    await client.callback.loadSlots({ from: new Date(phone.clock.now()).toISOString(), days: 7 });
    const slot = client.callback.slots.value.data!.find((candidate) => candidate.remaining > 0)!;
    const item = await client.callback.request({
      name: 'Ana',
      phone: '+33612345678',
      slot: slot.start,
      timezone: 'Europe/Paris',
      topic: 'Delivery',
      consent: true,
    });
    const sent = await client.outbox.whenSettled(item!.id);
    const callbackId = (sent.result as { id: string }).id;
    await waitUntil(
      async () => (await client.survey.statusOf('csat', { type: 'callback', id: callbackId })) === 'pending',
      'the CSAT due once the slot is over',
    );
    expect(client.survey.prompt.value, 'not while the call is still to come').to.equal(undefined);
    client.dispose();

    // The shopper comes back after the slot.
    phone.clock.advance(Date.parse(slot.end) - phone.clock.now() + 60_000);
    const later = await phone.open();
    await waitUntil(() => later.survey.prompt.value, 'a survey once the slot is over');
    expect(later.survey.prompt.value).to.deep.include({
      kind: 'csat',
      trigger: 'callback_completed',
      subject: { type: 'callback', id: callbackId },
    });
  });

  it('asks nothing about a callback the shopper cancelled', async () => {
    phone = device();
    const client = await phone.open();
    await client.callback.loadSlots({ from: new Date(phone.clock.now()).toISOString(), days: 7 });
    const slot = client.callback.slots.value.data!.find((candidate) => candidate.remaining > 0)!;
    const item = await client.callback.request({
      name: 'Ana',
      phone: '+33612345678',
      slot: slot.start,
      timezone: 'Europe/Paris',
      topic: 'Delivery',
      consent: true,
    });
    const sent = await client.outbox.whenSettled(item!.id);
    const booked = sent.result as { id: string; cancelToken: string };
    await client.callback.cancel(booked.id, booked.cancelToken, item!.id);
    expect(client.callback.cancellation.value.data?.status).to.equal('cancelled');
    await waitUntil(
      async () => (await client.survey.statusOf('csat', { type: 'callback', id: booked.id })) === 'withdrawn',
      'the survey withdrawn',
    );

    phone.clock.advance(Date.parse(slot.end) - phone.clock.now() + 60_000);
    expect((await promptOnceWeighed(client))?.kind, 'no CSAT about the cancelled call').to.equal('nps');
    const later = await phone.open();
    expect((await promptOnceWeighed(later))?.kind, 'nor on a later visit').to.equal('nps');
  });

  it('asks through the JS API once per kind and subject', async () => {
    phone = device();
    const client = await phone.open();
    expect(await client.survey.ask('nps')).to.equal('prompted');
    expect(client.survey.prompt.value).to.deep.equal({
      kind: 'nps',
      subject: { type: 'store', id: 'store' },
      trigger: 'api',
      dueAt: phone.clock.now(),
    });
    expect(await client.survey.ask('nps'), 'asked again while waiting').to.equal('prompted');
    await client.survey.answer({ kind: 'nps', score: 9, subject: { type: 'store', id: 'store' } });
    expect(await client.survey.ask('nps')).to.equal('asked-before');
    expect(client.survey.prompt.value).to.equal(undefined);
  });

  it('keeps a prompt an earlier visit left, with one raised before this visit opened storage', async () => {
    phone = device();
    const first = await phone.open();
    expect(await first.survey.ask('nps')).to.equal('prompted');
    first.dispose();

    const reloaded = phone.openDeferred();
    expect(await reloaded.survey.ask('csat')).to.equal('prompted');
    await reloaded.activate();
    await waitUntil(() => reloaded.survey.prompt.value?.kind === 'nps', 'the earlier prompt is back');
    await reloaded.survey.answer({ kind: 'nps', score: 8, subject: { type: 'store', id: 'store' } });
    expect(reloaded.survey.prompt.value?.kind).to.equal('csat');
  });

  it('asks nothing for the configured days after "not now", remembered across visits', async () => {
    phone = device({ ...demoStoreConfig, surveys: { ...demoStoreConfig.surveys, cooldownDays: 10 } });
    const client = await phone.open();
    expect(await client.survey.ask('nps')).to.equal('prompted');
    await client.survey.dismiss();
    expect(client.survey.prompt.value).to.equal(undefined);
    expect(await client.survey.statusOf('nps', { type: 'store', id: 'store' })).to.equal('dismissed');
    expect(await client.survey.ask('csat')).to.equal('cooling-down');
    client.dispose();

    phone.clock.advance(9 * day);
    const nextWeek = await phone.open();
    await nextWeek.config.load();
    await waitUntil(() => nextWeek.survey.coolingDownUntil.value !== undefined, 'the dismissal remembered');
    expect(await nextWeek.survey.ask('csat')).to.equal('cooling-down');

    phone.clock.advance(day + 1);
    expect(await nextWeek.survey.ask('csat')).to.equal('prompted');
    expect(await nextWeek.survey.ask('nps'), 'the dismissed survey itself is never asked again').to.equal(
      'asked-before',
    );
  });

  it('sends an answer given offline once, after a reload', async () => {
    phone = device();
    phone.network.set(false);
    const offline = await phone.open();
    const answer = {
      kind: 'nps' as const,
      score: 10,
      comment: 'Lovely shop',
      subject: { type: 'store' as const, id: 'store' },
    };
    const first = await offline.survey.answer(answer);
    await offline.survey.answer(answer); // a double tap
    // Asked to send now, the outbox finishes any send under way first: offline, nothing goes.
    await offline.outbox.flush({ ignoreBackoff: true });
    expect(phone.surveyPosts()).to.equal(0);
    expect(offline.outbox.items.value.map((item) => item.status)).to.deep.equal(['pending']);
    offline.dispose();

    phone.network.set(true);
    const reloaded = await phone.open();
    const settled = await reloaded.outbox.whenSettled(first.id);
    expect(settled.status).to.equal('sent');
    await reloaded.outbox.flush({ ignoreBackoff: true });
    expect(phone.surveyPosts()).to.equal(1);
    expect(phone.controls.responses()).to.have.length(1);
    expect(phone.controls.responses()[0]).to.deep.include({ score: 10, comment: 'Lovely shop' });
  });

  it('says live whether a survey was answered, here or on an earlier visit', async () => {
    phone = device();
    const client = await phone.open();
    const subject = { type: 'conversation' as const, id: 'conv-9' };
    const answered = client.survey.answered('csat', subject);
    await waitUntil(() => answered.value === false, 'not answered yet');
    const item = await client.survey.answer({ kind: 'csat', score: 4, subject });
    expect(answered.value).to.equal(true);
    expect(client.survey.answered('nps', subject).value, 'another kind is another survey').to.not.equal(true);
    await client.outbox.flush({ ignoreBackoff: true });
    client.dispose();
    // Long after the outbox let the sent answer go, storage still remembers it.
    const later = await phone.open();
    await later.outbox.discard(item.id);
    await waitUntil(() => later.survey.answered('csat', subject).value === true, 'remembered');
  });

  it('asks nothing when the store turned surveys off, or has no trigger for the event', async () => {
    phone = device({
      ...demoStoreConfig,
      channels: { ...demoStoreConfig.channels, surveys: false },
    });
    const client = await phone.open();
    expect(await client.survey.ask('nps')).to.equal('disabled');
    phone.close();

    phone = device({ ...demoStoreConfig, surveys: { triggers: [], cooldownDays: 30 } });
    const noTriggers = await phone.open();
    await submitReturn(noTriggers);
    phone.clock.advance(60_000);
    expect((await promptOnceWeighed(noTriggers))?.kind, 'no CES without a trigger').to.equal('nps');
  });
});
