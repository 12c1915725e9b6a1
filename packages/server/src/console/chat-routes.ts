import { Hono } from 'hono';
import { z } from '@hono/zod-openapi';
import type { ChatRuntime } from '../chat/runtime.js';
import { ApiError } from '../errors.js';
import { MAX_MESSAGE_LENGTH } from '../chat/validation.js';
import { consoleActor, readBody, type ConsoleEnv } from './http.js';
import type { AuditLog } from '../agents/audit.js';
import type { Executor } from '../db/tx.js';
import type { OrderLookup } from './orders.js';

const Reply = z.object({
  clientId: z.string({ error: 'Each message needs a client id.' }).min(1).max(100),
  text: z
    .string({ error: 'Write a message first.' })
    .refine((text) => text.trim() !== '', { error: 'Write a message first.' })
    .refine((text) => text.length <= MAX_MESSAGE_LENGTH, {
      error: `Messages can be up to ${MAX_MESSAGE_LENGTH} characters.`,
    }),
});
const Typing = z.object({ typing: z.boolean({ error: 'Expected true or false.' }) });
const Read = z.object({ upToSeq: z.number().int().min(0) });

/** The agent's side of chat: the list, a conversation with its order, accept, reply, typing, read, close. */
export function chatRoutes(
  { service }: ChatRuntime,
  findOrder: OrderLookup,
  audit?: { readonly log: AuditLog; readonly db: Executor },
) {
  const routes = new Hono<ConsoleEnv>();
  const id = async (param: string | undefined) => (await service.conversation(param ?? '')).id;

  routes.get('/', async (c) => c.json({ conversations: await service.summaries() }, 200));

  routes.get('/:id', async (c) => {
    const conversation = service.summary(await service.conversation(c.req.param('id')));
    const order =
      conversation.orderNumber === undefined ? null : await findOrder(conversation.orderNumber, conversation.email);
    return c.json({ conversation, messages: await service.messagesForAgent(conversation.id, 0), order }, 200);
  });

  routes.get('/:id/messages', async (c) => {
    const after = Number(c.req.query('after') ?? '0');
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
        after: 'Expected a sequence number, 0 or more.',
      });
    }
    const conversation = service.summary(await service.conversation(c.req.param('id')));
    return c.json({ conversation, messages: await service.messagesForAgent(conversation.id, after) }, 200);
  });

  /** Replying, typing and closing are for the agent who accepted the conversation. */
  async function ownedBy(conversationId: string, agentName: string): Promise<void> {
    const row = await service.conversation(conversationId);
    if (row.status === 'queued') throw new ApiError(409, 'conversation_queued', 'Accept the conversation first.');
    if (row.agent_name !== null && row.agent_name !== agentName) {
      throw new ApiError(409, 'conversation_taken', `${row.agent_name} is looking after this conversation.`);
    }
  }

  routes.post('/:id/accept', async (c) => {
    const row = await service.accept(await id(c.req.param('id')), c.get('agent').name);
    const summary = service.summary(row);
    await audit?.log.record(audit.db, {
      actor: consoleActor(c),
      action: 'chat.accepted',
      subject: { type: 'conversation', id: summary.id },
      summary: `Chat with ${summary.name}${summary.topic.trim() === '' ? '' : ` · ${summary.topic}`}`,
    });
    return c.json(summary, 200);
  });

  routes.post('/:id/messages', async (c) => {
    const conversationId = await id(c.req.param('id'));
    const input = await readBody(c, Reply);
    await ownedBy(conversationId, c.get('agent').name);
    const { message, created } = await service.send(conversationId, 'agent', input, c.get('agent').name);
    return c.json(message, created ? 201 : 200);
  });

  routes.post('/:id/typing', async (c) => {
    const conversationId = await id(c.req.param('id'));
    await ownedBy(conversationId, c.get('agent').name);
    await service.typing(conversationId, 'agent', (await readBody(c, Typing)).typing);
    return c.body(null, 204);
  });

  routes.post('/:id/read', async (c) => {
    const conversationId = await id(c.req.param('id'));
    await service.markRead(conversationId, 'agent', (await readBody(c, Read)).upToSeq);
    return c.body(null, 204);
  });

  routes.post('/:id/close', async (c) => {
    const conversationId = await id(c.req.param('id'));
    await ownedBy(conversationId, c.get('agent').name);
    const row = await service.close(conversationId);
    return c.json(service.summary(row), 200);
  });

  return routes;
}
