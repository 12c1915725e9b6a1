import type { SurveyKind } from '../../model/config.js';
import type { SurveyResponseInput, SurveyResponseRecord } from '../../model/surveys.js';
import type { SurveysBackend } from '../../ports/backend.js';
import { stableJson } from './idempotency.js';
import type { MemoryContext } from './memory-context.js';
import { isBlank, throwIfInvalid, type FieldErrors } from './memory-errors.js';

const scoreRanges: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};
const subjectTypes: readonly string[] = ['conversation', 'return', 'callback', 'store'];

export interface SurveysControls {
  responses(): readonly (SurveyResponseInput & SurveyResponseRecord)[];
}

export function createMemorySurveys(context: MemoryContext): { backend: SurveysBackend; controls: SurveysControls } {
  const responses: (SurveyResponseInput & SurveyResponseRecord)[] = [];

  function submit(input: SurveyResponseInput): SurveyResponseRecord {
    const fields: FieldErrors = {};
    const range = Object.hasOwn(scoreRanges, input.kind) ? scoreRanges[input.kind] : undefined;
    if (!range) fields['kind'] = 'Expected csat, nps or ces.';
    else if (!Number.isInteger(input.score) || input.score < range.min || input.score > range.max) {
      fields['score'] = `Choose a whole number from ${range.min} to ${range.max}.`;
    }
    if (input.comment !== undefined && input.comment.length > 2000) {
      fields['comment'] = 'Please keep the comment under 2000 characters.';
    }
    if (!subjectTypes.includes(input.subject?.type)) fields['subject.type'] = 'Unknown subject.';
    if (isBlank(input.subject?.id)) fields['subject.id'] = 'Say what is being rated.';
    throwIfInvalid(fields);
    const record: SurveyResponseRecord = { id: context.nextId('srv'), createdAt: context.nowIso() };
    responses.push({ ...structuredClone(input), ...record });
    return record;
  }

  return {
    backend: {
      submitSurvey: (input, options) =>
        context.handle(options.signal, () =>
          context.idempotency.run('survey', options.idempotencyKey, stableJson(input), () => submit(input)),
        ),
    },
    controls: { responses: () => structuredClone(responses) },
  };
}
