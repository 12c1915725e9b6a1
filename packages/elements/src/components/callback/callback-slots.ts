import type { CallbackSlot } from '@kefu/core';

/** One slot as the shopper reads it: the day and the time in their timezone, and the store's time when it differs. */
export interface SlotLabel {
  readonly start: string;
  /** Day key in the shopper's timezone, "2027-03-29". */
  readonly dayKey: string;
  /** "Monday 29 March" */
  readonly day: string;
  /** "09:00–09:30" */
  readonly time: string;
  /** "16:00" in the store's timezone, when the shopper's clock says something else. */
  readonly storeTime?: string;
}

export interface SlotDay {
  readonly key: string;
  readonly label: string;
  readonly slots: readonly SlotLabel[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** "09:00" where clocks run 0–23, "9:00 AM" where they run 1–12: as people write times there. */
function timeOptions(locale: string): Intl.DateTimeFormatOptions {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  return { hour: hourCycle === 'h11' || hourCycle === 'h12' ? 'numeric' : '2-digit', minute: '2-digit' };
}

/** "2027-03-29" in `timeZone`: a key to group slots by the shopper's own days. */
function dayKeyOf(instant: Date, timeZone: string): string {
  return formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The shopper's timezone as the browser knows it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Labels a slot in the shopper's timezone; the store's wall time is added when it differs, so
 * "10:00–10:30 your time · 16:00 in Paris" is true on both sides of a daylight-saving change.
 */
export function labelSlot(
  slot: Pick<CallbackSlot, 'start' | 'end'>,
  locale: string,
  shopperTimeZone: string,
  storeTimeZone: string | undefined,
): SlotLabel {
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  const options = timeOptions(locale);
  const time = formatter(locale, shopperTimeZone, options);
  const shopperStart = time.format(start);
  const storeStart = storeTimeZone ? formatter(locale, storeTimeZone, options).format(start) : shopperStart;
  return {
    start: slot.start,
    dayKey: dayKeyOf(start, shopperTimeZone),
    day: formatter(locale, shopperTimeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(start),
    time: time.formatRange(start, end),
    ...(storeStart !== shopperStart ? { storeTime: storeStart } : {}),
  };
}

/** Slots grouped by the shopper's days, in order. */
export function groupSlotsByDay(
  slots: readonly CallbackSlot[],
  locale: string,
  shopperTimeZone: string,
  storeTimeZone: string | undefined,
): SlotDay[] {
  const days = new Map<string, { label: string; slots: SlotLabel[] }>();
  for (const slot of slots) {
    const label = labelSlot(slot, locale, shopperTimeZone, storeTimeZone);
    let day = days.get(label.dayKey);
    if (!day) {
      day = { label: label.day, slots: [] };
      days.set(label.dayKey, day);
    }
    day.slots.push(label);
  }
  return [...days].map(([key, day]) => ({ key, label: day.label, slots: day.slots }));
}
