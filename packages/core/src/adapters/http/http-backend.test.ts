import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { startMockServer } from '../../../../../test/support/msw.js';
import { runBackendSuite } from '../../../test-suites/backend.suite.js';
import { demoStoreConfig } from '../../seed/demo-store.js';
import type { KefuError } from '../../errors.js';
import { createHttpBackend } from './http-backend.js';

const apiBase = `${location.origin}/mock-api/v1`;
const configUrl = `${apiBase}/config`;

let worker: SetupWorker;
before(async () => {
  worker = await startMockServer();
});
after(() => worker.stop());
beforeEach(() => {
  worker.resetHandlers(http.get(configUrl, () => HttpResponse.json(demoStoreConfig)));
});

runBackendSuite('http (msw)', async () => ({ backend: createHttpBackend({ apiBase }) }));

async function configError(backend = createHttpBackend({ apiBase })): Promise<KefuError> {
  return backend.getConfig().then(
    () => {
      throw new Error('expected getConfig to fail');
    },
    (error: KefuError) => error,
  );
}

describe('http adapter: failures become typed KefuErrors', () => {
  it('maps a 404 error body to not_found, keeping the server code and message', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json({ error: { code: 'store_not_found', message: 'No such store.' } }, { status: 404 }),
      ),
    );
    const error = await configError();
    expect(error.code).to.equal('not_found');
    expect(error.serverCode).to.equal('store_not_found');
    expect(error.message).to.equal('No such store.');
    expect(error.retryable).to.equal(false);
  });

  it('maps a 422 with per-field details to validation', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json(
          { error: { code: 'invalid', message: 'Bad input.', fields: { email: 'Not an email address.' } } },
          { status: 422 },
        ),
      ),
    );
    const error = await configError();
    expect(error.code).to.equal('validation');
    expect(error.fields).to.deep.equal({ email: 'Not an email address.' });
  });

  it('reads Retry-After on a 429, in seconds or as an HTTP date', async () => {
    worker.use(
      http.get(configUrl, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'Slow down.' } },
          {
            status: 429,
            headers: { 'Retry-After': '30' },
          },
        ),
      ),
    );
    const seconds = await configError();
    expect(seconds.code).to.equal('rate_limited');
    expect(seconds.retryAfterMs).to.equal(30_000);
    expect(seconds.retryable).to.equal(true);

    const now = Date.parse('2026-11-22T10:00:00Z');
    worker.use(
      http.get(
        configUrl,
        () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': 'Sun, 22 Nov 2026 10:01:00 GMT' } }),
      ),
    );
    const date = await configError(createHttpBackend({ apiBase, now: () => now }));
    expect(date.retryAfterMs).to.equal(60_000);
  });

  it('treats a 5xx without a JSON body as a retryable server error', async () => {
    worker.use(http.get(configUrl, () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    const error = await configError();
    expect(error.code).to.equal('server');
    expect(error.status).to.equal(502);
    expect(error.retryable).to.equal(true);
  });

  it('reports a dropped connection as a retryable network error', async () => {
    worker.use(http.get(configUrl, () => HttpResponse.error()));
    const error = await configError();
    expect(error.code).to.equal('network');
    expect(error.retryable).to.equal(true);
  });

  it('gives up after its time limit with a timeout error', async () => {
    worker.use(
      http.get(configUrl, async () => {
        await delay(1_000);
        return HttpResponse.json(demoStoreConfig);
      }),
    );
    const error = await configError(createHttpBackend({ apiBase, timeoutMs: 50 }));
    expect(error.code).to.equal('timeout');
  });

  it('sends the token in the Authorization header, never in the URL', async () => {
    let seen: { url: string; authorization: string | null } | undefined;
    worker.use(
      http.get(configUrl, ({ request }) => {
        seen = { url: request.url, authorization: request.headers.get('authorization') };
        return HttpResponse.json(demoStoreConfig);
      }),
    );
    await createHttpBackend({ apiBase, getToken: () => 'secret-token' }).getConfig();
    expect(seen?.authorization).to.equal('Bearer secret-token');
    expect(seen?.url).not.to.contain('secret-token');
  });
});
