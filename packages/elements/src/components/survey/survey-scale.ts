import type { SurveyKind } from '@kefu/core';
import { LOW_CSAT_MAX, surveyScoreRanges } from '@kefu/core/domain';

/** The scores a kind offers, lowest first: CSAT 1–5, NPS 0–10, CES 1–7. */
export function scoresOf(kind: SurveyKind): number[] {
  const { min, max } = surveyScoreRanges[kind];
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

/**
 * A score that deserves a follow-up: CSAT 1–2, an NPS detractor (0–6), CES 1–3 (the "difficult"
 * half of the seven points). After it, the thank-you offers a chat or a callback. No score, no.
 */
export const isLowScore = (kind: SurveyKind, score: number | undefined): boolean =>
  score !== undefined && score <= (kind === 'csat' ? LOW_CSAT_MAX : kind === 'nps' ? 6 : 3);

/** A low CSAT asks why (a short list of reasons). */
export const asksForReason = (kind: SurveyKind, score: number | undefined) =>
  kind === 'csat' && isLowScore(kind, score);
