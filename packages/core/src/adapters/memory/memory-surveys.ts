import type { SurveyResponseInput, SurveyResponseRecord } from '../../model/surveys.js';
import type { SurveysBackend } from '../../ports/backend.js';
import { validateSurveyResponse } from '../../domain/surveys.js';
import { stableJson } from '../../domain/stable-json.js';
import type { MemoryContext } from './memory-context.js';
import { throwIfInvalid } from './memory-errors.js';

export interface SurveysControls {
  responses(): readonly (SurveyResponseInput & SurveyResponseRecord)[];
}

export function createMemorySurveys(context: MemoryContext): { backend: SurveysBackend; controls: SurveysControls } {
  const responses: (SurveyResponseInput & SurveyResponseRecord)[] = [];

  function submit(input: SurveyResponseInput): SurveyResponseRecord {
    throwIfInvalid(validateSurveyResponse(input));
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
