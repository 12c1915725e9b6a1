// What every ChatHub must do, run on each (Lion's reusable suites; decision 0016, §7): the
// in-process hub on SQLite, and the PostgreSQL hub with two instances over one database standing for
// two servers. A fixture gives two instances, each a hub and a chat service over it; on one process
// both are the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatEvent } from '@kefu/core';
import type { Engine } from '../db/engine.js';
import type { ChatHub } from './hub.js';
import type { ChatService } from './service.js';

export interface HubInstance {
  readonly hub: ChatHub;
  readonly service: ChatService;
}

export interface HubFixture {
  readonly engine: Engine;
  readonly a: HubInstance;
  readonly b: HubInstance;
  close(): Promise<void>;
}

/** For a hub with a database connection of its own to lose (PostgreSQL's LISTEN). */
export interface ListenerControl {
  /** Ends B's LISTEN connection from the database's side; resolves once B knows it is gone. */
  kill(): Promise<void>;
  /** Holds B's reconnecting until the returned release is called. */
  holdReconnect(): () => void;
  /** Resolves once B listens again. */
  listening(): Promise<void>;
}

export interface HubSuiteOptions {
  open(): Promise<HubFixture>;
  /** Two processes: A and B share nothing but the database (what a crash of A leaves to B). */
  readonly separateInstances: boolean;
  readonly listener?: (fixture: HubFixture) => ListenerControl;
}

/** Waits, bounded, until `check` holds; fails with `what` otherwise. */
export async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); await delay(5)) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
  }
}

