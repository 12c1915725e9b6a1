import { Hono, type Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { Services } from '../compose.js';
import { sendUpload } from '../chat/attachments.js';
import { ApiError } from '../errors.js';
import {
  approveReturn,
  findUpload,
  listCallbacks,
  markCallback,
  rejectReturn,
  reopenCallback,
  surveyStats,
  type SurveyStats,
} from '../services/admin.js';
import type { ChatService } from '../chat/service.js';
import { consoleActor, readBody, requireAdmin, type ConsoleEnv } from './http.js';
import { articleRoutes } from './article-routes.js';
import { consoleReturns } from './returns.js';
import { settingsRoutes } from './settings-routes.js';

// Shapes only: the values (a label's address, a reason) are judged by services/admin.ts.
const CallbackOutcome = z.object({
  status: z.enum(['called', 'no_answer'], { error: 'Choose called or no answer.' }),
});
const Approval = z.object({ labelUrl: z.string({ error: 'Enter the label’s http(s) address.' }) });
const Rejection = z.object({ reason: z.string({ error: 'Say why.' }) });

/** A survey comment as the console lists it: what it is about, in words an agent recognizes. */
export type ConsoleSurveyComment = SurveyStats['recentComments'][number] & {
  /** "Conversation with Ana Garcia · Where is my order?", rather than the conversation's id. */
  readonly about: string;
  /** The conversation to open from the comment, when it still exists. */
  readonly conversationId?: string;
};
export type ConsoleSurveyStats = Omit<SurveyStats, 'recentComments'> & {
  readonly recentComments: readonly ConsoleSurveyComment[];
};

/**
 * Callbacks, returns, survey results, chat attachments, help articles and the store's settings,
 * for the console's other screens.
 */
export function adminRoutes(services: Services) {
  const chat = services.chat.service;
  const routes = new Hono<ConsoleEnv>();
  /** An audit entry for what the signed-in agent just did. */
  const record = (c: Context<ConsoleEnv>, action: string, subject: { type: string; id: string }, summary: string) =>
    services.audit.record(services.deps.engine.db, { actor: consoleActor(c), action, subject, summary });

  // The store's timezone comes along: the slot was offered to the shopper in the store's time.
  routes.get('/callbacks', async (c) =>
    c.json(
      { callbacks: await listCallbacks(services), storeTimezone: services.deps.config.businessHours.timezone },
      200,
    ),
  );
  routes.post('/callbacks/:id', async (c) => {
    const { status } = await readBody(c, CallbackOutcome);
    const callback = await markCallback(services, c.req.param('id'), status);
    await record(
      c,
      'callback.marked',
      { type: 'callback', id: callback.id },
      `${callback.name}: ${status === 'called' ? 'called' : 'no answer'}`,
    );
    return c.json(callback, 200);
  });
  routes.post('/callbacks/:id/reopen', async (c) => {
    const callback = await reopenCallback(services, c.req.param('id'));
    await record(c, 'callback.reopened', { type: 'callback', id: callback.id }, `${callback.name}: reopened`);
    return c.json(callback, 200);
  });

  routes.get('/returns', async (c) => c.json({ returns: await consoleReturns(services) }, 200));
  routes.post('/returns/:id/approve', async (c) => {
    const { labelUrl } = await readBody(c, Approval);
    const decided = await approveReturn(services, c.req.param('id'), labelUrl.trim());
    await record(
      c,
      'return.approved',
      { type: 'return', id: decided.rma },
      `Label ${decided.labelUrl ?? labelUrl.trim()}`,
    );
    return c.json(decided, 200);
  });
  routes.post('/returns/:id/reject', async (c) => {
    const { reason } = await readBody(c, Rejection);
    const decided = await rejectReturn(services, c.req.param('id'), reason);
    await record(
      c,
      'return.rejected',
      { type: 'return', id: decided.rma },
      `Reason: ${decided.rejectionReason ?? reason}`,
    );
    return c.json(decided, 200);
  });

  routes.get('/surveys/stats', async (c) => {
    const days = Number(c.req.query('days') ?? '30');
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
        days: 'Between 1 and 365 days.',
      });
    }
    const stats = await surveyStats(services, days);
    const body: ConsoleSurveyStats = {
      ...stats,
      recentComments: await Promise.all(
        stats.recentComments.map(async (entry) => ({ ...entry, ...(await describeSubject(chat, entry.subject)) })),
      ),
    };
    return c.json(body, 200);
  });

  // The help articles: the editor's list, save and delete, and the article a chat came from (by
  // id: each article is in one language; the server does not know the storefront's page for it).
  routes.route(
    '/articles',
    articleRoutes(services, (c, action, article) =>
      record(c, action, { type: 'article', id: article.id }, `${article.locale}: ${article.title}`),
    ),
  );

  // A chat attachment, behind the agent's session: the console links this, not the shopper's
  // signed /v1/files address.
  routes.get('/uploads/:id', async (c) => {
    const upload = await findUpload(services, c.req.param('id'));
    if (!upload) throw new ApiError(404, 'upload_not_found', 'No such upload.');
    return sendUpload(c, upload);
  });

  // The store's settings, as the settings file holds them (decision 0018); admins only.
  routes.use('/settings', requireAdmin);
  routes.route(
    '/settings',
    settingsRoutes(services.deps.settings, { log: services.audit, db: services.deps.engine.db }),
  );

  return routes;
}

const subjectNames = { return: 'Return', callback: 'Callback', store: 'The store' } as const;

async function describeSubject(
  chat: ChatService,
  subject: { readonly type: string; readonly id: string },
): Promise<{ about: string; conversationId?: string }> {
  if (subject.type === 'conversation') {
    let conversation;
    try {
      conversation = chat.summary(await chat.conversation(subject.id));
    } catch {
      return { about: 'A conversation that no longer exists' };
    }
    const topic = conversation.topic.trim() === '' ? '' : ` · ${conversation.topic}`;
    return { about: `Conversation with ${conversation.name}${topic}`, conversationId: conversation.id };
  }
  if (subject.type === 'store') return { about: subjectNames.store };
  const name = subjectNames[subject.type as keyof typeof subjectNames] ?? subject.type;
  return { about: `${name} ${subject.id}` };
}
