import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { randomInt } from 'node:crypto';
import { DEFAULT_ORDER_GUESS_LIMITS } from '@kefu/core/domain';
import { createDemoOrders } from '@kefu/core/seed';
import { type RunningServer } from '../server.js';
import { startApiServer, type ApiServer, startTestServer } from './test-helpers.js';

const LOOKUPS = 1000;
const realNumbers = createDemoOrders(new Date()).map((seed) => seed.order.number);

/** Half unknown numbers, half real numbers with wrong emails, interleaved. */
function lookups(): { kind: 'unknown' | 'wrong email'; body: string }[] {
  return Array.from({ length: LOOKUPS }, (_, index) => {
    if (index % 2 === 0) {
      let orderNumber: string;
      do orderNumber = `MM-${randomInt(1000, 100_000)}`;
      while (realNumbers.includes(orderNumber));
      return { kind: 'unknown', body: JSON.stringify({ orderNumber, email: 'ana.garcia@example.com' }) };
    }
    const orderNumber = realNumbers[Math.floor(index / 2) % realNumbers.length]!;
    return { kind: 'wrong email', body: JSON.stringify({ orderNumber, email: `guess${index}@example.com` }) };
  });
}

async function lookUp(base: string, body: string) {
  const started = performance.now();
  const response = await fetch(`${base}/orders/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes,
    ms: performance.now() - started,
    retryAfter: response.headers.get('retry-after'),
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

describe('order lookups cannot tell an unknown number from wrong details', () => {
  let servers: (RunningServer | ApiServer)[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });

  it(`answers ${LOOKUPS} misses with byte-identical 404s in the same time`, async (t) => {
    // Limits high enough that this many misses from one address are all answered.
    const server = await startApiServer({
      limits: {
        perAddress: { max: 100_000, windowMs: 600_000 },
        perOrderNumber: { ...DEFAULT_ORDER_GUESS_LIMITS, tries: 100_000, pressure: 100_000 },
      },
    });
    servers.push(server);
    for (const { body } of lookups().slice(0, 50)) await lookUp(server.base, body); // warm up

    const timings: Record<'unknown' | 'wrong email', number[]> = { unknown: [], 'wrong email': [] };
    let first: Buffer | undefined;
    for (const { kind, body } of lookups()) {
      const answer = await lookUp(server.base, body);
      assert.equal(answer.status, 404);
      first ??= answer.bytes;
      assert.ok(answer.bytes.equals(first), `${kind}: ${answer.bytes.toString()} differs from ${first.toString()}`);
      timings[kind].push(answer.ms);
    }
    const unknown = median(timings.unknown);
    const wrongEmail = median(timings['wrong email']);
    const difference = Math.abs(wrongEmail - unknown);
    t.diagnostic(
      `median over HTTP: wrong email ${wrongEmail.toFixed(3)} ms, unknown number ${unknown.toFixed(3)} ms, ` +
        `difference ${difference.toFixed(3)} ms (${LOOKUPS} lookups)`,
    );
    assert.ok(difference < 5, `the medians differ by ${difference.toFixed(3)} ms`);
  });

  it('turns them into 429s once the address has failed 30 times, with the default limits', async (t) => {
    const server = await startTestServer({ port: 0 });
    servers.push(server);
    const statuses: number[] = [];
    for (const { body } of lookups()) {
      const answer = await lookUp(`${server.origin}/v1`, body);
      statuses.push(answer.status);
      if (answer.status === 429) assert.ok(Number(answer.retryAfter) > 0);
    }
    const notFound = statuses.filter((status) => status === 404).length;
    t.diagnostic(`${notFound} × 404, then ${statuses.length - notFound} × 429`);
    assert.equal(notFound, 30);
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(404));
    assert.ok(statuses.slice(30).every((status) => status === 429));
  });

  it('warns of the last try in the same bytes for an unknown number and a wrong email', async () => {
    const server = await startApiServer();
    servers.push(server);
    const fourFailures = async (orderNumber: string) => {
      let answer: Awaited<ReturnType<typeof lookUp>> | undefined;
      for (let attempt = 0; attempt < 4; attempt += 1) {
        answer = await lookUp(server.base, JSON.stringify({ orderNumber, email: `guess${attempt}@example.com` }));
      }
      return answer!;
    };
    const unknown = await fourFailures('MM-4242');
    const wrongEmail = await fourFailures(realNumbers[0]!);
    assert.equal(unknown.status, 404);
    assert.ok(unknown.bytes.equals(wrongEmail.bytes), `${unknown.bytes.toString()} ≠ ${wrongEmail.bytes.toString()}`);
    assert.equal((JSON.parse(unknown.bytes.toString()) as { error: { triesLeft: number } }).error.triesLeft, 1);
  });
});