const seqs = (events: readonly ChatEvent[]) => events.map((event) => event.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

export function runChatHubSuite(title: string, options: HubSuiteOptions): void {
  describe(title, () => {
    let fixture: HubFixture;
    before(async () => {
      fixture = await options.open();
    });
    after(() => fixture.close());

    let started = 0;
    async function start(through: HubInstance): Promise<string> {
      started += 1;
      const { conversation, publish } = await through.service.start(
        { name: 'Ana', email: 'ana@example.com', topic: `Order ${started}` },
        undefined,
      );
      publish();
      return conversation.id;
    }
    /** A shopper's stream on `on`: what it was told, from the moment `subscribed` would be sent. */
    async function follow(on: HubInstance, conversationId: string) {
      const events: ChatEvent[] = [];
      const unsubscribe = on.hub.subscribe(conversationId, (event) => events.push(event));
      await on.hub.subscribed?.(conversationId);
      return { events, unsubscribe };
    }
    /** A console's feed on `on`: the events of `conversationId` it was told, with their sender keys. */
    function feed(on: HubInstance, conversationId: () => string | undefined) {
      const events: { event: ChatEvent; clientId: string | undefined }[] = [];
      const stop = on.hub.subscribeAll((id, event, clientId) => {
        if (id === conversationId()) events.push({ event, clientId });
      });
      return { events, stop };
    }

    it('tells a subscriber a conversation’s events in seq order', async () => {
      const { a } = fixture;
      const id = await start(a);
      const stream = await follow(a, id);
      await a.service.accept(id, 'Mei');
      await a.service.send(id, 'shopper', { clientId: 's1', text: 'Where is my parcel?' });
      await a.service.typing(id, 'agent', true);
      await a.service.send(id, 'agent', { clientId: 'a1', text: 'Looking now' }, 'Mei');
      const last = (await a.service.state(id)).lastSeq;
      await eventsArrive(stream.events, last);
      assert.deepEqual(seqs(stream.events), range(1, last));
      assert.deepEqual(
        stream.events.map((event) => event.type),
        ['agent_joined', 'status', 'message', 'typing', 'message'],
      );
      stream.unsubscribe();
    });

    it('tells nothing after unsubscribe', async () => {
      const { a, b } = fixture;
      const id = await start(a);
      const leaving = await follow(b, id);
      const staying = await follow(b, id);
      await a.service.send(id, 'shopper', { clientId: 's1', text: 'one' });
      await eventsArrive(leaving.events, 1);
      leaving.unsubscribe();
      await a.service.send(id, 'shopper', { clientId: 's2', text: 'two' });
      // The subscriber that stayed is told in the same delivery the one that left would have been.
      await eventsArrive(staying.events, 2);
      assert.deepEqual(seqs(leaving.events), [1]);
      assert.deepEqual(seqs(staying.events), [1, 2]);
      staying.unsubscribe();
    });

    it('brings an event written through instance A to a subscriber on instance B, in seq order', async () => {
      const { a, b } = fixture;
      const id = await start(a);
      const onB = await follow(b, id);
      let current = id;
      const consoleOnB = feed(b, () => current);
      for (let index = 1; index <= 5; index += 1) {
        await a.service.send(id, index % 2 === 0 ? 'agent' : 'shopper', { clientId: `k${index}`, text: `#${index}` });
      }
      await eventsArrive(onB.events, 5);
      await eventually(() => consoleOnB.events.length >= 5, 'the console’s feed on B');
      assert.deepEqual(seqs(onB.events), range(1, 5));
      assert.deepEqual(
        consoleOnB.events.map(({ event, clientId }) => `${event.seq}:${clientId}`),
        range(1, 5).map((seq) => `${seq}:k${seq}`),
        'the feed carries each message’s sender key, the agent’s replies included',
      );
      current = '';
      onB.unsubscribe();
      consoleOnB.stop();
    });

    it('delivers 50 concurrent writes from both instances exactly once each, in seq order, on both', async () => {
      const { a, b } = fixture;
      const id = await start(a);
      const streams = [await follow(a, id), await follow(b, id)];
      const consoles = [feed(a, () => id), feed(b, () => id)];
      const writes = range(1, 50).map((index) =>
        (index % 2 === 0 ? a : b).service.send(id, index % 3 === 0 ? 'agent' : 'shopper', {
          clientId: `c${index}`,
          text: `message ${index}`,
        }),
      );
      const sent = await Promise.all(writes);
      assert.deepEqual(
        sent.map(({ message }) => message.seq).sort((x, y) => x - y),
        range(1, 50),
      );
      for (const stream of streams) await eventsArrive(stream.events, 50);
      for (const console of consoles) await eventually(() => console.events.length >= 50, 'every event in the feed');
      // Anything told twice would be here by now: the last event is told after every other one.
      for (const stream of streams) assert.deepEqual(seqs(stream.events), range(1, 50));
      for (const console of consoles) {
        assert.deepEqual(seqs(console.events.map(({ event }) => event)), range(1, 50));
        for (const { event, clientId } of console.events) {
          const message = sent.find((entry) => entry.message.seq === event.seq)?.message;
          assert.equal(clientId, `c${message?.text.split(' ')[1]}`);
        }
      }
      for (const stream of streams) stream.unsubscribe();
      for (const console of consoles) console.stop();
    });

    it('tells list watchers on both instances when a conversation starts', async () => {
      const { a, b } = fixture;
      let onA = 0;
      let onB = 0;
      const stopA = a.hub.onListChanged(() => (onA += 1));
      const stopB = b.hub.onListChanged(() => (onB += 1));
      await start(a);
      await eventually(() => onA >= 1 && onB >= 1, 'both instances’ list watchers');
      stopA();
      stopB();
    });

    it('tells both instances of a session ended through A (announced in its transaction), not of a rolled-back one', async () => {
      const { a, b, engine } = fixture;
      const onA: string[] = [];
      const onB: string[] = [];
      const stopA = a.hub.onSessionEnded((id) => onA.push(id));
      const stopB = b.hub.onSessionEnded((id) => onB.push(id));
      const announce = (id: string) =>
        engine.db.transaction().execute(async (trx) => {
          await a.hub.inTransaction?.(trx, { events: [], listChanged: false, endedSessions: [id] });
          if (id === 'rolled-back') throw new Error('rolled back');
        });
      await assert.rejects(announce('rolled-back'));
      await announce('ended');
      a.hub.sessionEnded('ended');
      await eventually(() => onA.includes('ended') && onB.includes('ended'), 'both instances’ session listeners');
      assert.ok(![...onA, ...onB].includes('rolled-back'), 'a rolled-back end is never told');
      stopA();
      stopB();
    });

    if (options.separateInstances) {
      it('reaches instance B when instance A dies right after its commit', async () => {
        const { a, b } = fixture;
        const written: { id?: string } = {};
        const consoleOnB = feed(b, () => written.id);
        let listChanges = 0;
        const stopList = b.hub.onListChanged(() => (listChanges += 1));
        // A's process stops between commit and publish: the publish step never runs.
        const { conversation } = await a.service.start(
          { name: 'Ana', email: 'ana@example.com', topic: 'Crash', message: 'Is anyone there?' },
          undefined,
        );
        written.id = conversation.id;
        await eventually(() => consoleOnB.events.length >= 1 && listChanges >= 1, 'the write on B');
        assert.deepEqual(
          consoleOnB.events.map(({ event }) => event.type),
          ['message'],
        );
        consoleOnB.stop();
        stopList();
      });
    }

    const listener = options.listener;
    if (listener) {
      it('resumes after its LISTEN connection is killed, with what was written meanwhile', async () => {
        const { a, b } = fixture;
        const control = listener(fixture);
        const id = await start(a);
        const onB = await follow(b, id);
        const consoleOnB = feed(b, () => id);
        let listChanges = 0;
        const stopList = b.hub.onListChanged(() => (listChanges += 1));
        await a.service.send(id, 'shopper', { clientId: 'before', text: 'before' });
        await eventsArrive(onB.events, 1);

        const release = control.holdReconnect();
        await control.kill();
        for (const key of ['during 1', 'during 2', 'during 3']) {
          await a.service.send(id, 'agent', { clientId: key, text: key }, 'Mei');
        }
        // B hears nothing while it does not listen: the writes truly fell in the gap.
        assert.deepEqual(seqs(onB.events), [1]);
        const listChangesBefore = listChanges;
        release();
        await control.listening();
        await eventsArrive(onB.events, 4);
        await eventually(() => consoleOnB.events.length >= 4, 'the feed after the reconnect');
        await eventually(() => listChanges > listChangesBefore, 'a fresh list for the consoles');
        await a.service.send(id, 'shopper', { clientId: 'after', text: 'after' });
        await eventsArrive(onB.events, 5);
        assert.deepEqual(seqs(onB.events), range(1, 5));
        assert.deepEqual(seqs(consoleOnB.events.map(({ event }) => event)), range(1, 5));
        onB.unsubscribe();
        consoleOnB.stop();
        stopList();
      });
    }
  });
}

/** Waits, bounded, until a stream holds at least `count` events. */
async function eventsArrive(events: readonly ChatEvent[], count: number): Promise<void> {
  await eventually(() => events.length >= count, `${count} events`);
}
