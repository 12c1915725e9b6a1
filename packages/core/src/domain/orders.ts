import type { OrderNumberFormat } from '../model/config.js';
import type { OrderLookup } from '../model/orders.js';
import type { FieldErrors } from './fields.js';

/**
 * What shoppers put between the parts of a number: spaces, every dash (a phone's "–", a Japanese
 * keyboard's "ー"), underscores and dots.
 */
const SEPARATORS = /[\s\p{Pd}\u2212\u30FC_.]+/gu;
const DIGITS = /^\d{1,18}$/;
const PARTS = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

/** Arabic-Indic digits (٠١٢…, ۰۱۲…), which NFKC leaves as they are, as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}

/**
 * NFKC turns full-width "ＭＭ－１００３" into "MM-1003"; invisible format characters go (bidi
 * marks and zero-width joiners that a number copied out of an e-mail or a chat app may carry);
 * then case, spaces and a leading "#".
 */
function clean(input: string): string {
  return asciiDigits(input.normalize('NFKC'))
    .replace(/\p{Cf}/gu, '')
    .trim()
    .replace(/^#\s*/, '')
    .toUpperCase();
}

/**
 * The order number `input` means, written the store's way, or undefined when it cannot be one.
 * "mm1003", "MM 1003", "#MM-1003", "ＭＭ－１００３" and "1003" all mean "MM-1003" for
 * `{ prefix: 'MM-' }`: separators are dropped and the store's are put back, so a typo in the
 * format is never a wrong number. Without a format, separators only become one "-".
 */
export function normalizeOrderNumber(input: string, format?: OrderNumberFormat): string | undefined {
  const cleaned = clean(input);
  if (!format) {
    const dashed = cleaned.replace(SEPARATORS, '-').replace(/^-|-$/g, '');
    return PARTS.test(dashed) ? dashed : undefined;
  }
  const compact = (text: string) => clean(text).replace(SEPARATORS, '');
  const prefix = compact(format.prefix);
  const suffix = compact(format.suffix ?? '');
  let digits = cleaned.replace(SEPARATORS, '');
  // The digits alone are the number too: the prefix is the same on every order.
  if (prefix !== '' && digits.startsWith(prefix) && !DIGITS.test(digits)) digits = digits.slice(prefix.length);
  if (suffix !== '' && digits.endsWith(suffix)) digits = digits.slice(0, -suffix.length);
  return DIGITS.test(digits) ? `${format.prefix}${digits}${format.suffix ?? ''}` : undefined;
}

/** An order number of the store's format, for hints and messages: "MM-1001". */
export function exampleOrderNumber(format?: OrderNumberFormat): string {
  return format ? `${format.prefix}1001${format.suffix ?? ''}` : '1001';
}

/** Email addresses match ignoring case and surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Postal codes match ignoring case and every space: "sw1a 1aa" is "SW1A1AA". */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.replace(/\s+/g, '').toUpperCase();
}

/** A lookup that passed validation: the normalized number, and the one detail to check it against. */
export interface CheckedLookup {
  readonly orderNumber: string;
  readonly by: 'email' | 'postalCode';
  /** Normalized with normalizeEmail or normalizePostalCode. */
  readonly value: string;
}

/**
 * Checks the form of an order lookup (JSON from anywhere, so types are checked too) and
 * normalizes it to the store's number `format`. With both an email and a postal code, the email
 * is the one checked. A number that cannot be one of the store's is a field error, not a miss:
 * it never reaches the guess limits.
 */
export function checkOrderLookup(
  input: OrderLookup,
  format?: OrderNumberFormat,
): { fields: FieldErrors } | { lookup: CheckedLookup } {
  const fields: FieldErrors = {};
  const typed: unknown = input.orderNumber;
  const orderNumber = typeof typed === 'string' ? normalizeOrderNumber(typed, format) : undefined;
  if (typeof typed !== 'string' || typed.trim() === '') fields['orderNumber'] = 'Enter your order number.';
  else if (orderNumber === undefined) {
    fields['orderNumber'] = `Check the order number: it looks like ${exampleOrderNumber(format)}.`;
  }
  const email: unknown = 'email' in input ? input.email : undefined;
  const postalCode: unknown = 'postalCode' in input ? input.postalCode : undefined;
  if (email !== undefined && (typeof email !== 'string' || email.trim() === '')) {
    fields['email'] = 'Enter the email address you ordered with.';
  }
  if (postalCode !== undefined && (typeof postalCode !== 'string' || postalCode.trim() === '')) {
    fields['postalCode'] = 'Enter the postal code of the delivery address.';
  }
  if (email === undefined && postalCode === undefined) fields['email'] = 'Enter the email address you ordered with.';
  if (Object.keys(fields).length > 0 || orderNumber === undefined) return { fields };
  const lookup: CheckedLookup =
    typeof email === 'string'
      ? { orderNumber, by: 'email', value: normalizeEmail(email) }
      : { orderNumber, by: 'postalCode', value: normalizePostalCode(String(postalCode)) };
  return { lookup };
}
