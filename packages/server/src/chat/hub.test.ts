// The chat hub's suite on both hubs (decision 0016, §7): the in-process one on SQLite (one
// process: instance A and B are the same), and the PostgreSQL one with two instances — two pools,
// two LISTEN connections, two services — over one database, standing for two servers.
import { sql } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import { openTestEngine, testStoreContext, usePostgresCluster } from '../db/both-engines.test-support.js';
import { openEngine, type Engine } from '../db/engine.js';
import { createChatHub, type ChatHub } from './hub.js';
import { createPostgresChatHub, type PostgresChatHub } from './hub-postgres.js';
import { eventually, runChatHubSuite, type HubInstance } from './hub.suite.js';
import { createChatService } from './service.js';

usePostgresCluster();

function instance(engine: Engine, hub: ChatHub): HubInstance {
  const store = testStoreContext(engine);
  return {
    hub,
    service: createChatService({ db: store.db, now: store.now, config: store.config }, hub, {
      alwaysOpen: true,
      agentsOnline: () => 1,
    }),
  };
}

runChatHubSuite('the in-process chat hub on SQLite', {
  separateInstances: false,
  async open() {
    const engine = await openTestEngine('SQLite');
    const one = instance(engine, createChatHub());
    return { engine, a: one, b: one, close: () => engine.close() };
  },
});

// B's reconnects wait at this gate while a test holds it.
let gate: Promise<void> = Promise.resolve();
let hubB: PostgresChatHub | undefined;

runChatHubSuite('the PostgreSQL chat hub, two instances on one database', {
  separateInstances: true,
  async open() {
    const engine = await openTestEngine('PostgreSQL');
    if (engine.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const second = openEngine(engine.url);
    if (second.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const hubA = createPostgresChatHub({ url: engine.url, db: engine.db, instanceId: 'instance-a' });
    const b = createPostgresChatHub({
      url: second.url,
      db: second.db,
      instanceId: 'instance-b',
      reconnectDelayMs: () => 10,
      beforeReconnect: () => gate,
    });
    hubB = b;
    await Promise.all([hubA.listening(), b.listening()]);
    return {
      engine,
      a: instance(engine, hubA),
      b: instance(second, b),
      async close() {
        await Promise.all([hubA.close(), b.close()]);
        await second.close();
        await engine.close();
      },
    };
  },
  listener: (fixture) => ({
    async kill() {
      const hub = hubB;
      const pid = hub?.listenerPid;
      if (!hub || pid === undefined) throw new Error('B does not listen');
      await sql`select pg_terminate_backend(${pid})`.execute(fixture.engine.db);
      await eventually(() => hub.listenerPid === undefined, 'B to notice its connection is gone');
    },
    holdReconnect() {
      let release: () => void = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        gate = Promise.resolve();
      };
    },
    async listening() {
      await hubB?.listening();
      // Whatever the reconnect read back is delivered in the hub's own turn.
      await delay(0);
    },
  }),
});
