import type { BusinessHours } from '../model/config.js';
import { addDays, isoWeekday, minutesOf, timeOf, zonedParts, zonedTimeToUtc } from './zoned-time.js';

/** One opening interval on one store-local date, as UTC instants. */
export interface OpeningWindow {
  readonly date: string;
  readonly opens: number;
  readonly closes: number;
}

/** The opening windows of one store-local date (none on a holiday or a closed weekday). */
export function openingWindows(hours: BusinessHours, dateISO: string): OpeningWindow[] {
  if (hours.holidays.includes(dateISO)) return [];
  const weekday = isoWeekday(dateISO);
  return hours.weekly
    .filter((interval) => interval.weekday === weekday)
    .map((interval) => ({
      date: dateISO,
      opens: zonedTimeToUtc(dateISO, interval.opens, hours.timezone).getTime(),
      closes: zonedTimeToUtc(dateISO, interval.closes, hours.timezone).getTime(),
    }))
    .sort((a, b) => a.opens - b.opens);
}

export function isOpenAt(hours: BusinessHours, instant: number): boolean {
  const { date } = zonedParts(instant, hours.timezone);
  return openingWindows(hours, date).some((window) => window.opens <= instant && instant < window.closes);
}

/** When the store next opens after `instant`, looking two weeks ahead (holidays rarely last longer). */
export function nextOpeningAt(hours: BusinessHours, instant: number): number | undefined {
  const today = zonedParts(instant, hours.timezone).date;
  for (let day = 0; day <= 14; day += 1) {
    const next = openingWindows(hours, addDays(today, day)).find((window) => window.opens > instant);
    if (next) return next.opens;
  }
  return undefined;
}

export interface SlotTime {
  readonly start: number;
  readonly end: number;
}

/**
 * Every slot of `slotMinutes` that fits inside the opening hours of `days` store-local dates from
 * `firstDate`. Slots step through local wall time, so they keep starting on the hour after a
 * daylight-saving change.
 */
export function slotsBetween(hours: BusinessHours, firstDate: string, days: number, slotMinutes: number): SlotTime[] {
  const slots: SlotTime[] = [];
  for (let day = 0; day < days; day += 1) {
    const date = addDays(firstDate, day);
    if (hours.holidays.includes(date)) continue;
    const weekday = isoWeekday(date);
    for (const interval of hours.weekly.filter((candidate) => candidate.weekday === weekday)) {
      const closes = minutesOf(interval.closes);
      for (let start = minutesOf(interval.opens); start + slotMinutes <= closes; start += slotMinutes) {
        const startAt = zonedTimeToUtc(date, timeOf(start), hours.timezone).getTime();
        slots.push({ start: startAt, end: startAt + slotMinutes * 60_000 });
      }
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}
