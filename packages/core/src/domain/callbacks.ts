import type { CallbackInput } from '../model/callbacks.js';
import type { StoreConfig } from '../model/config.js';
import { slotsBetween, type SlotTime } from './business-hours.js';
import { isOptionalText, type FieldErrors } from './fields.js';
import { isBlank } from './text-fields.js';
import { zonedParts, zonedTimeToUtc } from './zoned-time.js';

/** Agents who can take calls in the same slot. */
export const CALLBACK_SLOT_CAPACITY = 2;
/** How many days one slots query may span. */
export const MAX_SLOT_QUERY_DAYS = 31;
const DAY_MS = 86_400_000;
const e164Pattern = /^\+[1-9]\d{6,14}$/;

/** A real calendar date written YYYY-MM-DD (not 2026-13-45). */
function isIsoDate(value: string): boolean {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

/** A slots query, checked: the first store-local date to look at and the instant slots start from. */
export interface SlotQuery {
  readonly firstDate: string;
  readonly fromInstant: number;
  readonly days: number;
}

/**
 * `from` is a store-local date (from its midnight) or an instant; `days` a whole number of days.
 * Returns what is wrong, or the query to pass to offeredSlots.
 */
export function checkSlotQuery(
  config: StoreConfig,
  from: unknown,
  days: unknown,
): { fields: FieldErrors } | { query: SlotQuery } {
  const { timezone } = config.businessHours;
  const fields: FieldErrors = {};
  const looksLikeDate = typeof from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from);
  const isDate = looksLikeDate && isIsoDate(from);
  // Date.parse would take 2026-02-30 for 2 March; a date that does not exist is a mistake.
  const fromInstant = isDate
    ? zonedTimeToUtc(from, '00:00', timezone).getTime()
    : typeof from === 'string' && !looksLikeDate
      ? Date.parse(from)
      : Number.NaN;
  if (Number.isNaN(fromInstant)) fields['from'] = 'Expected an ISO date or instant.';
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_SLOT_QUERY_DAYS) {
    fields['days'] = `Expected a whole number of days, 1 to ${MAX_SLOT_QUERY_DAYS}.`;
  }
  if (Object.keys(fields).length > 0 || typeof from !== 'string' || typeof days !== 'number') return { fields };
  const firstDate = isDate ? from : zonedParts(fromInstant, timezone).date;
  return { query: { firstDate, fromInstant, days } };
}

/** Slots a shopper may book at `now`: not sooner than the lead time, not beyond the days ahead. */
export function isBookable(config: StoreConfig, slot: SlotTime, now: number): boolean {
  const { leadMinutes, daysAhead } = config.callbacks;
  return slot.start >= now + leadMinutes * 60_000 && slot.start < now + daysAhead * DAY_MS;
}

/** Every bookable slot the query covers, in order, whether or not it still has room. */
export function offeredSlots(config: StoreConfig, query: SlotQuery, now: number): SlotTime[] {
  return slotsBetween(config.businessHours, query.firstDate, query.days, config.callbacks.slotMinutes).filter(
    (slot) => slot.start >= query.fromInstant && isBookable(config, slot, now),
  );
}

/** The bookable slot starting at `slot` (an ISO instant), if there is one. */
export function offeredSlot(config: StoreConfig, slot: unknown, now: number): SlotTime | undefined {
  const start = typeof slot === 'string' ? Date.parse(slot) : Number.NaN;
  if (Number.isNaN(start)) return undefined;
  const { businessHours, callbacks } = config;
  const date = zonedParts(start, businessHours.timezone).date;
  return slotsBetween(businessHours, date, 1, callbacks.slotMinutes).find(
    (candidate) => candidate.start === start && isBookable(config, candidate, now),
  );
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a callback request; `slotOffered` is whether offeredSlot found its slot. */
export function validateCallbackInput(input: CallbackInput, slotOffered: boolean): FieldErrors {
  const fields: FieldErrors = {};
  if (isBlank(input.name)) fields['name'] = 'Enter your name.';
  else if (!isOptionalText(input.name, 200)) fields['name'] = 'Please keep the name under 200 characters.';
  if (typeof input.phone !== 'string' || !e164Pattern.test(input.phone.trim())) {
    fields['phone'] = 'Enter the number with its country code, e.g. +33 6 12 34 56 78.';
  }
  if (input.consent !== true) fields['consent'] = 'Please agree to be called.';
  if (!slotOffered) fields['slot'] = 'That time is not available; please choose another.';
  if (!isOptionalText(input.topic, 1000)) fields['topic'] = 'Please keep the topic under 1000 characters.';
  const timezone: unknown = input.timezone;
  if (timezone !== undefined && (typeof timezone !== 'string' || timezone.length > 100 || !isTimeZone(timezone))) {
    fields['timezone'] = 'Expected an IANA timezone, e.g. Europe/Paris.';
  }
  if (!isOptionalText(input.orderNumber, 64)) fields['orderNumber'] = 'That is not an order number.';
  return fields;
}
