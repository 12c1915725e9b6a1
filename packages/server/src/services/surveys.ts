import type { SurveyKind, SurveyReason, SurveyResponseInput, SurveyResponseRecord } from '@kefu/core';
import { validateSurveyResponse, zonedParts, addDays, surveyReasons } from '@kefu/core/domain';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { throwIfInvalid, type StoreContext } from './context.js';
import { recordWebhookEvent, surveyEventData } from '../webhooks/events.js';

export interface ScoreAverage {
  /** null while there is no response. */
  readonly average: number | null;
  readonly count: number;
}

export interface NetPromoterScore {
  /** % promoters (9–10) − % detractors (0–6), −100 to 100; null while there is no response. */
  readonly score: number | null;
  readonly count: number;
}

export interface SurveyDay {
  /** YYYY-MM-DD in the store's timezone. */
  readonly day: string;
  readonly csat: number | null;
  readonly nps: number | null;
  readonly ces: number | null;
  /** Responses of every kind that day. */
  readonly count: number;
}

export interface SurveyStats {
  readonly csat: ScoreAverage;
  readonly nps: NetPromoterScore;
  readonly ces: ScoreAverage;
  /** The last `days` days, oldest first, every day present (count 0 when nobody answered). */
  readonly byDay: readonly SurveyDay[];
  /** Why low CSATs (1–2) were low, over the same days: how many picked each reason. */
  readonly lowCsatReasons: Readonly<Record<SurveyReason, number>>;
  /** The latest answers with a comment (at most 10), newest first: what to act on. */
  readonly recentComments: readonly SurveyComment[];
}

export interface SurveyComment {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly reason: SurveyReason | null;
  readonly comment: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly createdAt: string;
}

export interface SurveysService {
  submit(
    input: SurveyResponseInput,
    request: IdempotentRequest,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  stats(days?: number): Promise<SurveyStats>;
}

interface ResponseRow {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly reason: SurveyReason | null;
  readonly created_ms: number;
}

interface CommentRow {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly reason: SurveyReason | null;
  readonly comment: string;
  readonly subject_type: string;
  readonly subject_id: string;
  readonly created_at: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function average(scores: readonly number[]): number | null {
  return scores.length === 0 ? null : round1(scores.reduce((sum, score) => sum + score, 0) / scores.length);
}

function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}

export function createSurveysService(store: StoreContext): SurveysService {
  // The settings are read when used: the console may change them while the server runs.
  const { db } = store;

  return {
    submit: (input, request) =>
      store.idempotency.run(request, async (trx) => {
        throwIfInvalid(validateSurveyResponse(input));
        const now = store.now();
        const record: SurveyResponseRecord = { id: newId('srv'), createdAt: new Date(now).toISOString() };
        await trx
          .insertInto('survey_responses')
          .values({
            id: record.id,
            kind: input.kind,
            score: input.score,
            comment: input.comment ?? null,
            reason: input.reason ?? null,
            subject_type: input.subject.type,
            subject_id: input.subject.id,
            created_at: record.createdAt,
            created_ms: now,
          })
          .execute();
        await recordWebhookEvent(trx, 'survey.answered', surveyEventData(record, input), now);
        return { status: 201, body: JSON.stringify(record) };
      }),

    async stats(days = 30) {
      const { timezone } = store.config.businessHours;
      const rows = (await db
        .selectFrom('survey_responses')
        .select(['kind', 'score', 'reason', 'created_ms'])
        .orderBy('created_ms')
        .orderBy('id')
        .execute()) as ResponseRow[];
      const scoresOf = (kind: SurveyKind, list: readonly ResponseRow[]) =>
        list.filter((row) => row.kind === kind).map((row) => row.score);
      const today = zonedParts(store.now(), timezone).date;
      const firstDay = addDays(today, 1 - days);
      const byDate = new Map<string, ResponseRow[]>();
      const lowCsatReasons = Object.fromEntries(surveyReasons.map((reason) => [reason, 0])) as Record<
        SurveyReason,
        number
      >;
      let since = Number.POSITIVE_INFINITY;
      for (const row of rows) {
        const day = zonedParts(row.created_ms, timezone).date;
        if (day < firstDay) continue;
        since = Math.min(since, row.created_ms);
        byDate.set(day, [...(byDate.get(day) ?? []), row]);
        if (row.kind === 'csat' && row.reason && Object.hasOwn(lowCsatReasons, row.reason)) {
          lowCsatReasons[row.reason] += 1;
        }
      }
      const commented = Number.isFinite(since)
        ? ((await db
            .selectFrom('survey_responses')
            .select(['kind', 'score', 'reason', 'comment', 'subject_type', 'subject_id', 'created_at'])
            .where('comment', 'is not', null)
            .where('created_ms', '>=', since)
            .orderBy('created_ms', 'desc')
            .orderBy('id', 'desc')
            .limit(10)
            .execute()) as CommentRow[])
        : [];
      const recentComments = commented.map((row): SurveyComment => ({
        kind: row.kind,
        score: row.score,
        reason: row.reason,
        comment: row.comment,
        subject: { type: row.subject_type, id: row.subject_id },
        createdAt: row.created_at,
      }));
      const byDay = Array.from({ length: days }, (_, index): SurveyDay => {
        const day = addDays(firstDay, index);
        const dayRows = byDate.get(day) ?? [];
        return {
          day,
          csat: average(scoresOf('csat', dayRows)),
          nps: netPromoterScore(scoresOf('nps', dayRows)),
          ces: average(scoresOf('ces', dayRows)),
          count: dayRows.length,
        };
      });
      const csat = scoresOf('csat', rows);
      const nps = scoresOf('nps', rows);
      const ces = scoresOf('ces', rows);
      return {
        csat: { average: average(csat), count: csat.length },
        nps: { score: netPromoterScore(nps), count: nps.length },
        ces: { average: average(ces), count: ces.length },
        byDay,
        lowCsatReasons,
        recentComments,
      };
    },
  };
}
