import type { SurveyResponseInput } from '../model/surveys.js';
import { surveyScoreRanges } from './survey-scales.js';
import { isOptionalText, MAX_COMMENT_LENGTH, type FieldErrors } from './fields.js';
import { isBlank } from './text-fields.js';

const subjectTypes: readonly unknown[] = ['conversation', 'return', 'callback', 'store'];
/** Why a low CSAT was low (`SurveyReason`). */
export const surveyReasons = ['slow', 'unresolved', 'unclear', 'other'] as const;

/** What is wrong with a survey response: a score outside its kind's range, an unknown subject, … */
export function validateSurveyResponse(input: SurveyResponseInput): FieldErrors {
  const fields: FieldErrors = {};
  const range = Object.hasOwn(surveyScoreRanges, input.kind) ? surveyScoreRanges[input.kind] : undefined;
  if (!range) fields['kind'] = 'Expected csat, nps or ces.';
  else if (!Number.isInteger(input.score) || input.score < range.min || input.score > range.max) {
    fields['score'] = `Choose a whole number from ${range.min} to ${range.max}.`;
  }
  if (input.reason !== undefined && !(surveyReasons as readonly unknown[]).includes(input.reason)) {
    fields['reason'] = `Expected one of ${surveyReasons.join(', ')}.`;
  }
  if (!isOptionalText(input.comment, MAX_COMMENT_LENGTH)) {
    fields['comment'] = `Please keep the comment under ${MAX_COMMENT_LENGTH} characters.`;
  }
  const subject: unknown = input.subject;
  const { type, id } =
    typeof subject === 'object' && subject !== null ? (subject as Record<string, unknown>) : { type: null, id: null };
  if (!subjectTypes.includes(type)) fields['subject.type'] = 'Unknown subject.';
  if (isBlank(id) || !isOptionalText(id, 200)) fields['subject.id'] = 'Say what is being rated.';
  return fields;
}
