import { html, nothing, type TemplateResult } from 'lit';
import type { BusinessHours, StoreConfig } from '@kefu/core';
import { pickCatalogue, type Catalogues } from '../../i18n/localize.js';

/**
 * The store's ways to be reached outside the widget (`config.contact`): an e-mail address and a
 * phone line with its hours. Shown where the widget has no answer (the help centre's "no results")
 * and on the widget's home. Only what the store configured; nothing when it configured none.
 *
 * The strings are a few words per language, so they ship together rather than as lazy chunks:
 * home renders synchronously and cannot wait for one.
 */
export interface ContactMessages {
  readonly heading: string;
  readonly email: string;
  readonly phone: string;
  /**
   * "Mon–Fri 9:00 AM – 6:00 PM (Paris time)", "周一至周五 09:00–18:00（法国时间）": the store's
   * clock, named as the callback form names it (see `zoneNames`).
   */
  readonly inZone: (hours: string, zone: ZoneNames) => string;
  /**
   * "Mon–Fri". Arabic puts a word joiner (U+2060) after the dash: its long day names broke there on
   * a phone, "الاثنين–" ending one line and "الجمعة" starting the next.
   */
  readonly dayRange: (first: string, last: string) => string;
}

export const contactMessages: Catalogues<ContactMessages> = {
  en: {
    heading: 'Other ways to reach us',
    email: 'E-mail',
    phone: 'Phone',
    inZone: (hours, zone) => `${hours} (${zone.city} time)`,
    dayRange: (first, last) => `${first}–${last}`,
  },
  'zh-CN': {
    heading: '其他联系方式',
    email: '电子邮件',
    phone: '电话',
    inZone: (hours, zone) => `${hours}（${zone.name}）`,
    dayRange: (first, last) => `${first}至${last}`,
  },
  ar: {
    heading: 'طرق أخرى للتواصل معنا',
    email: 'البريد الإلكتروني',
    phone: 'الهاتف',
    inZone: (hours, zone) => `${hours} (${zone.name})`,
    dayRange: (first, last) => `${first}–\u2060${last}`,
  },
};

/**
 * How a shopper is told whose clock a time is on. English names the zone's city, from its IANA
 * name ("Europe/Paris" → "Paris time", "09:00 in Paris"); that city is an English word, so other
 * languages name the zone as CLDR writes it in them, through `Intl.DateTimeFormat`'s generic
 * location name: the country where it has one zone ("法国时间", "توقيت فرنسا", "中国时间"). In a
 * country of several zones CLDR names the city, and Chromium's trimmed ICU data has no translated
 * city names: "America/New_York" is "New York时间" there (Node's full ICU says "纽约时间").
 */
export interface ZoneNames {
  /** "America/New_York" → "New York". */
  readonly city: string;
  /** The zone in the shopper's language, "time" included: "法国时间", "توقيت فرنسا", "New York时间". */
  readonly name: string;
}

export function zoneNames(timeZone: string, locale: string): ZoneNames {
  const city = (timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ');
  let name = city;
  try {
    name =
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortGeneric' })
        .formatToParts(0)
        .find((part) => part.type === 'timeZoneName')?.value ?? city;
  } catch {
    // An unknown zone or locale: the city is still better than nothing.
  }
  return { city, name };
}

/** "+33 1 23 45 67 89" → "tel:+33123456789": a tel URI keeps the "+" and the digits. */
const telHref = (number: string) => `tel:${number.trim().startsWith('+') ? '+' : ''}${number.replace(/\D/g, '')}`;

/** A local "HH:MM" as a moment on 1 January 2024 (a Monday) in UTC, for Intl to write. */
const clock = (time: string) => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(2024, 0, 1, hours, minutes));
};

/**
 * The weekly hours in a line: weekdays in a row with the same hours share them, "Mon–Fri 9:00 AM –
 * 6:00 PM", in the shopper's language and clock, and the store's zone to say whose time it is.
 */
export function summarizeHours(hours: BusinessHours, locale: string, messages: ContactMessages): string {
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const dayName = (day: number) => weekday.format(new Date(Date.UTC(2024, 0, day)));
  const timesOf = (day: number) =>
    hours.weekly
      .filter((interval) => interval.weekday === day)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((interval) => time.formatRange(clock(interval.opens), clock(interval.closes)))
      .join(', ');
  const groups: { first: number; last: number; times: string }[] = [];
  for (let day = 1; day <= 7; day += 1) {
    const times = timesOf(day);
    const previous = groups.at(-1);
    if (!times) continue;
    if (previous && previous.last === day - 1 && previous.times === times) previous.last = day;
    else groups.push({ first: day, last: day, times });
  }
  const days = groups.map(({ first, last, times }) => {
    const named = first === last ? dayName(first) : messages.dayRange(dayName(first), dayName(last));
    return `${named} ${times}`;
  });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(days);
  return messages.inZone(list, zoneNames(hours.timezone, locale));
}

/**
 * One list item per channel the store gave: a `mailto:` link, and a `tel:` link with the line's
 * hours (the store's business hours unless the line has its own). Addresses and numbers are
 * isolated left to right, so they keep their order inside Arabic text.
 */
export function contactItems(config: StoreConfig | undefined, locale: string): TemplateResult[] {
  const contact = config?.contact;
  if (!config || !contact) return [];
  const messages = pickCatalogue(contactMessages, locale);
  const items: TemplateResult[] = [];
  if (contact.email) {
    items.push(
      html`<li class="contact-channel email">
        <a part="contact-link" href="mailto:${contact.email}"
          >${messages.email} <bdi dir="ltr">${contact.email}</bdi></a
        >
      </li>`,
    );
  }
  const phone = contact.phone;
  if (phone?.number) {
    const hours = phone.hours ?? config.businessHours;
    items.push(
      html`<li class="contact-channel phone">
        <a part="contact-link" href=${telHref(phone.number)}>${messages.phone} <bdi dir="ltr">${phone.number}</bdi></a>
        <span class="hours"> · ${summarizeHours(hours, locale, messages)}</span>
      </li>`,
    );
  }
  return items;
}

/** The home's "Other ways to reach us": a heading and the channels, or nothing without any. */
export function renderContactSection(config: StoreConfig | undefined, locale: string) {
  const items = contactItems(config, locale);
  if (items.length === 0) return nothing;
  return html`<h3 class="section-title">${pickCatalogue(contactMessages, locale).heading}</h3>
    <ul class="contact-channels" part="contact-channels">
      ${items}
    </ul>`;
}
