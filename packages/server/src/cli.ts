/**
 * `kefu-server`: runs the reference backend. Environment:
 *   PORT (8787), HOST (127.0.0.1), KEFU_DATA_DIR (./.kefu-data), KEFU_ALLOWED_ORIGINS (comma-separated),
 *   KEFU_IDENTITY_SECRET (HS256 secret for identity tokens), KEFU_AGENT_PASSWORD (else one is generated),
 *   KEFU_ORDER_LOOKUP_WAIT_MS (the wait after an order number's free tries, 30000; for test servers,
 *   so a test can sit it out).
 */
import { resolve } from 'node:path';
import { DEFAULT_LOOKUP_LIMITS, type LookupLimits } from './http/rate-limit.js';
import { startServer } from './server.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const allowedOrigins = (process.env.KEFU_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

function lookupLimits(firstWaitMs: string): LookupLimits {
  const wait = Number(firstWaitMs);
  if (!Number.isInteger(wait) || wait <= 0) throw new Error('KEFU_ORDER_LOOKUP_WAIT_MS must be a whole number of ms.');
  return { ...DEFAULT_LOOKUP_LIMITS, perOrderNumber: { ...DEFAULT_LOOKUP_LIMITS.perOrderNumber, firstWaitMs: wait } };
}

const server = await startServer({
  port,
  host,
  allowedOrigins,
  dataDir: resolve(process.env.KEFU_DATA_DIR ?? '.kefu-data'),
  ...(process.env.KEFU_IDENTITY_SECRET ? { identitySecret: process.env.KEFU_IDENTITY_SECRET } : {}),
  ...(process.env.KEFU_AGENT_PASSWORD ? { agentPassword: process.env.KEFU_AGENT_PASSWORD } : {}),
  trustProxy: process.env.KEFU_TRUST_PROXY === '1',
  ...(process.env.KEFU_ORDER_LOOKUP_WAIT_MS
    ? { lookupLimits: lookupLimits(process.env.KEFU_ORDER_LOOKUP_WAIT_MS) }
    : {}),
});
console.log(`Kefu reference server: ${server.origin}/v1`);
// A password the operator chose is theirs to know; only a generated one is printed.
console.log(
  `Agent console: ${server.origin}/agent — ${
    process.env.KEFU_AGENT_PASSWORD ? 'password from KEFU_AGENT_PASSWORD' : `password: ${server.deps.agentPassword}`
  }`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
