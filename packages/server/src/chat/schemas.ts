import { z } from '@hono/zod-openapi';
import { contextMessage, MAX_CONTEXT_ID_LENGTH, MAX_CONTEXT_TITLE_LENGTH } from '@kefu/core/domain';
import { isBlank, isEmail, MAX_MESSAGE_LENGTH, messages } from './validation.js';

/**
 * The chat's request and response shapes (packages/core/src/model/chat.ts), as zod schemas: they
 * validate requests and describe the routes in the OpenAPI document. Every field has one rule
 * with the memory backend's message, so a mistake reads the same from either backend.
 */

/** A string field whose only failure has one message, whatever the value (missing, a number…). */
const text = (message: string, valid: (value: string) => boolean) =>
  z.string({ error: message }).refine(valid, { error: message });

/** Where the shopper came from: kept beside their words, for the agent, never inside them. */
export const ConversationContextSchema = z
  .object(
    {
      articleId: text(contextMessage, (value) => !isBlank(value) && value.length <= MAX_CONTEXT_ID_LENGTH).openapi({
        example: 'en-payment-charged-twice',
      }),
      articleTitle: text(
        contextMessage,
        (value) => !isBlank(value) && value.length <= MAX_CONTEXT_TITLE_LENGTH,
      ).openapi({ example: 'I was charged twice' }),
    },
    { error: contextMessage },
  )
  .openapi('ConversationContext', {
    description:
      'The help article the shopper read before asking ("Ask our team about this"). The agent sees it as a ' +
      'label beside the conversation; the shopper’s message stays exactly what they typed.',
  });

export const ConversationInputSchema = z
  .object({
    name: text(messages.name, (value) => !isBlank(value) && value.length <= 200).openapi({ example: 'Ana' }),
    email: text(messages.email, isEmail).openapi({ example: 'ana@example.com' }),
    topic: text(messages.topic, (value) => value.length <= 200).openapi({ example: 'Where is my order?' }),
    orderNumber: text(messages.orderNumber, (value) => value.length <= 64)
      .optional()
      .openapi({ example: 'MM-1001' }),
    message: text(messages.tooLong, (value) => value.length <= MAX_MESSAGE_LENGTH)
      .optional()
      .openapi({ description: 'The first message, if the shopper typed one before the pre-chat form; becomes seq 1.' }),
    context: ConversationContextSchema.optional(),
  })
  .openapi('ConversationInput');

export const ConversationStateSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'open', 'closed']),
    queuePosition: z.number().int().optional(),
    agentName: z.string().optional().openapi({ description: 'The agent who joined.' }),
    lastSeq: z.number().int().openapi({ description: 'The highest seq of the conversation when this was read.' }),
    context: ConversationContextSchema.optional(),
  })
  .openapi('ConversationState');

export const ConversationSchema = z
  .object({
    id: z.string(),
    token: z.string().openapi({ description: 'Authorizes every later call on this conversation.' }),
    status: z.enum(['queued', 'open', 'closed']),
    queuePosition: z.number().int().optional(),
    agentName: z.string().optional(),
  })
  .openapi('Conversation');

export const AvailabilitySchema = z
  .object({
    open: z.boolean(),
    agentsOnline: z.number().int(),
    queueLength: z.number().int(),
    estimatedWaitSeconds: z.number().int(),
    nextOpeningAt: z.string().optional(),
  })
  .openapi('Availability');

const AttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const ChatMessageSchema = z
  .object({
    id: z.string(),
    clientId: z.string().optional(),
    seq: z.number().int(),
    author: z.enum(['shopper', 'agent', 'system']),
    authorName: z.string().optional(),
    text: z.string(),
    attachments: z.array(AttachmentSchema).readonly().optional(),
    createdAt: z.string(),
  })
  .openapi('ChatMessage');

const ConversationPreviewSchema = z
  .object({
    author: z.enum(['shopper', 'agent', 'system']),
    authorName: z.string().optional(),
    text: z.string().openapi({ description: 'At most 140 characters on one line; an ellipsis ends a shortened one.' }),
    attachmentCount: z.number().int().openapi({ description: 'How many files the message carries; not their data.' }),
    createdAt: z.string(),
  })
  .openapi('ConversationPreview');

export const ConversationSummarySchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'open', 'closed']),
    topic: z.string(),
    agentName: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string().openapi({ description: 'The last message, agent joining or status change.' }),
    lastMessage: ConversationPreviewSchema.optional(),
    lastSeq: z.number().int().openapi({ description: 'The highest seq of the conversation, messages and events.' }),
    unread: z.number().int().openapi({ description: 'Agent messages after the shopper’s last read receipt.' }),
  })
  .openapi('ConversationSummary');

export const ConversationPageSchema = z
  .object({
    conversations: z.array(ConversationSummarySchema),
    nextCursor: z.string().optional().openapi({ description: 'Present when there may be more: pass it as `cursor`.' }),
  })
  .openapi('ConversationPage');

export const HistoryQuery = z.object({
  limit: z.string().optional().openapi({ description: 'Conversations per page, 1 to 50 (default 20).', example: '3' }),
  cursor: z.string().optional().openapi({ description: 'The `nextCursor` of the page before.' }),
});

export const MessageInputSchema = z
  .object({
    clientId: text(messages.clientId, (value) => !isBlank(value) && value.length <= 100),
    text: z.string({ error: messages.emptyText }).refine((value) => value.length <= MAX_MESSAGE_LENGTH, {
      error: messages.tooLong,
    }),
    attachmentIds: z.array(z.string(), { error: messages.attachmentIds }).max(10).optional(),
  })
  // Empty is fine when a photo carries the message.
  .refine(
    (input) => typeof input.text !== 'string' || input.text.trim() !== '' || (input.attachmentIds?.length ?? 0) > 0,
    {
      error: messages.emptyText,
      path: ['text'],
    },
  )
  .openapi('MessageInput');

export const TypingInputSchema = z.object({ typing: z.boolean({ error: messages.typing }) }).openapi('TypingInput');

export const ReadInputSchema = z
  .object({ upToSeq: z.number({ error: messages.upToSeq }).int({ error: messages.upToSeq }).min(0, messages.upToSeq) })
  .openapi('ReadInput');

export const TranscriptInputSchema = z.object({ email: text(messages.email, isEmail) }).openapi('TranscriptInput');

export const ConversationIdParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'c_4xq9' }),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Required: the client’s outbox id (a UUID). The same key answers the first result.' }),
});
