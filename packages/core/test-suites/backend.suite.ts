import { expect } from '@open-wc/testing';
import type { KefuBackend } from '../src/ports/backend.js';
import type { ChatEvent, ChatMessage, Conversation, ConversationPage } from '../src/model/chat.js';
import type { OrderAccess, OrderItem } from '../src/model/orders.js';
import type { ReturnInput } from '../src/model/returns.js';
import type { KefuError } from '../src/errors.js';
import { createDemoOrders, demoArticles, demoStoreConfig } from '../src/seed/index.js';
import { reasonsFor } from '../src/domain/returns.js';
import type { SeedOrder } from '../src/seed/types.js';

export interface BackendUnderTest {
  readonly backend: KefuBackend;
  readonly teardown?: () => Promise<void> | void;
  /**
   * Moves the backend's clock forward, when the adapter can (the memory backend can, a remote
   * server cannot). Cases about expiry and waiting out a limit run only when it is given.
   */
  readonly advanceTime?: (ms: number) => Promise<void> | void;
  /**
   * The identity token the store would give its signed-in customer `customerId`, when the suite
   * can make one (the memory backend takes `identity:<id>`, the reference server a JWT signed with
   * its secret). Cases about signed-in shoppers run only when it is given.
   */
  readonly identityToken?: (customerId: string) => Promise<string> | string;
}

const MINUTE_MS = 60_000;

/** A 1×1 transparent PNG, byte for byte. */
const tinyPng = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
  0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

/** A PDF's first bytes and a little more: what the upload checks look at. */
const tinyPdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** Fresh keys on every run, so the suite also passes against a server that remembers earlier runs. */
export const newKey = () => crypto.randomUUID();

