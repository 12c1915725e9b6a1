import type { ReadonlySignal } from '@preact/signals-core';
import type { SurveyResponseInput } from '../model/surveys.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';

export interface SurveyStore {
  readonly submissions: ReadonlySignal<readonly OutboxItem<'survey'>[]>;
  /** One answer per subject: the subject is the submission's key, so answering twice sends once. */
  answer(input: SurveyResponseInput): Promise<OutboxItem<'survey'>>;
}

export function createSurveyStore(context: StoreContext): SurveyStore {
  return {
    submissions: submissionsOf(context.outbox, 'survey'),
    answer: (input) =>
      context.outbox.enqueue('survey', input, { id: `survey-${input.kind}-${input.subject.type}-${input.subject.id}` }),
  };
}
