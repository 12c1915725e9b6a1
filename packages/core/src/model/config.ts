/** What a store tells the widget about itself: GET /v1/config. */
export interface StoreConfig {
  readonly brand: Brand;
  /** BCP 47 tags the help centre is written in; the first is the default. */
  readonly locales: readonly string[];
  readonly businessHours: BusinessHours;
  readonly channels: Channels;
}

export interface Brand {
  readonly name: string;
  /** A CSS colour; the widget derives a readable text colour from it. */
  readonly color: string;
  readonly logoUrl?: string;
}

export interface BusinessHours {
  /** IANA timezone the opening hours are written in, e.g. "Europe/Paris". */
  readonly timezone: string;
  /** Opening hours per ISO weekday (1 = Monday … 7 = Sunday), as "HH:MM" local times. */
  readonly weekly: readonly OpeningInterval[];
  /** Closed days, as ISO dates in the store's timezone. */
  readonly holidays: readonly string[];
}

export interface OpeningInterval {
  readonly weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  readonly opens: string;
  readonly closes: string;
}

export interface Channels {
  readonly faq: boolean;
  readonly orders: boolean;
  readonly returns: boolean;
  readonly chat: boolean;
  readonly callback: boolean;
  readonly surveys: boolean;
}
