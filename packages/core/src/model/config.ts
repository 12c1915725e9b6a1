/** What a store tells the widget about itself: GET /v1/config. */
export interface StoreConfig {
  readonly brand: Brand;
  /** BCP 47 tags the help centre is written in; the first is the default. */
  readonly locales: readonly string[];
  readonly businessHours: BusinessHours;
  readonly channels: Channels;
  /**
   * Ways to reach the store outside the widget (an e-mail address, a phone line), shown where the
   * widget has no answer. Optional, like each channel in it: only what the store gives is shown.
   */
  readonly contact?: ContactChannels;
  readonly returnPolicy: ReturnPolicy;
  readonly callbacks: CallbackSettings;
  readonly surveys: SurveySettings;
  /**
   * How the store writes its order numbers, so what shoppers type ("mm 1003", "#MM-１００３") is
   * read as the number it means. Optional: without it, numbers are only cleaned up character by
   * character (full-width forms, case, a leading "#", spaces and dashes), never re-formatted.
   */
  readonly orderNumbers?: OrderNumberFormat;
  /**
   * What the server does by e-mail. Set by the server from its own mail setup, never by the store's
   * settings: the widget promises an e-mail ("we will email you…") only when `sends` is true, and
   * otherwise says where the shopper will see the answer instead (decision 0025). Absent (an older
   * server, a backend that does not say): no mail is sent.
   */
  readonly mail?: MailCapability;
}

export interface MailCapability {
  /** Whether the server sends shoppers e-mail: a return's decision, a transcript, the answer to a message. */
  readonly sends: boolean;
}

/**
 * An order number is a prefix, digits and a suffix — the shape of Shopify's and WooCommerce's
 * order-number settings. "MM-1003" is `{ prefix: 'MM-' }`.
 */
export interface OrderNumberFormat {
  /** Before the digits, separator included, e.g. "MM-"; "" for bare numbers. */
  readonly prefix: string;
  /** After the digits, separator included; usually "". */
  readonly suffix?: string;
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
  /** Closed days, as ISO dates (YYYY-MM-DD) in the store's timezone. */
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

export interface ContactChannels {
  /** An address shoppers can write to, e.g. "help@maple-and-moss.example". */
  readonly email?: string;
  readonly phone?: PhoneLine;
}

export interface PhoneLine {
  /**
   * The number in international format as shoppers should read it, e.g. "+33 1 23 45 67 89";
   * the `tel:` link keeps only its "+" and digits.
   */
  readonly number: string;
  /**
   * When the line is answered, in the same shape as the store's business hours (its timezone
   * included). Absent: the store's `businessHours`.
   */
  readonly hours?: BusinessHours;
}

export type ReturnResolution = 'refund' | 'exchange' | 'store_credit';

export interface ReturnReason {
  /** Stable code sent to the backend, e.g. "too_small". */
  readonly code: string;
  /** Label per locale, e.g. { en: 'Too small', 'zh-CN': '尺码偏小' }. */
  readonly labels: Readonly<Record<string, string>>;
  readonly requiresPhoto: boolean;
}

export interface ReturnPolicy {
  /** Days a delivered item can be returned, counted from delivery. */
  readonly windowDays: number;
  /** Every reason the store knows, in the order they are offered. */
  readonly reasons: readonly ReturnReason[];
  /**
   * The reason codes offered for an item of each product category (`OrderItem.category`), e.g.
   * `{ apparel: ['too_small', …], tableware: ['damaged', …] }`: "Too small" is no reason to return a
   * plate. Optional: without it, every reason applies to every item.
   */
  readonly reasonsByCategory?: Readonly<Record<string, readonly string[]>>;
  /**
   * The reason codes for an item with no category, or one `reasonsByCategory` does not list.
   * Absent: every reason.
   */
  readonly defaultReasons?: readonly string[];
  readonly resolutions: readonly ReturnResolution[];
  readonly photos: {
    readonly maxCount: number;
    readonly maxBytes: number;
    readonly types: readonly ('image/jpeg' | 'image/png' | 'image/webp')[];
  };
}

export interface CallbackSettings {
  /** Length of one callback slot. */
  readonly slotMinutes: number;
  /** A slot must start at least this long after the request. */
  readonly leadMinutes: number;
  /** How many days ahead slots are offered. */
  readonly daysAhead: number;
}

export type SurveyKind = 'csat' | 'nps' | 'ces';
export type SurveyTrigger = 'chat_closed' | 'return_created' | 'callback_completed';

export interface SurveySettings {
  /** Which survey follows which event; an event without an entry asks nothing. */
  readonly triggers: readonly {
    readonly on: SurveyTrigger;
    readonly kind: SurveyKind;
    readonly delaySeconds: number;
  }[];
  /** After a dismissal, do not ask again for this many days. */
  readonly cooldownDays: number;
}
