import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { validateSurveyResponse } from '@kefu/core/domain';
import { idempotencyKeyOf, jsonRequest, sendStored } from '../http/idempotency.js';
import { jsonObject, parseBody } from '../http/request.js';
import type { StoreServices } from '../services/index.js';
import { failure, jsonBody, jsonContent, serve } from './define.js';
import { IdempotencyKeyHeaders, SurveyResponseInputSchema, SurveyResponseRecordSchema } from './schemas.js';

const submit = createRoute({
  method: 'post',
  path: '/surveys/responses',
  tags: ['Surveys'],
  summary: 'Records a CSAT, NPS or CES answer (Idempotency-Key required)',
  request: { headers: IdempotencyKeyHeaders, body: jsonBody(SurveyResponseInputSchema) },
  responses: {
    201: jsonContent(SurveyResponseRecordSchema, 'The recorded response'),
    400: failure('No Idempotency-Key, or a body that is not a JSON object'),
    409: failure('The key was used with another body (`idempotency_key_reused`)'),
    422: failure('A score out of range for its kind or not whole (`fields.score`), an unknown subject, …'),
  },
});

export function registerSurveyRoutes(api: OpenAPIHono, services: StoreServices): void {
  serve(api, submit, async (c) => {
    const key = idempotencyKeyOf(c);
    const body = await jsonObject(c);
    const request = jsonRequest(c, 'POST /surveys/responses', key, body);
    return sendStored(
      c,
      await services.surveys.submit(parseBody(SurveyResponseInputSchema, body, validateSurveyResponse), request),
    );
  });
}
