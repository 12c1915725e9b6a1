/**
 * Store-local wall time ⇄ UTC instants with nothing but Intl, correct across daylight-saving
 * changes: opening hours are written in the store's timezone ("09:00" in Paris is 08:00Z in
 * winter and 07:00Z in summer).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instant`, as if it were a UTC timestamp. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Paris in winter: 3 600 000). */
export function timeZoneOffsetMs(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallClockMs(wholeSeconds, timeZone) - wholeSeconds;
}

/**
 * The UTC instant at which it is `time` ("HH:MM") on `dateISO` ("YYYY-MM-DD") in `timeZone`.
 * Like Temporal's "compatible" disambiguation: a time skipped by a spring-forward change moves
 * forward by the gap (02:30 → 03:30), and a time repeated in autumn means its first occurrence.
 */
export function zonedTimeToUtc(dateISO: string, time: string, timeZone: string): Date {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateISO);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) throw new RangeError(`Expected YYYY-MM-DD and HH:MM, got ${dateISO} ${time}.`);
  const wall = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2]),
  );
  // Real zones change their offset at most once within a day either side of any moment.
  const offsetBefore = timeZoneOffsetMs(wall - DAY_MS, timeZone);
  const offsetAfter = timeZoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter]
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - offsetBefore);
}

export interface ZonedParts {
  /** "YYYY-MM-DD" in the zone. */
  readonly date: string;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

/** The local date, time of day and weekday in `timeZone` at `instant`. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const wall = wallClockMs(instant, timeZone);
  const date = new Date(wall).toISOString().slice(0, 10);
  return { date, minutes: Math.floor((wall % DAY_MS) / MINUTE_MS), weekday: isoWeekday(date) };
}

/** ISO weekday of a calendar date, which does not depend on any timezone. */
export function isoWeekday(dateISO: string): number {
  const day = new Date(`${dateISO}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar date `days` after `dateISO`. */
export function addDays(dateISO: string, days: number): string {
  return new Date(Date.parse(`${dateISO}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Minutes since midnight → "HH:MM". */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
