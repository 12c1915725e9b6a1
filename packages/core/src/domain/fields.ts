/**
 * Field-level validation shared by every backend: a map from an input path (`email`,
 * `items.0.quantity`) to what is wrong with it, so a form can mark every mistake at once.
 */
export type FieldErrors = Record<string, string>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && emailPattern.test(value.trim());
}

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Absent, or a string of at most `max` characters. Input arrives as JSON, so types are not a given. */
export function isOptionalText(value: unknown, max: number): boolean {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

/** Comments on feedback, returns and surveys: long enough to explain, short enough to store. */
export const MAX_COMMENT_LENGTH = 2000;
