/**
 * Checks of text a shopper typed that only the backends run (the widget's forms check theirs in
 * their own words), kept apart from fields.ts, which the widget's return form uses too.
 */

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && emailPattern.test(value.trim());
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
