/**
 * Phone numbers for callback requests: what the shopper typed, in the country they chose, checked
 * and written as E.164 ("+8613812345678"). libphonenumber-js with its small ("min") metadata (24 KB
 * brotli): `<kefu-callback>` imports this module dynamically (`@kefu/core/phone`), so that no other
 * feature waits for it, and the loader puts libphonenumber-js in a vendor chunk (`phone-numbers`).
 */
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/min';

export type { CountryCode };

/** Why a number cannot be called: nothing typed, too few or too many digits, or no such number. */
export type PhoneProblem = 'empty' | 'too_short' | 'too_long' | 'invalid';

export type PhoneCheck =
  | {
      readonly ok: true;
      readonly e164: string;
      readonly country: CountryCode | undefined;
      /** "+86 138 1234 5678", to show the shopper the number that will be called. */
      readonly international: string;
    }
  | { readonly ok: false; readonly problem: PhoneProblem };

/**
 * The small metadata only checks a number's length and leading digits, and takes seven digits
 * starting with 13 for a Chinese landline. Every Chinese mobile number is 1[3-9] followed by nine
 * digits, so a shorter one is a mobile number not finished yet, which the shopper must be told.
 */
function chineseMobileProblem(nationalNumber: string): PhoneProblem | undefined {
  if (!/^1[3-9]/.test(nationalNumber)) return undefined;
  if (nationalNumber.length < 11) return 'too_short';
  if (nationalNumber.length > 11) return 'too_long';
  return undefined;
}

/**
 * Whether a few more digits would give the number a length its country uses: then it is not
 * wrong but unfinished ("07911 1234" in the UK), and the shopper should hear that.
 */
function couldBeFinished(text: string, country: CountryCode): boolean {
  for (let more = 1; more <= 4; more += 1) {
    const longer = text + '0'.repeat(more);
    if (validatePhoneNumberLength(longer, country) === 'TOO_LONG') return false;
    if (parsePhoneNumberFromString(longer, country)?.isValid()) return true;
  }
  return false;
}

/**
 * Checks a number as typed (national, or international with + or 00) for the chosen country and
 * writes it in E.164. A number typed with its own country code keeps that country.
 */
export function checkPhone(typed: string, country: CountryCode): PhoneCheck {
  const text = typed.trim().replace(/^00(?=[1-9])/, '+');
  if (text === '') return { ok: false, problem: 'empty' };
  if (!/\d/.test(text)) return { ok: false, problem: 'invalid' };
  // Letters and symbols other than the usual separators are not part of any number.
  if (/[^\d\s()+\-./]/.test(text) || /.\+/.test(text)) return { ok: false, problem: 'invalid' };
  const length = validatePhoneNumberLength(text, country);
  if (length === 'TOO_LONG') return { ok: false, problem: 'too_long' };
  if (length === 'TOO_SHORT' || (length === 'INVALID_LENGTH' && couldBeFinished(text, country))) {
    return { ok: false, problem: 'too_short' };
  }
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed) return { ok: false, problem: 'invalid' };
  if (parsed.countryCallingCode === '86') {
    const problem = chineseMobileProblem(parsed.nationalNumber);
    if (problem) return { ok: false, problem };
  }
  if (!parsed.isValid()) return { ok: false, problem: couldBeFinished(text, country) ? 'too_short' : 'invalid' };
  return { ok: true, e164: parsed.number, country: parsed.country, international: parsed.formatInternational() };
}

/** Every country the metadata knows, as ISO 3166-1 alpha-2 codes. */
export function phoneCountries(): readonly CountryCode[] {
  return getCountries();
}

/** "+86" for CN. */
export function callingCodeOf(country: CountryCode): string {
  return `+${getCountryCallingCode(country)}`;
}

export function isPhoneCountry(value: string | undefined): value is CountryCode {
  return value !== undefined && isSupportedCountry(value);
}

/** Where a language is mostly spoken, for a locale without a region ("ar" → Saudi Arabia). */
const countryOfLanguage: Readonly<Record<string, CountryCode>> = {
  zh: 'CN',
  ar: 'SA',
  en: 'US',
  fr: 'FR',
  de: 'DE',
  es: 'ES',
  it: 'IT',
  pt: 'BR',
  ja: 'JP',
  ko: 'KR',
  ru: 'RU',
  hi: 'IN',
  nl: 'NL',
  pl: 'PL',
  tr: 'TR',
  sv: 'SE',
  he: 'IL',
  vi: 'VN',
  th: 'TH',
  id: 'ID',
};

/**
 * The country a phone field starts on: the locale's region ("zh-CN", "en-GB"), else the country
 * most speakers of its language call from ("ar" → SA), else `fallback` (the store's country),
 * else the United States.
 */
export function defaultPhoneCountry(locale: string | undefined, fallback?: string): CountryCode {
  let region: string | undefined;
  let language: string | undefined;
  try {
    const parsed = new Intl.Locale(locale ?? 'en');
    region = parsed.region;
    language = parsed.language;
  } catch {
    language = locale?.split('-')[0]?.toLowerCase();
  }
  if (isPhoneCountry(region)) return region;
  const byLanguage = language ? countryOfLanguage[language] : undefined;
  if (byLanguage) return byLanguage;
  const upperFallback = fallback?.toUpperCase();
  return isPhoneCountry(upperFallback) ? upperFallback : 'US';
}
