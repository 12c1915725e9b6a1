/**
 * Field-level validation shared by every backend: a map from an input path (`email`,
 * `items.0.quantity`) to what is wrong with it, so a form can mark every mistake at once.
 * isEmail and isBlank, which only the backends use, are in text-fields.ts: the widget does not
 * download them.
 */
export type FieldErrors = Record<string, string>;

/** Absent, or a string of at most `max` characters. Input arrives as JSON, so types are not a given. */
export function isOptionalText(value: unknown, max: number): boolean {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

/** Comments on feedback, returns and surveys: long enough to explain, short enough to store. */
export const MAX_COMMENT_LENGTH = 2000;
