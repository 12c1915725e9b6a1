import { createHttpBackend } from '@kefu/core';
import { runBackendSuite } from '../../packages/core/test-suites/backend.suite.js';

// Set by web-test-runner.config.mjs, which starts the reference server on 127.0.0.1 with this
// identity secret (a test's own: the store's real secret never reaches a browser).
declare const __KEFU_REFERENCE_API__: string;
declare const __KEFU_REFERENCE_API_POSTGRES__: string;
declare const __KEFU_REFERENCE_IDENTITY_SECRET__: string;

// The same contract suite as the memory and msw adapters, against the real server over real HTTP
// and WebSocket: the reference backend answers exactly like the one in the browser — on the
// embedded SQLite (npm start's) and on PostgreSQL (several instances').
for (const [engine, apiBase] of [
  ['SQLite', __KEFU_REFERENCE_API__],
  ['PostgreSQL', __KEFU_REFERENCE_API_POSTGRES__],
] as const) {
  runBackendSuite(
    engine === 'SQLite'
      ? 'http (reference server over HTTP and WebSocket)'
      : 'http (reference server on PostgreSQL, over HTTP and WebSocket)',
    async () => ({
      backend: createHttpBackend({ apiBase }),
      identityToken: (customerId) => signIdentity(customerId, __KEFU_REFERENCE_IDENTITY_SECRET__),
    }),
    {
      signsIdentity: true,
      overNetwork: true,
      // A remote server's clock cannot be moved; the rate-limit case waits for real instead, on the
      // short wait this server is started with (web-test-runner.config.mjs).
      notRun: [{ case: 'lets the access token expire after about 30 minutes', needs: 'controlsTime' }],
    },
  );
}

/** What a store's backend does for its signed-in shopper: an HS256 JWT, `sub` and an hour's `exp`. */
async function signIdentity(customerId: string, secret: string): Promise<string> {
  const encode = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const json = (value: unknown) => encode(new TextEncoder().encode(JSON.stringify(value)));
  const unsigned = `${json({ alg: 'HS256', typ: 'JWT' })}.${json({
    sub: customerId,
    exp: Math.floor(Date.now() / 1000) + 3600,
  })}`;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(unsigned));
  return `${unsigned}.${encode(new Uint8Array(signature))}`;
}
