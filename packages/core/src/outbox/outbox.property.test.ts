import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createFakeSubmissionServer, type Fault } from '../../../../test/support/fake-submission-server.js';
import { systemClock } from '../ports/clock.js';
import { manualNetworkStatus } from '../ports/network.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createKefuStorage } from '../storage/kefu-storage.js';
import { createOutbox, type Outbox } from './outbox.js';

declare const __KEFU_PROPERTY_RUNS__: number;
const numRuns = typeof __KEFU_PROPERTY_RUNS__ === 'number' ? __KEFU_PROPERTY_RUNS__ : 200;

type Action =
  | { type: 'submit'; tab: 0 | 1 }
  | { type: 'offline' }
  | { type: 'online' }
  | { type: 'reload'; tab: 0 | 1 }
  | { type: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('submit' as const), tab: fc.constantFrom(0 as const, 1 as const) }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'online' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('reload' as const), tab: fc.constantFrom(0 as const, 1 as const) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 15 }) }) },
);

const fault: fc.Arbitrary<Fault> = fc.constantFrom('none', 'drop-before', 'drop-after', 'server-error', 'rate-limited');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let run = 0;

describe('outbox under random faults (property-based)', () => {
  it(`loses nothing and applies nothing twice over ${numRuns} random schedules of faults, reloads and two tabs`, async function () {
    this.timeout(numRuns * 400 + 10_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 25 }),
        fc.array(fault, { maxLength: 30 }),
        async (actions, faults) => {
          run += 1;
          const server = createFakeSubmissionServer();
          let requestIndex = 0;
          server.setFaults(() => faults[requestIndex++] ?? 'none');
          const network = manualNetworkStatus(true);
          // One origin's IndexedDB, shared by both tabs and surviving their reloads.
          const disk = createMemoryStorage();
          const lockName = `kefu-outbox-property-${run}`;
          const openTab = async () => {
            const storage = createKefuStorage({ persistent: () => disk });
            await storage.markInteraction();
            const outbox = createOutbox({
              backend: server.backend,
              storage,
              clock: systemClock,
              network,
              backoff: { baseMs: 1, capMs: 8 },
              lock: <T>(task: () => Promise<T>) => navigator.locks.request(lockName, task) as Promise<T>,
              channelName: lockName,
            });
            await outbox.start();
            return outbox;
          };
          const tabs: Outbox[] = [await openTab(), await openTab()];
          const submitted: string[] = [];
          try {
            for (const step of actions) {
              if (step.type === 'submit') {
                const item = await tabs[step.tab]!.enqueue('survey', {
                  kind: 'csat',
                  score: 1 + (submitted.length % 5),
                  subject: { type: 'conversation', id: `c${submitted.length}` },
                });
                submitted.push(item.id);
              } else if (step.type === 'offline') network.set(false);
              else if (step.type === 'online') network.set(true);
              else if (step.type === 'reload') {
                tabs[step.tab]!.dispose();
                tabs[step.tab] = await openTab();
              } else await sleep(step.ms);
            }
            // The network comes back for good: everything must settle, once.
            server.setFaults(() => 'none');
            network.set(false);
            network.set(true);
            for (let waited = 0; waited < 3000; waited += 10) {
              const pending = tabs[0]!.items.value.filter((item) => item.status === 'pending');
              if (pending.length === 0 && server.applied.size >= submitted.length) break;
              await sleep(10);
            }
            const applied = [...server.applied.keys()].sort();
            expect(applied, 'every submission applied exactly once').to.deep.equal([...submitted].sort());
            expect(new Set(server.requests.map((request) => request.key)).size).to.equal(submitted.length);
            const settled = tabs[0]!.items.value;
            expect(settled.filter((item) => item.status !== 'sent')).to.deep.equal([]);
          } finally {
            for (const tab of tabs) tab.dispose();
          }
        },
      ),
      { numRuns, verbose: 1 },
    );
  });
});
