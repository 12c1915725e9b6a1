import { expect } from '@open-wc/testing';
import type { KefuBackend } from '../src/ports/backend.js';
import { demoStoreConfig } from '../src/seed/demo-store.js';

export interface BackendUnderTest {
  readonly backend: KefuBackend;
  readonly teardown?: () => Promise<void> | void;
}

/**
 * The backend contract, as behaviour: every adapter (memory, http against msw, http against the
 * reference server) runs this same suite, the way Lion runs one shared suite per mixin. A feature
 * that adds methods to KefuBackend adds their cases here.
 */
export function runBackendSuite(adapterName: string, setup: () => Promise<BackendUnderTest>): void {
  describe(`KefuBackend contract: ${adapterName}`, () => {
    let subject: BackendUnderTest;

    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject.teardown?.();
    });

    describe('config', () => {
      it('describes the demo store: brand, locales, business hours and channels', async () => {
        const config = await subject.backend.getConfig();
        expect(config.brand.name).to.equal(demoStoreConfig.brand.name);
        expect(config.locales).to.include.members(['en', 'zh-CN']);
        expect(config.businessHours.timezone).to.equal('Europe/Paris');
        expect(config.businessHours.weekly.length).to.be.greaterThan(0);
        expect(config.channels.chat).to.equal(true);
      });

      it('hands out a copy the caller cannot use to change the store', async () => {
        const first = await subject.backend.getConfig();
        (first.brand as { name: string }).name = 'Tampered';
        const second = await subject.backend.getConfig();
        expect(second.brand.name).to.equal(demoStoreConfig.brand.name);
      });

      it('rejects with an "aborted" KefuError when the caller cancels', async () => {
        const controller = new AbortController();
        controller.abort();
        const error = await subject.backend.getConfig({ signal: controller.signal }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.have.property('code', 'aborted');
      });
    });
  });
}
