import type { OrderLookup } from '../model/orders.js';
import type { FieldErrors } from './fields.js';

/** Shoppers type "mm-1001 " or "#MM-1001"; both mean MM-1001. */
export function normalizeOrderNumber(orderNumber: string): string {
  return orderNumber.trim().replace(/^#/, '').toUpperCase();
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
 * normalizes it. With both an email and a postal code, the email is the one checked.
 */
export function checkOrderLookup(input: OrderLookup): { fields: FieldErrors } | { lookup: CheckedLookup } {
  const fields: FieldErrors = {};
  const orderNumber: unknown = input.orderNumber;
  if (typeof orderNumber !== 'string' || orderNumber.trim() === '') fields['orderNumber'] = 'Enter your order number.';
  const email: unknown = 'email' in input ? input.email : undefined;
  const postalCode: unknown = 'postalCode' in input ? input.postalCode : undefined;
  if (email !== undefined && (typeof email !== 'string' || email.trim() === '')) {
    fields['email'] = 'Enter the email address you ordered with.';
  }
  if (postalCode !== undefined && (typeof postalCode !== 'string' || postalCode.trim() === '')) {
    fields['postalCode'] = 'Enter the postal code of the delivery address.';
  }
  if (email === undefined && postalCode === undefined) fields['email'] = 'Enter the email address you ordered with.';
  if (Object.keys(fields).length > 0 || typeof orderNumber !== 'string') return { fields };
  const lookup: CheckedLookup =
    typeof email === 'string'
      ? { orderNumber: normalizeOrderNumber(orderNumber), by: 'email', value: normalizeEmail(email) }
      : {
          orderNumber: normalizeOrderNumber(orderNumber),
          by: 'postalCode',
          value: normalizePostalCode(String(postalCode)),
        };
  return { lookup };
}
