import type { ArticleFeedback } from '../model/faq.js';
import { isOptionalText, MAX_COMMENT_LENGTH, type FieldErrors } from './fields.js';

/** What is wrong with article feedback (`helpful`, `comment`); the article's existence is the caller's. */
export function validateArticleFeedback(input: Omit<ArticleFeedback, 'articleId'>): FieldErrors {
  const fields: FieldErrors = {};
  if (typeof input.helpful !== 'boolean') fields['helpful'] = 'Say whether the article helped.';
  if (!isOptionalText(input.comment, MAX_COMMENT_LENGTH)) {
    fields['comment'] = `Please keep the comment under ${MAX_COMMENT_LENGTH} characters.`;
  }
  return fields;
}
