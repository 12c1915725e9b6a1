import type { SurveyKind, SurveyReason, SurveyResponseInput, SurveyResponseRecord } from '@kefu/core';
import { validateSurveyResponse, zonedParts, addDays, surveyReasons } from '@kefu/core/domain';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { throwIfInvalid, type StoreContext } from './context.js';

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
  stats(days?: number): SurveyStats;
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
  const { sqlite: db, config } = store;
  const insert = db.prepare<[string, SurveyKind, number, string | null, string | null, string, string, string, number]>(
    `INSERT INTO survey_responses (id, kind, score, comment, reason, subject_type, subject_id, created_at, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const all = db.prepare<[], ResponseRow>(
    'SELECT kind, score, reason, created_ms FROM survey_responses ORDER BY created_ms',
  );
  const commented = db.prepare<[number], CommentRow>(
    `SELECT kind, score, reason, comment, subject_type, subject_id, created_at FROM survey_responses
     WHERE comment IS NOT NULL AND created_ms >= ? ORDER BY created_ms DESC, id DESC LIMIT 10`,
  );

  return {
    submit: (input, request) =>
      store.idempotency.run(request, async () => {
        throwIfInvalid(validateSurveyResponse(input));
        const now = store.now();
        const record: SurveyResponseRecord = { id: newId('srv'), createdAt: new Date(now).toISOString() };
        insert.run(
          record.id,
          input.kind,
          input.score,
          input.comment ?? null,
          input.reason ?? null,
          input.subject.type,
          input.subject.id,
          record.createdAt,
          now,
        );
        return { status: 201, body: JSON.stringify(record) };
      }),

    stats(days = 30) {
      const { timezone } = config.businessHours;
      const rows = all.all();
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
      const recentComments = Number.isFinite(since)
        ? commented.all(since).map((row): SurveyComment => ({
            kind: row.kind,
            score: row.score,
            reason: row.reason,
            comment: row.comment,
            subject: { type: row.subject_type, id: row.subject_id },
            createdAt: row.created_at,
          }))
        : [];
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
