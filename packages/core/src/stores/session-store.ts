import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { KeyValueStorage } from '../ports/storage.js';

export interface SessionStore {
  /** The host's identity token for a signed-in shopper. Kept in memory only, never stored. */
  readonly identityToken: ReadonlySignal<string | undefined>;
  /** The language Kefu speaks: the shopper's own pick, else the host's (or the page's) language. */
  readonly locale: ReadonlySignal<string>;
  /** The language the shopper picked in the panel, if they did (and the host has not set one since). */
  readonly chosenLocale: ReadonlySignal<string | undefined>;
  /** The browser's languages, most preferred first (`navigator.languages` unless injected). */
  readonly browserLanguages: readonly string[];
  /** The shopper turned down the offer of their browser's language. */
  readonly offerDismissed: ReadonlySignal<boolean>;
  identify(token: string | undefined): void;
  /**
   * The host's language (`Kefu('setLocale', …)`, `client.session.setLocale`): it replaces the
   * shopper's earlier pick, since the host says so explicitly and later.
   */
  setLocale(locale: string): void;
  /** The shopper's pick in the panel: wins over the host's default, remembered (after intent, with consent). */
  chooseLocale(locale: string): Promise<void>;
  /** The shopper turned down the offer of their browser's language: not offered again. */
  dismissOffer(): Promise<void>;
  /**
   * Reads what an earlier visit remembered. Called on the shopper's intent, when storage may be
   * used; a host's `setLocale` made on this page before then still wins.
   */
  restore(): Promise<void>;
}

export interface SessionOptions {
  readonly locale: string;
  readonly identityToken?: string;
  /** Where the shopper's language preference is kept (Kefu's storage, which honours intent and consent). */
  readonly storage?: KeyValueStorage;
  readonly browserLanguages?: readonly string[];
}

/** What is remembered about the shopper's language, under one key. */
interface LanguagePreference {
  readonly locale?: string;
  readonly offerDismissed?: boolean;
}

const preferenceKey = 'preference:language';

export function createSessionStore(options: SessionOptions): SessionStore {
  const { storage } = options;
  const identityToken = signal<string | undefined>(options.identityToken);
  const hostLocale = signal(options.locale);
  const chosenLocale = signal<string | undefined>(undefined);
  const offerDismissed = signal(false);
  // Set once the host sets a language on this page: an older pick read later must not undo it.
  let hostSpoke = false;

  const remember = async () => {
    const preference: LanguagePreference = {
      ...(chosenLocale.peek() ? { locale: chosenLocale.peek() } : {}),
      ...(offerDismissed.peek() ? { offerDismissed: true } : {}),
    };
    // Kefu's storage keeps this in memory until the shopper's intent and the host's consent.
    await storage?.set(preferenceKey, preference);
  };

  return {
    identityToken,
    locale: computed(() => chosenLocale.value ?? hostLocale.value),
    chosenLocale,
    browserLanguages: options.browserLanguages ?? [],
    offerDismissed,
    identify(token) {
      identityToken.value = token;
    },
    setLocale(next) {
      hostSpoke = true;
      const hadPick = chosenLocale.peek() !== undefined;
      batch(() => {
        hostLocale.value = next;
        chosenLocale.value = undefined;
      });
      // A pick made or read on this page is forgotten; one still in storage only loses to the host
      // on this page (it was never read here), so nothing is written before the shopper's intent.
      if (hadPick) void remember();
    },
    async chooseLocale(next) {
      chosenLocale.value = next;
      await remember();
    },
    async dismissOffer() {
      offerDismissed.value = true;
      await remember();
    },
    async restore() {
      const preference = await storage?.get<LanguagePreference>(preferenceKey);
      if (!preference) return;
      batch(() => {
        if (preference.offerDismissed) offerDismissed.value = true;
        if (preference.locale && !hostSpoke && chosenLocale.peek() === undefined)
          chosenLocale.value = preference.locale;
      });
    },
  };
}
