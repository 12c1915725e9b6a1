import type { SurveyKind } from '../model/config.js';

// Apart from the validation rules, so that <kefu-survey> loads these few numbers and not the rules.

/** Score ranges per survey kind: CSAT 1–5, NPS 0–10, CES 1–7. */
export const surveyScoreRanges: Readonly<Record<SurveyKind, { readonly min: number; readonly max: number }>> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/** A CSAT at or under this asks for a reason. */
export const LOW_CSAT_MAX = 2;
