import { createHttpBackend } from '@kefu/core';
import { runBackendSuite } from '../../packages/core/test-suites/backend.suite.js';

// Set by web-test-runner.config.mjs, which starts the reference server on 127.0.0.1.
declare const __KEFU_REFERENCE_API__: string;

// The same contract suite as the memory and msw adapters, against the real server over real HTTP
// and WebSocket: the reference backend answers exactly like the one in the browser.
runBackendSuite('http (reference server over HTTP and WebSocket)', async () => ({
  backend: createHttpBackend({ apiBase: __KEFU_REFERENCE_API__ }),
}));
