import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';

/**
 * Starts msw's service worker once per test file (the worker script is served at the page root by
 * the test runner, see web-test-runner.config.mjs) and resets handlers between tests.
 */
export async function startMockServer(...handlers: RequestHandler[]) {
  const worker = setupWorker(...handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'error' });
  return worker;
}
