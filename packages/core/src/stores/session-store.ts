import { signal, type ReadonlySignal } from '@preact/signals-core';

export interface SessionStore {
  /** The host's identity token for a signed-in shopper. Kept in memory only, never stored. */
  readonly identityToken: ReadonlySignal<string | undefined>;
  readonly locale: ReadonlySignal<string>;
  identify(token: string | undefined): void;
  setLocale(locale: string): void;
}

export function createSessionStore(options: { locale: string; identityToken?: string }): SessionStore {
  const identityToken = signal<string | undefined>(options.identityToken);
  const locale = signal(options.locale);
  return {
    identityToken,
    locale,
    identify(token) {
      identityToken.value = token;
    },
    setLocale(next) {
      locale.value = next;
    },
  };
}
