import type { SurveyKind } from './config.js';

/** POST /v1/surveys/responses. */
export interface SurveyResponseInput {
  readonly kind: SurveyKind;
  /** CSAT 1–5, NPS 0–10, CES 1–7. */
  readonly score: number;
  readonly comment?: string;
  /** What was rated: a conversation, a return, a callback, or the store (API-triggered). */
  readonly subject: { readonly type: 'conversation' | 'return' | 'callback' | 'store'; readonly id: string };
}

export interface SurveyResponseRecord {
  readonly id: string;
  readonly createdAt: string;
}
