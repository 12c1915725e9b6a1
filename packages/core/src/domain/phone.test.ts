import { expect } from '@open-wc/testing';
import { checkPhone, defaultPhoneCountry, type CountryCode } from './phone.js';
import { callbackCalendar, escapeCalendarText } from './callbacks-calendar.js';

describe('checkPhone', () => {
  const valid: [CountryCode, string, string][] = [
    ['CN', '138 1234 5678', '+8613812345678'], // mobile
    ['CN', '010-6552 9988', '+861065529988'], // Beijing landline with the trunk 0
    ['CN', '021 6123 4567', '+862161234567'], // Shanghai landline
    ['US', '(201) 555-0123', '+12015550123'],
    ['GB', '07911 123456', '+447911123456'],
    ['GB', '020 7946 0018', '+442079460018'],
    ['DE', '030 12345678', '+493012345678'],
    ['DE', '0151 23456789', '+4915123456789'],
    ['IN', '98765 43210', '+919876543210'],
    ['FR', '06 12 34 56 78', '+33612345678'],
    ['JP', '090-1234-5678', '+819012345678'],
    ['BR', '(11) 91234-5678', '+5511912345678'],
    ['SA', '050 123 4567', '+966501234567'],
    ['AU', '0412 345 678', '+61412345678'],
    ['MX', '55 1234 5678', '+525512345678'],
  ];
  for (const [country, typed, e164] of valid) {
    it(`writes ${typed} in ${country} as ${e164}`, () => {
      const check = checkPhone(typed, country);
      expect(check.ok && check.e164).to.equal(e164);
    });
  }

  it('keeps the country code a shopper typed, with + or 00', () => {
    expect(checkPhone('+86 138 1234 5678', 'US')).to.include({ ok: true, e164: '+8613812345678', country: 'CN' });
    expect(checkPhone('0044 7911 123456', 'FR')).to.include({ ok: true, e164: '+447911123456' });
  });

  const problems: [CountryCode, string, string][] = [
    ['CN', '', 'empty'],
    ['CN', '   ', 'empty'],
    ['CN', '138 1234', 'too_short'], // the small metadata alone would take it for a landline
    ['CN', '1381234567', 'too_short'],
    ['CN', '138 1234 5678 9', 'too_long'],
    ['US', '201 555 012', 'too_short'],
    ['US', '111 111 1111', 'invalid'],
    ['GB', '07911 1234', 'too_short'],
    ['DE', '030 123456789012345', 'too_long'],
    ['IN', '98765', 'too_short'],
    ['FR', 'call me', 'invalid'],
    ['FR', '06 12 34 56 78 ext', 'invalid'],
    ['FR', '06+12345678', 'invalid'],
  ];
  for (const [country, typed, problem] of problems) {
    it(`finds "${typed}" in ${country} ${problem}`, () => {
      expect(checkPhone(typed, country)).to.deep.equal({ ok: false, problem });
    });
  }
});

describe('defaultPhoneCountry', () => {
  it('takes the locale’s region, else the usual country of its language, else the store’s, else the US', () => {
    expect(defaultPhoneCountry('zh-CN')).to.equal('CN');
    expect(defaultPhoneCountry('zh-Hant-TW')).to.equal('TW');
    expect(defaultPhoneCountry('en-GB')).to.equal('GB');
    expect(defaultPhoneCountry('ar')).to.equal('SA');
    expect(defaultPhoneCountry('en')).to.equal('US');
    expect(defaultPhoneCountry('zh')).to.equal('CN');
    expect(defaultPhoneCountry('eu', 'fr')).to.equal('FR');
    expect(defaultPhoneCountry('eu')).to.equal('US');
    expect(defaultPhoneCountry('not a locale!', 'DE')).to.equal('DE');
  });
});

describe('callbackCalendar', () => {
  it('writes one VEVENT in UTC with CRLF lines', () => {
    const ics = callbackCalendar({
      uid: 'cb_1@kefu',
      start: '2027-03-29T07:00:00.000Z',
      end: '2027-03-29T07:30:00.000Z',
      summary: 'Call from Maison Mira',
      stamp: Date.parse('2027-03-26T05:00:00Z'),
    });
    expect(ics).to.equal(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Kefu//Callback//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:cb_1@kefu',
        'DTSTAMP:20270326T050000Z',
        'DTSTART:20270329T070000Z',
        'DTEND:20270329T073000Z',
        'SUMMARY:Call from Maison Mira',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes text and folds long lines without splitting a character', () => {
    expect(escapeCalendarText('a\\b;c,d\ne')).to.equal('a\\\\b\\;c\\,d\\ne');
    const ics = callbackCalendar({
      uid: 'cb_2@kefu',
      start: '2027-03-29T07:00:00.000Z',
      end: '2027-03-29T07:30:00.000Z',
      summary: '关于订单的回电'.repeat(6),
      description: 'Order MM-1004, size; colour\nsecond line',
      stamp: 0,
    });
    expect(ics).to.include('DESCRIPTION:Order MM-1004\\, size\\; colour\\nsecond line\r\n');
    const encoder = new TextEncoder();
    for (const line of ics.split('\r\n')) expect(encoder.encode(line).length).to.be.at.most(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).to.include(`SUMMARY:${'关于订单的回电'.repeat(6)}\r\n`);
  });
});
