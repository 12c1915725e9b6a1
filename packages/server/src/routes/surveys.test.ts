import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SurveyResponseRecord } from '@kefu/core';
import { call, errorOf, serverForSuite } from './test-helpers.js';
import { surveyStats } from '../services/admin.js';

describe('survey responses over HTTP', () => {
  const api = serverForSuite();

  const rated = { type: 'store', id: 'demo' };
  const submit = (body: unknown, key: string = crypto.randomUUID()) =>
    call<SurveyResponseRecord>(api.base, 'POST', '/surveys/responses', { body, key });

  it('records a score in range: 201, the same answer for the same key, 409 for another body', async () => {
    const key = crypto.randomUUID();
    const first = await submit({ kind: 'nps', score: 10, subject: rated, comment: 'Great' }, key);
    assert.equal(first.status, 201);
    assert.match(first.body.id, /^srv_/);
    assert.ok(!Number.isNaN(Date.parse(first.body.createdAt)));
    assert.equal((await submit({ subject: rated, score: 10, comment: 'Great', kind: 'nps' }, key)).text, first.text);
    const reused = await submit({ kind: 'nps', score: 9, subject: rated }, key);
    assert.equal(reused.status, 409);
    assert.equal(errorOf(reused).code, 'idempotency_key_reused');
    const { count } = await api.server.deps.engine.db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(count, 1);
  });

  it('rejects scores out of range or not whole, for their kind', async () => {
    const cases = [
      ['csat', 6, 'Choose a whole number from 1 to 5.'],
      ['csat', 0, 'Choose a whole number from 1 to 5.'],
      ['nps', 11, 'Choose a whole number from 0 to 10.'],
      ['ces', 8, 'Choose a whole number from 1 to 7.'],
      ['csat', 3.5, 'Choose a whole number from 1 to 5.'],
      ['csat', '4', 'Choose a whole number from 1 to 5.'],
    ] as const;
    for (const [kind, score, message] of cases) {
      const answer = await submit({ kind, score, subject: rated });
      assert.equal(answer.status, 422, `${kind} ${score}`);
      assert.deepEqual(errorOf(answer).fields, { score: message }, `${kind} ${score}`);
    }
  });

  it('checks what is rated and the kind', async () => {
    const answer = await submit({ kind: 'stars', score: 5, subject: { type: 'planet', id: ' ' } });
    assert.deepEqual(errorOf(answer).fields, {
      kind: 'Expected csat, nps or ces.',
      'subject.type': 'Unknown subject.',
      'subject.id': 'Say what is being rated.',
    });
    assert.deepEqual(errorOf(await submit({ kind: 'csat', score: 5 })).fields, {
      'subject.type': 'Unknown subject.',
      'subject.id': 'Say what is being rated.',
    });
  });

  it('keeps the reason of a low CSAT, and refuses an unknown one', async () => {
    const answer = await submit({
      kind: 'csat',
      score: 1,
      reason: 'slow',
      subject: { type: 'conversation', id: 'c1' },
    });
    assert.equal(answer.status, 201);
    const stored = await api.server.deps.engine.db
      .selectFrom('survey_responses')
      .select('reason')
      .where('id', '=', answer.body.id)
      .executeTakeFirst();
    assert.equal(stored?.reason, 'slow');
    const unknown = await submit({ kind: 'csat', score: 1, reason: 'rude', subject: rated });
    assert.equal(unknown.status, 422);
    assert.ok(errorOf(unknown).fields?.['reason']);
  });

  it('gives the console the reasons of low CSATs and the latest comments, newest first', async () => {
    const conversation = { type: 'conversation', id: 'c2' };
    await submit({ kind: 'csat', score: 2, reason: 'unresolved', comment: 'Still no parcel', subject: conversation });
    await submit({ kind: 'csat', score: 1, reason: 'unresolved', subject: { type: 'callback', id: 'cb1' } });
    await submit({ kind: 'ces', score: 7, comment: 'So easy', subject: { type: 'return', id: 'r1' } });
    const stats = await surveyStats(api.server.services, 30);
    assert.ok(stats.lowCsatReasons.unresolved >= 2);
    const [newest, previous] = stats.recentComments;
    assert.deepEqual(
      { kind: newest?.kind, comment: newest?.comment, subject: newest?.subject },
      { kind: 'ces', comment: 'So easy', subject: { type: 'return', id: 'r1' } },
    );
    assert.deepEqual(
      { score: previous?.score, reason: previous?.reason, comment: previous?.comment },
      { score: 2, reason: 'unresolved', comment: 'Still no parcel' },
    );
    assert.ok(stats.recentComments.length <= 10);
  });
});