/** The KefuError a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<KefuError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: KefuError) => error,
  );
}

/** Waits until `find` returns something, checking every few milliseconds. */
async function eventually<T>(find: () => T | undefined, what: string, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const isReturnable = (item: OrderItem, now: number) =>
  !item.finalSale &&
  item.returnableQuantity > 0 &&
  item.returnDeadline !== undefined &&
  Date.parse(item.returnDeadline) > now;

/**
 * The demo orders this suite acts on, each chosen by what it is rather than by number, so the
 * suite follows the seed data as it grows.
 */
function pickOrders(now = Date.now()) {
  const seed = createDemoOrders(new Date(now));
  const find = (what: string, test: (order: SeedOrder) => boolean): SeedOrder => {
    const found = seed.find(test);
    if (!found) throw new Error(`The demo orders have no ${what}.`);
    return found;
  };
  const returnable = find('delivered order with an item to return', ({ order }) =>
    order.items.some((item) => isReturnable(item, now) && item.returnableQuantity >= 1),
  );
  const finalSale = find('final-sale item', ({ order }) => order.items.some((item) => item.finalSale));
  const windowClosed = find('item whose return window closed', ({ order }) =>
    order.items.some(
      (item) =>
        !item.finalSale &&
        (item.notReturnableReason === 'window_closed' ||
          (item.returnDeadline !== undefined && Date.parse(item.returnDeadline) < now)),
    ),
  );
  const used = new Set([returnable, finalSale, windowClosed].map(({ order }) => order.number));
  // Rate limiting leaves its mark on an order number, so that test gets one nobody else touches.
  const rateLimited = [...seed].reverse().find(({ order }) => !used.has(order.number));
  if (!rateLimited) throw new Error('The demo orders need an order the other tests do not use.');
  return { seed, returnable, finalSale, windowClosed, rateLimited };
}

/**
 * The backend contract, as behaviour: every adapter (memory, http against msw, http against the
 * reference server) runs this same suite, the way Lion runs one shared suite per mixin. It speaks
 * only through KefuBackend, and picks its inputs from the demo store's seed data.
 */
export interface SuiteCapabilities {
  /** The setup returns `advanceTime`: the cases about expiry run (a remote server's clock cannot be moved). */
  readonly controlsTime?: boolean;
  /** The setup returns `identityToken`: the cases about signed-in shoppers' chat history run. */
  readonly signsIdentity?: boolean;
  /**
   * The cases this adapter does not run, and the capability each one needs: exactly what the
   * capabilities above leave out. The suite checks this list and prints it, so a case never drops
   * out of an adapter's run unseen.
   */
  readonly notRun?: readonly CaseNotRun[];
  /**
   * The backend is a real server over the network (its own process, a database, sockets): each
   * case and each wait for a pushed event gets a longer bound. These are limits on how long a case
   * may hang, not measurements: a shared CI machine running another suite beside this one slows a
   * round trip to PostgreSQL well past the in-page adapters' few milliseconds.
   */
  readonly overNetwork?: boolean;
}

/** A case of the suite an adapter does not run: its title, and the capability it needs. */
export interface CaseNotRun {
  readonly case: string;
  readonly needs: 'controlsTime' | 'signsIdentity';
}

/**
 * The longest wait the rate-limit case sits out for real, against a server whose clock it cannot
 * move: the server under test is configured with a short wait (web-test-runner.config.mjs).
 */
const LONGEST_REAL_WAIT_MS = 5_000;

export function runBackendSuite(
  adapterName: string,
  setup: () => Promise<BackendUnderTest>,
  capabilities: SuiteCapabilities = {},
): void {
  // A case an adapter cannot run is not registered (npm test fails on a skipped test): it is listed
  // instead, and the last case below checks that list against the adapter's own.
  const notRun: CaseNotRun[] = [];
  const needing = (needs: CaseNotRun['needs']) =>
    capabilities[needs] ? it : (title: string, ..._test: unknown[]) => void notRun.push({ case: title, needs });
  const whenTimeIsControlled = needing('controlsTime');
  const whenIdentified = needing('signsIdentity');
  const patienceMs = capabilities.overNetwork ? 10_000 : 2_000;
  const waitFor = <T>(find: () => T | undefined, what: string) => eventually(find, what, patienceMs);
  describe(`KefuBackend contract: ${adapterName}`, function () {
    if (capabilities.overNetwork) this.timeout(20_000);
    let subject: BackendUnderTest;
    let backend: KefuBackend;

    beforeEach(async () => {
      subject = await setup();
      backend = subject.backend;
    });
    afterEach(async () => {
      await subject.teardown?.();
    });

    async function lookUp(seed: SeedOrder): Promise<OrderAccess> {
      return backend.lookupOrder({ orderNumber: seed.order.number, email: seed.email });
    }

    describe('config', () => {
      it('describes the demo store: brand, locales, business hours and channels', async () => {
        const config = await backend.getConfig();
        expect(config.brand.name).to.equal(demoStoreConfig.brand.name);
        expect(config.locales).to.include.members(['en', 'zh-CN']);
        expect(config.businessHours.timezone).to.equal('Europe/Paris');
        expect(config.businessHours.weekly.length).to.be.greaterThan(0);
        expect(config.channels.chat).to.equal(true);
        // No backend sends e-mail yet, so each says so and the widget promises none (decision 0025).
        expect(config.mail).to.deep.equal({ sends: false });
      });

      it('hands out a copy the caller cannot use to change the store', async () => {
        const first = await backend.getConfig();
        (first.brand as { name: string }).name = 'Tampered';
        const second = await backend.getConfig();
        expect(second.brand.name).to.equal(demoStoreConfig.brand.name);
      });

      it('rejects with an "aborted" KefuError when the caller cancels', async () => {
        const controller = new AbortController();
        controller.abort();
        const error = await rejection(backend.getConfig({ signal: controller.signal }));
        expect(error).to.have.property('code', 'aborted');
      });

      it('honours a cancelled signal in every feature', async () => {
        const controller = new AbortController();
        controller.abort();
        const signal = controller.signal;
        const { returnable } = pickOrders();
        const calls: Promise<unknown>[] = [
          backend.listArticles({ locale: 'en' }, { signal }),
          backend.searchArticles({ q: 'return', locale: 'en' }, { signal }),
          backend.lookupOrder({ orderNumber: returnable.order.number, email: returnable.email }, { signal }),
          backend.getCallbackSlots({ from: new Date().toISOString(), days: 2 }, { signal }),
          backend.getAvailability({ signal }),
          backend.submitSurvey(
            { kind: 'csat', score: 5, subject: { type: 'store', id: 'demo' } },
            { signal, idempotencyKey: newKey() },
          ),
        ];
        for (const call of calls) expect((await rejection(call)).code).to.equal('aborted');
      });
    });

    describe('FAQ', () => {
      it('lists every article of a locale in a full sync', async () => {
        const sync = await backend.listArticles({ locale: 'en' });
        const english = demoArticles.filter((article) => article.locale === 'en');
        expect(sync.full).to.equal(true);
        expect(sync.deleted).to.deep.equal([]);
        expect(sync.syncToken).to.be.a('string').and.not.equal('');
        expect(sync.articles.map((article) => article.id)).to.have.members(english.map((article) => article.id));
        expect(sync.articles.every((article) => article.locale === 'en')).to.equal(true);
      });

      it('answers a sync from the latest token with no changes', async () => {
        const first = await backend.listArticles({ locale: 'zh-CN' });
        const delta = await backend.listArticles({ locale: 'zh-CN', since: first.syncToken });
        expect(delta.full).to.equal(false);
        expect(delta.articles).to.deep.equal([]);
        expect(delta.deleted).to.deep.equal([]);
        expect(delta.syncToken).to.be.a('string').and.not.equal('');
      });

      it('answers a token it does not know with a full sync', async () => {
        const sync = await backend.listArticles({ locale: 'en', since: 'not-a-token' });
        expect(sync.full).to.equal(true);
        expect(sync.articles.length).to.equal(demoArticles.filter((article) => article.locale === 'en').length);
      });

      it('gets one article by id, and not_found for an id it does not have', async () => {
        const wanted = demoArticles[0]!;
        const article = await backend.getArticle(wanted.id);
        expect(article.title).to.equal(wanted.title);
        expect(article.locale).to.equal(wanted.locale);
        const error = await rejection(backend.getArticle('no-such-article'));
        expect(error.code).to.equal('not_found');
        expect(error.status).to.equal(404);
      });

      it('records article feedback once per idempotency key', async () => {
        const articleId = demoArticles[0]!.id;
        const idempotencyKey = newKey();
        await backend.sendArticleFeedback({ articleId, helpful: true }, { idempotencyKey });
        await backend.sendArticleFeedback({ articleId, helpful: true }, { idempotencyKey });
        const reused = await rejection(backend.sendArticleFeedback({ articleId, helpful: false }, { idempotencyKey }));
        expect(reused.code).to.equal('conflict');
        expect(reused.serverCode).to.equal('idempotency_key_reused');
      });

      it('refuses feedback on an article it does not have', async () => {
        const error = await rejection(
          backend.sendArticleFeedback({ articleId: 'no-such-article', helpful: true }, { idempotencyKey: newKey() }),
        );
        expect(error.code).to.equal('not_found');
      });

      it('searches English and Chinese articles on the server', async () => {
        const english = await backend.searchArticles({ q: 'return', locale: 'en' });
        expect(english.length).to.be.within(1, 20);
        expect(english.every((article) => article.locale === 'en')).to.equal(true);
        expect(english.some((article) => article.category === 'returns')).to.equal(true);

        const chinese = await backend.searchArticles({ q: '退货', locale: 'zh-CN' });
        expect(chinese.length).to.be.within(1, 20);
        expect(chinese.every((article) => article.locale === 'zh-CN')).to.equal(true);
        expect(chinese[0]!.category).to.equal('returns');
      });
    });

    describe('orders', () => {
      it('finds an order by number and email, ignoring case and surrounding spaces', async () => {
        const { returnable } = pickOrders();
        const before = Date.now();
        const access = await backend.lookupOrder({
          orderNumber: returnable.order.number,
          email: `  ${returnable.email.toUpperCase()} `,
        });
        expect(access.order.number).to.equal(returnable.order.number);
        expect(access.order.id).to.equal(returnable.order.id);
        expect(access.accessToken).to.be.a('string').and.not.equal('');
        expect(Date.parse(access.expiresAt)).to.be.greaterThan(before);
      });

      it('finds an order by number and postal code, ignoring spaces and case', async () => {
        const { windowClosed } = pickOrders();
        const postalCode = ` ${windowClosed.postalCode.toLowerCase().split('').join(' ')} `;
        const access = await backend.lookupOrder({ orderNumber: windowClosed.order.number, postalCode });
        expect(access.order.number).to.equal(windowClosed.order.number);
      });

      it('answers an unknown number and a wrong email with the very same not_found', async () => {
        const { finalSale } = pickOrders();
        const unknown = await rejection(backend.lookupOrder({ orderNumber: 'MM-0000', email: finalSale.email }));
        const wrongEmail = await rejection(
          backend.lookupOrder({ orderNumber: finalSale.order.number, email: 'someone.else@example.com' }),
        );
        for (const error of [unknown, wrongEmail]) {
          expect(error.code).to.equal('not_found');
          expect(error.status).to.equal(404);
          expect(error.serverCode).to.equal('order_not_found');
          expect(error.message).to.equal('We could not find an order with those details.');
        }
      });

      it('gets an order with its access token, and refuses it without one or with another order’s', async () => {
        const { returnable, finalSale } = pickOrders();
        const access = await lookUp(returnable);
        const order = await backend.getOrder(returnable.order.id, { token: access.accessToken });
        expect(order.number).to.equal(returnable.order.number);

        expect((await rejection(backend.getOrder(returnable.order.id, {}))).code).to.equal('unauthorized');
        const other = await lookUp(finalSale);
        const error = await rejection(backend.getOrder(returnable.order.id, { token: other.accessToken }));
        expect(error.code).to.equal('unauthorized');
        expect(error.status).to.equal(401);
      });

      it('lists my orders only for a signed-in shopper', async () => {
        const error = await rejection(backend.listMyOrders({}));
        expect(error.code).to.equal('unauthorized');
        expect(error.status).to.equal(401);
        expect((await rejection(backend.listMyOrders({ token: 'not-a-token' }))).code).to.equal('unauthorized');
      });

      whenTimeIsControlled('lets the access token expire after about 30 minutes', async () => {
        const { returnable } = pickOrders();
        const access = await lookUp(returnable);
        await subject.advanceTime!(31 * MINUTE_MS);
        const error = await rejection(backend.getOrder(returnable.order.id, { token: access.accessToken }));
        expect(error.code).to.equal('unauthorized');
      });

      // Last in this block, on an order number no other test uses: the limit outlives the test.
      it('rate-limits repeated failed lookups of one order number', async () => {
        const { rateLimited } = pickOrders();
        let error: KefuError | undefined;
        for (let attempt = 0; attempt < 10 && error?.code !== 'rate_limited'; attempt += 1) {
          error = await rejection(
            backend.lookupOrder({ orderNumber: rateLimited.order.number, email: `guess${attempt}@example.com` }),
          );
          expect(error.code).to.be.oneOf(['not_found', 'rate_limited']);
        }
        expect(error?.code).to.equal('rate_limited');
        expect(error?.status).to.equal(429);
        expect(error?.retryAfterMs).to.be.a('number').and.greaterThan(0);
        // Even the right details wait: otherwise the limit would tell a guesser when they are right.
        const right = await rejection(lookUp(rateLimited));
        expect(right.code).to.equal('rate_limited');

        // Then, having waited as told, the right details open the order: on the backend's clock when
        // the test can move it, for real against a server whose clock it cannot.
        if (subject.advanceTime) await subject.advanceTime(error!.retryAfterMs!);
        else {
          expect(error!.retryAfterMs, 'a server under test waits a few seconds at most').to.be.at.most(
            LONGEST_REAL_WAIT_MS,
          );
          await new Promise((resolve) => setTimeout(resolve, error!.retryAfterMs));
        }
        const access = await lookUp(rateLimited);
        expect(access.order.number).to.equal(rateLimited.order.number);
      }).timeout(LONGEST_REAL_WAIT_MS + 5_000);
    });

    describe('returns', () => {
      const policy = demoStoreConfig.returnPolicy;
      // The reasons that apply to the item: a plate is not returned for being too small.
      const plainReason = (item: OrderItem) => reasonsFor(policy, item).find((reason) => !reason.requiresPhoto)!.code;
      const photoReason = (item: OrderItem) => reasonsFor(policy, item).find((reason) => reason.requiresPhoto)!.code;

      async function returnableItem() {
        const { returnable } = pickOrders();
        const access = await lookUp(returnable);
        const item = access.order.items.find((candidate) => isReturnable(candidate, Date.now()))!;
        return { access, item };
      }

      const oneItem = (orderId: string, item: OrderItem, overrides: Partial<ReturnInput['items'][number]> = {}) =>
        ({
          orderId,
          resolution: 'refund',
          items: [{ itemId: item.id, quantity: 1, reason: plainReason(item), photoIds: [], ...overrides }],
        }) satisfies ReturnInput;

      async function fieldsOf(input: ReturnInput, token: string): Promise<Readonly<Record<string, string>>> {
        const error = await rejection(backend.createReturn(input, { idempotencyKey: newKey(), token }));
        expect(error.code).to.equal('validation');
        expect(error.status).to.equal(422);
        return error.fields ?? {};
      }

      it('creates a return: an RMA, status requested, and one less to return', async () => {
        const { access, item } = await returnableItem();
        const record = await backend.createReturn(oneItem(access.order.id, item), {
          idempotencyKey: newKey(),
          token: access.accessToken,
        });
        expect(record.rma).to.match(/^RMA-\d+$/);
        expect(record.status).to.equal('requested');
        expect(record.orderId).to.equal(access.order.id);

        const order = await backend.getOrder(access.order.id, { token: access.accessToken });
        const after = order.items.find((candidate) => candidate.id === item.id)!;
        expect(after.returnableQuantity).to.equal(item.returnableQuantity - 1);
        expect(order.returns.map((summary) => summary.rma)).to.include(record.rma);

        const fetched = await backend.getReturn(record.id, { token: access.accessToken });
        expect(fetched.rma).to.equal(record.rma);
        expect((await rejection(backend.getReturn(record.id, {}))).code).to.equal('unauthorized');
      });

      it('answers a repeated idempotency key with the first return, not a second one', async () => {
        const { access, item } = await returnableItem();
        const input = oneItem(access.order.id, item);
        const options = { idempotencyKey: newKey(), token: access.accessToken };
        const first = await backend.createReturn(input, options);
        const again = await backend.createReturn(input, options);
        expect(again.id).to.equal(first.id);
        expect(again.rma).to.equal(first.rma);
        const order = await backend.getOrder(access.order.id, { token: access.accessToken });
        expect(order.items.find((candidate) => candidate.id === item.id)!.returnableQuantity).to.equal(
          item.returnableQuantity - 1,
        );
        expect(order.returns.filter((summary) => summary.id === first.id)).to.have.length(1);
      });

      it('refuses an idempotency key reused with a different body', async () => {
        const { access, item } = await returnableItem();
        const options = { idempotencyKey: newKey(), token: access.accessToken };
        await backend.createReturn(oneItem(access.order.id, item), options);
        const error = await rejection(
          backend.createReturn(oneItem(access.order.id, item, { comment: 'Something else' }), options),
        );
        expect(error.code).to.equal('conflict');
        expect(error.status).to.equal(409);
        expect(error.serverCode).to.equal('idempotency_key_reused');
      });

      it('needs the order’s token to create a return', async () => {
        const { access, item } = await returnableItem();
        const error = await rejection(
          backend.createReturn(oneItem(access.order.id, item), { idempotencyKey: newKey(), token: 'not-a-token' }),
        );
        expect(error.code).to.equal('unauthorized');
      });

      it('rejects a quantity above what can be returned', async () => {
        const { access, item } = await returnableItem();
        const fields = await fieldsOf(
          oneItem(access.order.id, item, { quantity: item.returnableQuantity + 1 }),
          access.accessToken,
        );
        expect(fields).to.have.property('items.0.quantity');
      });

      it('refuses a reason that does not apply to the item’s category (too small, for a plate)', async () => {
        const { access, item } = await returnableItem();
        expect(item.category, 'the demo items have a category').to.be.a('string');
        const allowed = reasonsFor(policy, item).map((reason) => reason.code);
        const other = policy.reasons.find((reason) => !allowed.includes(reason.code) && !reason.requiresPhoto)!;
        expect(other, 'a reason of another category').to.not.equal(undefined);
        const fields = await fieldsOf(oneItem(access.order.id, item, { reason: other.code }), access.accessToken);
        expect(Object.keys(fields)).to.deep.equal(['items.0.reason']);
      });

      it('asks for a photo when the reason needs one', async () => {
        const { access, item } = await returnableItem();
        const fields = await fieldsOf(
          oneItem(access.order.id, item, { reason: photoReason(item) }),
          access.accessToken,
        );
        expect(fields).to.have.property('items.0.photoIds');
      });

      it('accepts that reason with an uploaded photo', async () => {
        const { access, item } = await returnableItem();
        const photo = await backend.uploadPhoto(new Blob([tinyPng], { type: 'image/png' }), {
          idempotencyKey: newKey(),
          token: access.accessToken,
        });
        const record = await backend.createReturn(
          oneItem(access.order.id, item, { reason: photoReason(item), photoIds: [photo.id] }),
          { idempotencyKey: newKey(), token: access.accessToken },
        );
        expect(record.status).to.equal('requested');
      });

      it('refuses final-sale items', async () => {
        const { finalSale } = pickOrders();
        const access = await lookUp(finalSale);
        const item = access.order.items.find((candidate) => candidate.finalSale)!;
        const fields = await fieldsOf(oneItem(access.order.id, item), access.accessToken);
        expect(fields).to.have.property('items.0.itemId');
      });

      it('refuses items whose return window has closed', async () => {
        const { windowClosed } = pickOrders();
        const access = await lookUp(windowClosed);
        const now = Date.now();
        const item = access.order.items.find(
          (candidate) =>
            !candidate.finalSale &&
            (candidate.notReturnableReason === 'window_closed' ||
              (candidate.returnDeadline !== undefined && Date.parse(candidate.returnDeadline) < now)),
        )!;
        const fields = await fieldsOf(oneItem(access.order.id, item), access.accessToken);
        expect(fields).to.have.property('items.0.itemId');
      });

      it('rejects a reason the return policy does not have', async () => {
        const { access, item } = await returnableItem();
        const fields = await fieldsOf(oneItem(access.order.id, item, { reason: 'no_such_reason' }), access.accessToken);
        expect(fields).to.have.property('items.0.reason');
      });

      it('rejects a return without items', async () => {
        const { access } = await returnableItem();
        const fields = await fieldsOf(
          { orderId: access.order.id, resolution: 'refund', items: [] },
          access.accessToken,
        );
        expect(fields).to.have.property('items');
      });

      it('accepts a PNG by its bytes, reports progress, and keeps one upload per key', async () => {
        const { access } = await returnableItem();
        const progress: number[] = [];
        const file = new Blob([tinyPng], { type: 'image/png' });
        const options = {
          idempotencyKey: newKey(),
          token: access.accessToken,
          onProgress: (f: number) => progress.push(f),
        };
        const photo = await backend.uploadPhoto(file, options);
        expect(photo.contentType).to.equal('image/png');
        expect(photo.size).to.equal(tinyPng.length);
        expect(progress.at(-1)).to.equal(1);
        const again = await backend.uploadPhoto(file, options);
        expect(again.id).to.equal(photo.id);
      });

      it('rejects a text file named .png', async () => {
        const { access } = await returnableItem();
        const file = new File(['this is not a picture'], 'holiday.png', { type: 'image/png' });
        const error = await rejection(
          backend.uploadPhoto(file, { idempotencyKey: newKey(), token: access.accessToken }),
        );
        expect(error.code).to.equal('validation');
        expect(error.serverCode).to.equal('unsupported_type');
      });

      it('rejects a photo larger than the return policy allows', async () => {
        const { access } = await returnableItem();
        const file = new Blob([tinyPng, new Uint8Array(policy.photos.maxBytes)], { type: 'image/png' });
        const error = await rejection(
          backend.uploadPhoto(file, { idempotencyKey: newKey(), token: access.accessToken }),
        );
        expect(error.code).to.equal('validation');
        expect(error.serverCode).to.equal('too_large');
      });
    });

    describe('callbacks', () => {
      const { timezone } = demoStoreConfig.businessHours;
      const { slotMinutes } = demoStoreConfig.callbacks;
      const parisTime = new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      const callbackInput = (slot: string) => ({
        name: 'Ana Lima',
        phone: '+33612345678',
        slot,
        timezone: 'Europe/Lisbon',
        topic: 'My return',
        consent: true,
      });

      async function slots() {
        return backend.getCallbackSlots({ from: new Date().toISOString().slice(0, 10), days: 7 });
      }

      it('offers future slots inside business hours: Monday to Friday, 09:00 to 17:30 in Paris', async () => {
        const offered = await slots();
        expect(offered.length).to.be.greaterThan(0);
        for (const slot of offered) {
          const start = Date.parse(slot.start);
          expect(start).to.be.greaterThan(Date.now());
          expect(Date.parse(slot.end) - start).to.equal(slotMinutes * MINUTE_MS);
          expect(slot.remaining).to.be.greaterThan(0);
          const parts = Object.fromEntries(parisTime.formatToParts(new Date(start)).map((p) => [p.type, p.value]));
          expect(parts['weekday']).to.be.oneOf(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
          const localMinutes = Number(parts['hour']) * 60 + Number(parts['minute']);
          expect(localMinutes, `${parts['hour']}:${parts['minute']}`).to.be.within(9 * 60, 17 * 60 + 30);
        }
      });

      it('rejects a phone number that is not E.164, and a missing consent', async () => {
        const slot = (await slots())[0]!;
        const phone = await rejection(
          backend.requestCallback(
            { ...callbackInput(slot.start), phone: '06 12 34 56 78' },
            { idempotencyKey: newKey() },
          ),
        );
        expect(phone.code).to.equal('validation');
        expect(phone.fields).to.have.property('phone');
        const consent = await rejection(
          backend.requestCallback({ ...callbackInput(slot.start), consent: false }, { idempotencyKey: newKey() }),
        );
        expect(consent.fields).to.have.property('consent');
      });

      it('rejects a time that is not an offered slot', async () => {
        const error = await rejection(
          backend.requestCallback(callbackInput('2020-01-01T03:07:00.000Z'), { idempotencyKey: newKey() }),
        );
        expect(error.code).to.equal('validation');
        expect(error.fields).to.have.property('slot');
      });

      it('schedules a callback, and cancels it with its cancel token, freeing the place', async () => {
        const slot = (await slots()).at(-1)!;
        const record = await backend.requestCallback(callbackInput(slot.start), { idempotencyKey: newKey() });
        expect(record.status).to.equal('scheduled');
        expect(Date.parse(record.slot.start)).to.equal(Date.parse(slot.start));
        expect(record.cancelToken).to.be.a('string').and.not.equal('');
        const taken = (await slots()).find((candidate) => candidate.start === slot.start);
        expect(taken?.remaining ?? 0).to.equal(slot.remaining - 1);

        expect((await rejection(backend.cancelCallback(record.id, { token: 'wrong' }))).code).to.equal('unauthorized');
        const cancelled = await backend.cancelCallback(record.id, { token: record.cancelToken });
        expect(cancelled.status).to.equal('cancelled');
        const freed = (await slots()).find((candidate) => candidate.start === slot.start);
        expect(freed?.remaining).to.equal(slot.remaining);
      });

      it('answers a repeated idempotency key with the first callback', async () => {
        const slot = (await slots()).at(-1)!;
        const idempotencyKey = newKey();
        const first = await backend.requestCallback(callbackInput(slot.start), { idempotencyKey });
        const again = await backend.requestCallback(callbackInput(slot.start), { idempotencyKey });
        expect(again.id).to.equal(first.id);
        await backend.cancelCallback(first.id, { token: first.cancelToken });
      });
    });

    describe('chat', () => {
      const shopper = { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' };

      const start = (message?: string) =>
        backend.startConversation(message === undefined ? shopper : { ...shopper, message }, {
          idempotencyKey: newKey(),
        });

      /** Opens the live stream and records what it delivers. */
      function watch(conversation: Conversation) {
        const events: ChatEvent[] = [];
        const states: string[] = [];
        const stream = backend.openChatStream(conversation.id, conversation.token, {
          onEvent: (event) => events.push(event),
          onConnection: (state) => states.push(state),
        });
        return {
          events,
          states,
          opened: () => waitFor(() => (states.includes('open') ? true : undefined), 'the stream to open'),
          close: () => stream.close(),
        };
      }

      it('describes availability', async () => {
        const availability = await backend.getAvailability();
        expect(availability.open).to.be.a('boolean');
        expect(availability.agentsOnline).to.be.a('number').and.at.least(0);
        expect(availability.queueLength).to.be.a('number').and.at.least(0);
        expect(availability.estimatedWaitSeconds).to.be.a('number').and.at.least(0);
        if (availability.nextOpeningAt !== undefined) {
          expect(Date.parse(availability.nextOpeningAt)).to.be.greaterThan(Date.now());
        }
      });

      it('starts a conversation in the queue', async () => {
        const conversation = await start();
        expect(conversation.id).to.be.a('string').and.not.equal('');
        expect(conversation.token).to.be.a('string').and.not.equal('');
        expect(conversation.status).to.equal('queued');
        expect(conversation.queuePosition).to.be.at.least(1);
      });

      it('answers a repeated idempotency key with the same conversation', async () => {
        const idempotencyKey = newKey();
        const first = await backend.startConversation(shopper, { idempotencyKey });
        const again = await backend.startConversation(shopper, { idempotencyKey });
        expect(again.id).to.equal(first.id);
        const reused = await rejection(backend.startConversation({ ...shopper, name: 'Bo' }, { idempotencyKey }));
        expect(reused.code).to.equal('conflict');
      });

      it('rejects a conversation without a name or with a malformed email', async () => {
        const error = await rejection(
          backend.startConversation({ ...shopper, name: ' ', email: 'ana@' }, { idempotencyKey: newKey() }),
        );
        expect(error.code).to.equal('validation');
        expect(error.fields).to.have.property('name');
        expect(error.fields).to.have.property('email');
      });

      it('starts with the shopper’s first message when there is one', async () => {
        const conversation = await start('Where is my parcel?');
        const messages = await backend.getMessages(conversation.id, 0, { token: conversation.token });
        expect(messages[0]!.author).to.equal('shopper');
        expect(messages[0]!.text).to.equal('Where is my parcel?');
        expect(messages[0]!.seq).to.equal(1);
      });

      it('tells where a conversation stands, with the article it started from', async () => {
        const context = { articleId: 'en-payment-charged-twice', articleTitle: 'I was charged twice' };
        const conversation = await backend.startConversation(
          { ...shopper, message: 'Still charged twice.', context },
          { idempotencyKey: newKey() },
        );
        const state = await backend.getConversation(conversation.id, { token: conversation.token });
        expect(state.id).to.equal(conversation.id);
        // The demo's simulated agent may have joined meanwhile.
        expect(state.status).to.be.oneOf(['queued', 'open']);
        expect(state.lastSeq).to.be.at.least(1);
        expect(state.context).to.deep.equal(context);
        // The shopper's words stay theirs: the article is not in the message.
        const messages = await backend.getMessages(conversation.id, 0, { token: conversation.token });
        expect(messages[0]!.text).to.equal('Still charged twice.');
        expect((await rejection(backend.getConversation(conversation.id, {}))).code).to.equal('unauthorized');
      });

      it('refuses a context that is not an article', async () => {
        const error = await rejection(
          backend.startConversation(
            { ...shopper, context: { articleId: '', articleTitle: 'x' } },
            { idempotencyKey: newKey() },
          ),
        );
        expect(error.code).to.equal('validation');
        expect(error.fields).to.have.property('context.articleId');
        expect(error.fields).not.to.have.property('context.articleTitle');
      });

      it('keeps one message per clientId, however often it is sent', async () => {
        const conversation = await start();
        const options = { token: conversation.token };
        const input = { clientId: newKey(), text: 'Hello, I need help with an order.' };
        const first = await backend.sendMessage(conversation.id, input, options);
        const again = await backend.sendMessage(conversation.id, input, options);
        expect(again.id).to.equal(first.id);
        expect(again.seq).to.equal(first.seq);

        const messages = await backend.getMessages(conversation.id, 0, options);
        const mine = messages.filter((message) => message.clientId === input.clientId);
        expect(mine).to.have.length(1);
        expect(mine[0]!.seq).to.equal(first.seq);
        expect(mine[0]!.text).to.equal(input.text);
        expect(mine[0]!.author).to.equal('shopper');
      });

      it('returns only the messages after a sequence number, in order', async () => {
        const conversation = await start();
        const options = { token: conversation.token };
        const first = await backend.sendMessage(conversation.id, { clientId: newKey(), text: 'one' }, options);
        const second = await backend.sendMessage(conversation.id, { clientId: newKey(), text: 'two' }, options);
        expect(second.seq).to.be.greaterThan(first.seq);
        const after = await backend.getMessages(conversation.id, first.seq, options);
        expect(after.map((message) => message.id)).to.include(second.id);
        expect(after.map((message) => message.id)).not.to.include(first.id);
        expect(after.every((message) => message.seq > first.seq)).to.equal(true);
      });

      it('rejects an empty message and one over 5000 characters', async () => {
        const conversation = await start();
        const options = { token: conversation.token };
        const empty = await rejection(
          backend.sendMessage(conversation.id, { clientId: newKey(), text: '  ' }, options),
        );
        expect(empty.code).to.equal('validation');
        expect(empty.fields).to.have.property('text');
        const long = await rejection(
          backend.sendMessage(conversation.id, { clientId: newKey(), text: 'x'.repeat(5001) }, options),
        );
        expect(long.fields).to.have.property('text');
      });

      it('refuses a conversation token that is not this conversation’s', async () => {
        const conversation = await start();
        const other = await start();
        const error = await rejection(
          backend.sendMessage(conversation.id, { clientId: newKey(), text: 'hi' }, { token: other.token }),
        );
        expect(error.code).to.equal('unauthorized');
        expect(error.status).to.equal(401);
        expect((await rejection(backend.getMessages(conversation.id, 0, {}))).code).to.equal('unauthorized');
      });

      it('streams: opens, then delivers a new message with a higher seq', async () => {
        const conversation = await start('Hello');
        const stream = watch(conversation);
        await stream.opened();
        const sent = await backend.sendMessage(
          conversation.id,
          { clientId: newKey(), text: 'Are you there?' },
          { token: conversation.token },
        );
        const delivered = await waitFor(
          () => stream.events.find((event) => event.type === 'message' && event.message.id === sent.id),
          'the message on the stream',
        );
        expect(delivered.seq).to.equal(sent.seq);
        expect(delivered.seq).to.be.greaterThan(1);
        stream.close();
      });

      it('numbers messages and events from one counter, without gaps', async () => {
        const conversation = await start();
        const stream = watch(conversation);
        await stream.opened();
        const options = { token: conversation.token };
        const sent: ChatMessage[] = [];
        for (const text of ['first', 'second', 'third']) {
          sent.push(await backend.sendMessage(conversation.id, { clientId: newKey(), text }, options));
        }
        await waitFor(
          () => (stream.events.some((event) => event.seq === sent.at(-1)!.seq) ? true : undefined),
          'the last message on the stream',
        );
        const seqs = stream.events.map((event) => event.seq);
        seqs.forEach((seq, index) => {
          if (index > 0) expect(seq).to.equal(seqs[index - 1]! + 1);
        });

        // What the stream saw so far: an agent message may arrive while the history is fetched.
        const seen = [...stream.events];
        const messages = await backend.getMessages(conversation.id, 0, options);
        messages.forEach((message, index) => {
          if (index > 0) expect(message.seq).to.be.greaterThan(messages[index - 1]!.seq);
        });
        // Every message the stream saw is the same message, at the same place, in the history.
        for (const event of seen) {
          if (event.type !== 'message') continue;
          expect(messages.find((message) => message.id === event.message.id)?.seq).to.equal(event.seq);
        }
        stream.close();
      });

      it('refuses a stream with a wrong token: it closes and delivers nothing', async () => {
        const conversation = await start('Hello');
        const stream = watch({ ...conversation, token: 'wrong' });
        await waitFor(() => (stream.states.includes('closed') ? true : undefined), 'the stream to close');
        await backend.sendMessage(conversation.id, { clientId: newKey(), text: 'hi' }, { token: conversation.token });
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(stream.states).to.deep.equal(['closed']);
        expect(stream.events).to.deep.equal([]);
        stream.close();
      });

      it('passes on read receipts and typing', async () => {
        const conversation = await start('Hello');
        const stream = watch(conversation);
        await stream.opened();
        await backend.sendTyping(conversation.id, true, { token: conversation.token });
        await backend.markRead(conversation.id, 1, { token: conversation.token });
        const read = await waitFor(
          () => stream.events.find((event) => event.type === 'read' && event.author === 'shopper'),
          'the read receipt',
        );
        expect(read).to.include({ upToSeq: 1 });
        await waitFor(
          () => stream.events.find((event) => event.type === 'typing' && event.author === 'shopper' && event.typing),
          'the typing event',
        );
        stream.close();
      });

      it('emails a transcript to a valid address only', async () => {
        const conversation = await start('Hello');
        const options = { token: conversation.token };
        await backend.emailTranscript(conversation.id, 'ana@example.com', options);
        const error = await rejection(backend.emailTranscript(conversation.id, 'not an email', options));
        expect(error.code).to.equal('validation');
        expect(error.fields).to.have.property('email');
      });

      it('adds the article asked about to a running conversation as its context, never to its messages', async () => {
        const conversation = await start('Where is my parcel?');
        const options = { token: conversation.token };
        const article = { articleId: 'en-payment-charged-twice', articleTitle: 'I was charged twice' };
        const state = await backend.setConversationContext(conversation.id, article, options);
        expect(state.context).to.deep.equal(article);
        expect((await backend.getConversation(conversation.id, options)).context).to.deep.equal(article);
        const texts = (await backend.getMessages(conversation.id, 0, options)).map((message) => message.text);
        expect(texts).to.deep.equal(['Where is my parcel?']);

        const invalid = await rejection(
          backend.setConversationContext(conversation.id, { articleId: '', articleTitle: 'x' }, options),
        );
        expect(invalid.code).to.equal('validation');
        expect(invalid.fields).to.have.property('articleId');
        const stranger = await rejection(backend.setConversationContext(conversation.id, article, { token: 'nope' }));
        expect(stranger.code).to.equal('unauthorized');
        await backend.closeConversation(conversation.id, options);
        const ended = await rejection(backend.setConversationContext(conversation.id, article, options));
        expect(ended.code).to.equal('conflict');
      });

      it('takes a PDF as a chat attachment, judged by its bytes, and sends it with a message', async () => {
        const conversation = await start();
        const options = { token: conversation.token, idempotencyKey: newKey() };
        const uploaded = await backend.uploadAttachment(
          conversation.id,
          new File([tinyPdf], 'invoice.pdf', { type: 'application/pdf' }),
          options,
        );
        expect(uploaded.contentType).to.equal('application/pdf');
        expect(uploaded.size).to.equal(tinyPdf.length);
        const again = await backend.uploadAttachment(
          conversation.id,
          new File([tinyPdf], 'invoice.pdf', { type: 'application/pdf' }),
          options,
        );
        expect(again.id).to.equal(uploaded.id);

        const message = await backend.sendMessage(
          conversation.id,
          { clientId: newKey(), text: 'My invoice', attachmentIds: [uploaded.id] },
          { token: conversation.token },
        );
        expect(message.attachments).to.have.length(1);
        expect(message.attachments![0]).to.include({
          id: uploaded.id,
          name: 'invoice.pdf',
          contentType: 'application/pdf',
          size: tinyPdf.length,
        });
      });

      it('judges a chat attachment by content: a PNG named .pdf is a PNG, HTML named .pdf is refused', async () => {
        const conversation = await start();
        const upload = (bytes: BlobPart) =>
          backend.uploadAttachment(conversation.id, new File([bytes], 'scan.pdf', { type: 'application/pdf' }), {
            token: conversation.token,
            idempotencyKey: newKey(),
          });
        expect((await upload(tinyPng)).contentType).to.equal('image/png');
        const error = await rejection(upload('<!doctype html><script>alert(1)</script>'));
        expect(error.code).to.equal('validation');
        expect(error.serverCode).to.equal('unsupported_type');
        expect(error.fields).to.have.property('file');
      });

      it('keeps chat attachments to their conversation, and return photos to photos', async () => {
        const conversation = await start();
        const other = await start();
        const stranger = await rejection(
          backend.uploadAttachment(conversation.id, new Blob([tinyPdf]), {
            token: other.token,
            idempotencyKey: newKey(),
          }),
        );
        expect(stranger.code).to.equal('unauthorized');
        // A file uploaded for another conversation cannot be attached here.
        const elsewhere = await backend.uploadAttachment(other.id, new Blob([tinyPng]), {
          token: other.token,
          idempotencyKey: newKey(),
        });
        const misattached = await rejection(
          backend.sendMessage(
            conversation.id,
            { clientId: newKey(), text: 'look', attachmentIds: [elsewhere.id] },
            { token: conversation.token },
          ),
        );
        expect(misattached.fields).to.have.property('attachmentIds');

        const { returnable } = pickOrders();
        const access = await lookUp(returnable);
        const pdfAsPhoto = await rejection(
          backend.uploadPhoto(new File([tinyPdf], 'receipt.pdf'), {
            token: access.accessToken,
            idempotencyKey: newKey(),
          }),
        );
        expect(pdfAsPhoto.serverCode).to.equal('unsupported_type');
        // A conversation's token opens no order's returns.
        const chatTokenPhoto = await rejection(
          backend.uploadPhoto(new Blob([tinyPng]), { token: conversation.token, idempotencyKey: newKey() }),
        );
        expect(chatTokenPhoto.code).to.equal('unauthorized');
      });

      it('closes a conversation, after which it takes no more messages', async () => {
        const conversation = await start('Hello');
        const options = { token: conversation.token };
        const closed = await backend.closeConversation(conversation.id, options);
        expect(closed.id).to.equal(conversation.id);
        expect(closed.status).to.equal('closed');
        const error = await rejection(
          backend.sendMessage(conversation.id, { clientId: newKey(), text: 'hi' }, options),
        );
        expect(error.code).to.equal('conflict');
      });
    });

    describe('chat history of a signed-in shopper', () => {
      const shopper = { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' };
      /** A customer id no earlier run used: a remote server remembers every run. */
      const newCustomer = () => `cust_${newKey()}`;
      const signIn = async (customerId = newCustomer()) => subject.identityToken!(customerId);
      const startAs = (token: string | undefined, input: Record<string, string> = {}) =>
        backend.startConversation(
          { ...shopper, ...input },
          { idempotencyKey: newKey(), ...(token === undefined ? {} : { token }) },
        );

      whenIdentified(
        'lists a signed-in shopper’s conversations, most recently active first, and nobody else’s',
        async () => {
          const ana = await signIn();
          const bo = await signIn();
          const first = await startAs(ana, { topic: 'A refund', message: 'Where is my refund?' });
          const second = await startAs(ana, { topic: 'Delivery' });
          const bos = await startAs(bo);
          const anonymous = await startAs(undefined);
          // News moves the first one up.
          await new Promise((resolve) => setTimeout(resolve, 5));
          await backend.sendMessage(first.id, { clientId: newKey(), text: 'Any news?' }, { token: first.token });

          const page = await backend.listConversations({}, { token: ana });
          const ids = page.conversations.map((conversation) => conversation.id);
          expect(ids).to.have.members([first.id, second.id]);
          expect(ids).not.to.include(bos.id);
          expect(ids).not.to.include(anonymous.id);
          // Most recently active first (an agent joining is news too, so which one is first may vary).
          const times = page.conversations.map((conversation) => Date.parse(conversation.updatedAt));
          expect(times[0]).to.be.at.least(times[1]!);
          const listed = page.conversations.find((conversation) => conversation.id === first.id)!;
          expect(listed.topic).to.equal('A refund');
          expect(['queued', 'open']).to.include(listed.status);
          expect(Date.parse(listed.updatedAt)).to.be.at.least(Date.parse(listed.createdAt));
          expect(listed.lastSeq).to.be.at.least(2);
          expect(listed.unread).to.be.a('number');
          // The shopper's last words, unless the agent answered already.
          if (listed.lastMessage?.author === 'shopper') {
            expect(listed.lastMessage).to.include({ text: 'Any news?', attachmentCount: 0 });
          } else {
            expect(listed.lastMessage?.author).to.equal('agent');
          }
          expect(page.nextCursor).to.equal(undefined);

          const bosPage = await backend.listConversations({}, { token: bo });
          expect(bosPage.conversations.map((conversation) => conversation.id)).to.deep.equal([bos.id]);
        },
      );

      whenIdentified('pages the history with limit and cursor, and refuses a limit out of range', async () => {
        const token = await signIn();
        const started = [];
        for (const topic of ['one', 'two', 'three']) started.push((await startAs(token, { topic })).id);
        const before = await backend.listConversations({}, { token });
        const first = await backend.listConversations({ limit: 2 }, { token });
        expect(first.conversations).to.have.length(2);
        expect(first.nextCursor).to.be.a('string');
        const second = await backend.listConversations({ limit: 2, cursor: first.nextCursor! }, { token });
        expect(second.nextCursor).to.equal(undefined);
        const paged = [...first.conversations, ...second.conversations].map((conversation) => conversation.id);
        expect(new Set(paged).size, 'no conversation on two pages').to.equal(paged.length);
        // Paging skips a conversation only if it had news meanwhile (an agent joined it: the memory
        // backend's simulated agent may, between the two calls): it moved to the top, before the
        // cursor, where a fresh first page shows it.
        const fresh = await backend.listConversations({}, { token });
        const updatedAt = (page: ConversationPage, id: string) =>
          page.conversations.find((conversation) => conversation.id === id)?.updatedAt;
        for (const id of started.filter((startedId) => !paged.includes(startedId))) {
          expect(updatedAt(fresh, id), `${id} was skipped without news`).to.not.equal(updatedAt(before, id));
        }
        expect(fresh.conversations.map((conversation) => conversation.id)).to.include.members(started);
        const error = await rejection(backend.listConversations({ limit: 0 }, { token }));
        expect(error.code).to.equal('validation');
        expect(error.fields).to.have.property('limit');
      });

      it('lists conversations only for a signed-in shopper', async () => {
        expect((await rejection(backend.listConversations({}, {}))).code).to.equal('unauthorized');
        const conversation = await backend.startConversation(shopper, { idempotencyKey: newKey() });
        const error = await rejection(backend.listConversations({}, { token: conversation.token }));
        expect(error.code).to.equal('unauthorized');
        expect(error.status).to.equal(401);
      });

      whenIdentified(
        'opens a conversation with its owner’s identity token on another device, and refuses another shopper’s',
        async () => {
          const ana = await signIn();
          const bo = await signIn();
          const conversation = await startAs(ana, { message: 'Started on my phone' });

          // The laptop has only the identity token.
          const events: ChatEvent[] = [];
          const states: string[] = [];
          const stream = backend.openChatStream(conversation.id, ana, {
            onEvent: (event) => events.push(event),
            onConnection: (state) => states.push(state),
          });
          await waitFor(() => (states.includes('open') ? true : undefined), 'the stream to open');
          const sent = await backend.sendMessage(
            conversation.id,
            { clientId: newKey(), text: 'Now on my laptop' },
            { token: ana },
          );
          await waitFor(
            () => events.find((event) => event.type === 'message' && event.message.id === sent.id),
            'the message on the stream',
          );
          const messages = await backend.getMessages(conversation.id, 0, { token: ana });
          const shoppers = messages.filter((message) => message.author === 'shopper');
          expect(shoppers.map((message) => message.text)).to.deep.equal(['Started on my phone', 'Now on my laptop']);
          await backend.markRead(conversation.id, sent.seq, { token: ana });
          await backend.sendTyping(conversation.id, false, { token: ana });
          const attachment = await backend.uploadAttachment(conversation.id, new Blob([tinyPdf]), {
            token: ana,
            idempotencyKey: newKey(),
          });
          expect(attachment.contentType).to.equal('application/pdf');
          stream.close();

          // Another shopper's identity: the answer an unknown conversation gets.
          const foreign = await rejection(backend.getMessages(conversation.id, 0, { token: bo }));
          const unknown = await rejection(backend.getMessages('conv_does_not_exist', 0, { token: bo }));
          expect(foreign.code).to.equal('not_found');
          expect(foreign.serverCode).to.equal(unknown.serverCode);
          expect(foreign.message).to.equal(unknown.message);
          expect(
            (await rejection(backend.sendMessage(conversation.id, { clientId: newKey(), text: 'hi' }, { token: bo })))
              .code,
          ).to.equal('not_found');
          const refusedStates: string[] = [];
          const refusedEvents: ChatEvent[] = [];
          const refused = backend.openChatStream(conversation.id, bo, {
            onEvent: (event) => refusedEvents.push(event),
            onConnection: (state) => refusedStates.push(state),
          });
          await waitFor(() => (refusedStates.includes('closed') ? true : undefined), 'the stream to be refused');
          expect(refusedStates).to.deep.equal(['closed']);
          expect(refusedEvents).to.deep.equal([]);
          refused.close();

          // Closing with the identity token answers no token at all: an identity token is never one.
          const closed = await backend.closeConversation(conversation.id, { token: ana });
          expect(closed.status).to.equal('closed');
          expect(closed.token).to.equal('');
        },
      );
    });

    describe('surveys', () => {
      const rated = { type: 'store', id: 'demo' } as const;

      it('records a score in range', async () => {
        const record = await backend.submitSurvey(
          { kind: 'nps', score: 10, subject: rated },
          { idempotencyKey: newKey() },
        );
        expect(record.id).to.be.a('string').and.not.equal('');
        expect(Number.isNaN(Date.parse(record.createdAt))).to.equal(false);
      });

      it('rejects scores out of range or not whole', async () => {
        const cases = [
          { kind: 'csat', score: 6 },
          { kind: 'csat', score: 0 },
          { kind: 'nps', score: 11 },
          { kind: 'ces', score: 8 },
          { kind: 'csat', score: 3.5 },
        ] as const;
        for (const { kind, score } of cases) {
          const error = await rejection(
            backend.submitSurvey({ kind, score, subject: rated }, { idempotencyKey: newKey() }),
          );
          expect(error.code, `${kind} ${score}`).to.equal('validation');
          expect(error.fields, `${kind} ${score}`).to.have.property('score');
        }
      });

      it('answers a repeated idempotency key with the first response, and refuses a different body', async () => {
        const idempotencyKey = newKey();
        const first = await backend.submitSurvey({ kind: 'csat', score: 4, subject: rated }, { idempotencyKey });
        const again = await backend.submitSurvey({ kind: 'csat', score: 4, subject: rated }, { idempotencyKey });
        expect(again.id).to.equal(first.id);
        const reused = await rejection(
          backend.submitSurvey({ kind: 'csat', score: 2, subject: rated }, { idempotencyKey }),
        );
        expect(reused.code).to.equal('conflict');
        expect(reused.serverCode).to.equal('idempotency_key_reused');
      });
    });

    it('runs every case but the ones this adapter lists, and prints those', () => {
      if (notRun.length > 0) {
        console.log(
          [
            `KefuBackend contract: ${adapterName} does not run ${notRun.length} case(s):`,
            ...notRun.map((left) => `  - ${left.case} (needs ${left.needs})`),
          ].join('\n'),
        );
      }
      expect(notRun).to.deep.equal(capabilities.notRun ?? []);
    });
  });
}
