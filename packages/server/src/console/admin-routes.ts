import { Hono } from 'hono';
import { z } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';
import { sendUpload } from '../chat/attachments.js';
import { ApiError } from '../errors.js';
import {
  approveReturn,
  findUpload,
  listCallbacks,
  listReturns,
  markCallback,
  rejectReturn,
  surveyStats,
} from '../services/admin.js';
import { readBody, type ConsoleEnv } from './http.js';

// Shapes only: the values (a label's address, a reason) are judged by services/admin.ts.
const CallbackOutcome = z.object({
  status: z.enum(['called', 'no_answer'], { error: 'Choose called or no answer.' }),
});
const Approval = z.object({ labelUrl: z.string({ error: 'Enter the label’s http(s) address.' }) });
const Rejection = z.object({ reason: z.string({ error: 'Say why.' }) });

/** Callbacks, returns, survey results and chat attachments, for the console's other screens. */
export function adminRoutes(deps: ServerDeps) {
  const routes = new Hono<ConsoleEnv>();

  routes.get('/callbacks', (c) => c.json({ callbacks: listCallbacks(deps) }, 200));
  routes.post('/callbacks/:id', async (c) => {
    const { status } = await readBody(c, CallbackOutcome);
    return c.json(markCallback(deps, c.req.param('id'), status), 200);
  });

  routes.get('/returns', (c) => c.json({ returns: listReturns(deps) }, 200));
  routes.post('/returns/:id/approve', async (c) => {
    const { labelUrl } = await readBody(c, Approval);
    return c.json(approveReturn(deps, c.req.param('id'), labelUrl.trim()), 200);
  });
  routes.post('/returns/:id/reject', async (c) => {
    const { reason } = await readBody(c, Rejection);
    return c.json(rejectReturn(deps, c.req.param('id'), reason), 200);
  });

  routes.get('/surveys/stats', (c) => {
    const days = Number(c.req.query('days') ?? '30');
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
        days: 'Between 1 and 365 days.',
      });
    }
    return c.json(surveyStats(deps, days), 200);
  });

  // A chat attachment, behind the agent's session: the console links this, not the shopper's
  // signed /v1/files address.
  routes.get('/uploads/:id', async (c) => {
    const upload = findUpload(deps, c.req.param('id'));
    if (!upload) throw new ApiError(404, 'upload_not_found', 'No such upload.');
    return sendUpload(c, upload);
  });

  return routes;
}
