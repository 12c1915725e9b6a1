import type { Migration } from '../migrate.js';

/** Why a low CSAT was low (`slow`, `unresolved`, `unclear`, `other`): asked after a score of 1 or 2. */
export const surveyReasonsMigration: Migration = {
  id: 3,
  name: 'survey-reasons',
  sqlite: `ALTER TABLE survey_responses ADD COLUMN reason TEXT`,
  postgres: `alter table survey_responses add column reason text`,
};
