import type * as PhoneModule from '@kefu/core/phone';

/** libphonenumber-js, its metadata and Kefu's checks over them: the callback form's phone field. */
export type PhoneNumbers = typeof PhoneModule;

let loaded: PhoneNumbers | undefined;
let loading: Promise<PhoneNumbers> | undefined;

/** The phone numbers, when they have come (the form shows once they have). */
export function phoneNumbers(): PhoneNumbers | undefined {
  return loaded;
}

/**
 * Fetches the phone numbers once (24 KB brotli): a dynamic import, so no page pays for them before
 * a shopper shows intent — the callback form asks when it connects, the widget once its panel has
 * opened (views.ts), not when a module is evaluated. A failed fetch is asked again next time, but
 * Chromium keeps a module's failure until the page reloads, so the form then says to reload.
 */
export function loadPhoneNumbers(): Promise<PhoneNumbers> {
  loading ??= import('@kefu/core/phone').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
