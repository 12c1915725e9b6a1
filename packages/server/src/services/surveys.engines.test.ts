// Survey answers on both engines (decision 0016): the embedded SQLite and a real PostgreSQL cluster
// started for this file. The console's numbers must not depend on the engine: instants and scores
// come back as numbers from both, and days are the store's, not the database's.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { SurveyResponseInput, SurveyResponseRecord } from '@kefu/core';
import { stableJson } from '@kefu/core/domain';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import { ApiError } from '../errors.js';
import { testClock } from '../routes/test-helpers.js';
import { sha256 } from './crypto.js';
import { createSurveysService } from './surveys.js';

/** What the route hands the service: the request's identity for its Idempotency-Key. */
function request(body: SurveyResponseInput, key: string = crypto.randomUUID()) {
  return { route: 'POST /surveys/responses', key, hash: sha256(`POST\n/v1/surveys/responses\n${stableJson(body)}`) };
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail('expected an ApiError');
}

const store = { type: 'store', id: 'demo' } as const;

describeOnBothEngines('survey answers', (engine) => {
  it('records an answer once per key, refuses the key for another answer, and keeps nothing invalid', async () => {
    const clock = testClock(Date.parse('2026-03-10T11:00:00Z'));
    const surveys = createSurveysService(testStoreContext(engine(), clock.now));
    const body: SurveyResponseInput = { kind: 'nps', score: 10, comment: 'Great', subject: store };
    const identity = request(body);
    const first = await surveys.submit(body, identity);
    assert.equal(first.status, 201);
    const record = JSON.parse(first.body!) as SurveyResponseRecord;
    assert.match(record.id, /^srv_/);
    assert.equal(record.createdAt, '2026-03-10T11:00:00.000Z');
    assert.deepEqual(await surveys.submit(body, identity), { ...first, replayed: true });
    const other = { ...body, score: 9 };
    assert.equal((await apiError(surveys.submit(other, { ...request(other), key: identity.key }))).status, 409);
    const wrong = { kind: 'csat', score: 6, subject: store } as const;
    assert.deepEqual((await apiError(surveys.submit(wrong, request(wrong)))).fields, {
      score: 'Choose a whole number from 1 to 5.',
    });

    const stored = await engine().db.selectFrom('survey_responses').selectAll().execute();
    assert.deepEqual(stored, [
      {
        id: record.id,
        kind: 'nps',
        score: 10,
        comment: 'Great',
        reason: null,
        subject_type: 'store',
        subject_id: 'demo',
        created_at: '2026-03-10T11:00:00.000Z',
        created_ms: Date.parse('2026-03-10T11:00:00Z'),
      },
    ]);
  });

  it('sums up answers: averages, NPS rounded as JavaScript does, and days in the store’s timezone', async () => {
    await engine().db.deleteFrom('survey_responses').execute();
    const clock = testClock();
    const surveys = createSurveysService(testStoreContext(engine(), clock.now));
    const answer = async (at: string, input: Omit<SurveyResponseInput, 'subject'>) => {
      clock.advance(Date.parse(at) - clock.now());
      const body: SurveyResponseInput = { ...input, subject: { type: 'conversation', id: `c-${at}` } };
      assert.equal((await surveys.submit(body, request(body))).status, 201);
    };
    // Before the 7 days asked for: in the totals only.
    await answer('2026-02-01T12:00:00Z', { kind: 'csat', score: 1, reason: 'unresolved', comment: 'Old news' });
    await answer('2026-02-01T13:00:00Z', { kind: 'nps', score: 0 });
    await answer('2026-02-02T12:00:00Z', { kind: 'nps', score: 6 });
    await answer('2026-03-05T12:00:00Z', { kind: 'ces', score: 3 });
    await answer('2026-03-09T08:00:00Z', { kind: 'csat', score: 5 });
    await answer('2026-03-09T09:00:00Z', { kind: 'csat', score: 4, comment: 'Quick' });
    await answer('2026-03-09T10:00:00Z', { kind: 'nps', score: 7 });
    await answer('2026-03-09T11:00:00Z', { kind: 'nps', score: 5 });
    await answer('2026-03-09T12:00:00Z', { kind: 'csat', score: 4 });
    // 23:30 in Paris (UTC+1 in March) is still Monday; 00:30 is Tuesday, though both are Monday in UTC.
    await answer('2026-03-09T22:30:00Z', { kind: 'nps', score: 9 });
    await answer('2026-03-09T23:30:00Z', { kind: 'nps', score: 10 });
    await answer('2026-03-10T09:00:00Z', { kind: 'csat', score: 2, reason: 'slow', comment: 'Too long on hold' });
    await answer('2026-03-10T10:00:00Z', { kind: 'nps', score: 3 });
    await answer('2026-03-10T10:30:00Z', { kind: 'ces', score: 6, comment: 'Fine' });
    await answer('2026-03-10T10:45:00Z', { kind: 'nps', score: 9 });
    clock.advance(Date.parse('2026-03-10T11:00:00Z') - clock.now());

    const stats = await surveys.stats(7);
    // CSAT 1, 5, 4, 4, 2: 16 / 5.
    assert.deepEqual(stats.csat, { average: 3.2, count: 5 });
    // NPS 0 6 7 5 9 10 3 9: 3 promoters, 4 detractors of 8 is −12.5 %, which Math.round makes −12.
    assert.deepEqual(stats.nps, { score: -12, count: 8 });
    assert.deepEqual(stats.ces, { average: 4.5, count: 2 });
    const none = { csat: null, nps: null, ces: null, count: 0 };
    assert.deepEqual(stats.byDay, [
      { day: '2026-03-04', ...none },
      { day: '2026-03-05', csat: null, nps: null, ces: 3, count: 1 },
      { day: '2026-03-06', ...none },
      { day: '2026-03-07', ...none },
      { day: '2026-03-08', ...none },
      // CSAT 5, 4, 4 is 4.3; NPS 7, 5, 9 is one promoter and one detractor.
      { day: '2026-03-09', csat: 4.3, nps: 0, ces: null, count: 6 },
      // NPS 10, 3, 9: (2 − 1) / 3 is 33 %.
      { day: '2026-03-10', csat: 2, nps: 33, ces: 6, count: 5 },
    ]);
    assert.deepEqual(stats.lowCsatReasons, { slow: 1, unresolved: 0, unclear: 0, other: 0 });
    assert.deepEqual(stats.recentComments, [
      {
        kind: 'ces',
        score: 6,
        reason: null,
        comment: 'Fine',
        subject: { type: 'conversation', id: 'c-2026-03-10T10:30:00Z' },
        createdAt: '2026-03-10T10:30:00.000Z',
      },
      {
        kind: 'csat',
        score: 2,
        reason: 'slow',
        comment: 'Too long on hold',
        subject: { type: 'conversation', id: 'c-2026-03-10T09:00:00Z' },
        createdAt: '2026-03-10T09:00:00.000Z',
      },
      {
        kind: 'csat',
        score: 4,
        reason: null,
        comment: 'Quick',
        subject: { type: 'conversation', id: 'c-2026-03-09T09:00:00Z' },
        createdAt: '2026-03-09T09:00:00.000Z',
      },
    ]);
    // Thirty days by default: from 9 February, still after the oldest answers.
    const month = await surveys.stats();
    assert.equal(month.byDay.length, 30);
    assert.equal(month.byDay[0]?.day, '2026-02-09');
    assert.deepEqual(month.lowCsatReasons, { slow: 1, unresolved: 0, unclear: 0, other: 0 });
  });

  it('gives the ten newest comments, newest first, the same on both engines when answers share an instant', async () => {
    await engine().db.deleteFrom('survey_responses').execute();
    const clock = testClock(Date.parse('2026-03-10T11:00:00Z'));
    const surveys = createSurveysService(testStoreContext(engine(), clock.now));
    const ids: string[] = [];
    for (let n = 1; n <= 12; n += 1) {
      // Three answers per instant: the newest first, then by id, descending.
      if (n % 3 === 1) clock.advance(60_000);
      const body: SurveyResponseInput = { kind: 'csat', score: 5, comment: `Comment ${n}`, subject: store };
      const answer = await surveys.submit(body, request(body));
      ids.push((JSON.parse(answer.body!) as SurveyResponseRecord).id);
    }
    const { recentComments } = await surveys.stats(7);
    const expected = ids
      .map((id, index) => ({ id, at: Math.floor(index / 3), comment: `Comment ${index + 1}` }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .slice(0, 10)
      .map((entry) => entry.comment);
    assert.deepEqual(
      recentComments.map((comment) => comment.comment),
      expected,
    );
  });
});
