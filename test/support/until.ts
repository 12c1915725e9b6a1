import assert from 'node:assert/strict';

/**
 * Waits until `read()` gives `expected` (compared as JSON), polling every 50 ms; after `timeoutMs`
 * fails with what it saw last. For what a page or the server reaches in its own time (a message
 * delivered, a transcript merged). Playwright's waitForFunction would need eval, which the
 * storefront's strict CSP forbids.
 */
export async function until<T>(
  read: () => Promise<T> | T,
  expected: T,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.deepEqual(last, expected, `${what} (timed out)`);
}
