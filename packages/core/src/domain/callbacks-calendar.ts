/**
 * An iCalendar file (RFC 5545) for a booked callback, so the shopper can put the call in their own
 * calendar. Times are written in UTC ("…Z"), which every calendar shows in its owner's timezone.
 */

export interface CalendarEvent {
  /** Unique and stable for the callback, so importing twice updates one event. */
  readonly uid: string;
  /** ISO 8601 instants. */
  readonly start: string;
  readonly end: string;
  readonly summary: string;
  readonly description?: string;
  /** When the file was made (DTSTAMP), an instant. */
  readonly stamp: number;
}

/** 20270329T070000Z */
function utcStamp(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon and comma, and write line breaks as \n (RFC 5545 §3.3.11). */
export function escapeCalendarText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF and one space (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // The first line may hold 75 octets; continuation lines start with a space, so 74.
    if (octets + size > (pieces.length === 0 ? 75 : 74)) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

export function callbackCalendar(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kefu//Callback//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeCalendarText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(Date.parse(event.start))}`,
    `DTEND:${utcStamp(Date.parse(event.end))}`,
    `SUMMARY:${escapeCalendarText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeCalendarText(event.description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
