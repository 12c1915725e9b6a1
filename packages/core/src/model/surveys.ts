import type { SurveyKind } from './config.js';

/** What was rated: a conversation, a return, a callback, or the store (API-triggered). */
export interface SurveySubject {
  readonly type: 'conversation' | 'return' | 'callback' | 'store';
  readonly id: string;
}

/** Why a low CSAT was low, picked from a short list (the comment says the rest). */
export type SurveyReason = 'slow' | 'unresolved' | 'unclear' | 'other';

/** POST /v1/surveys/responses. */
export interface SurveyResponseInput {
  readonly kind: SurveyKind;
  /** CSAT 1–5, NPS 0–10, CES 1–7. */
  readonly score: number;
  /** Only with a low CSAT (1 or 2). */
  readonly reason?: SurveyReason;
  readonly comment?: string;
  readonly subject: SurveySubject;
}

export interface SurveyResponseRecord {
  readonly id: string;
  readonly createdAt: string;
}
