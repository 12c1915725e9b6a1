import type {
  Attachment,
  Availability,
  ChatEvent,
  ChatMessage,
  Conversation,
  ConversationInput,
  ConversationPage,
  ConversationState,
  UploadedAttachment,
} from '../../model/chat.js';
import type { ChatBackend } from '../../ports/backend.js';
import { checkAttachment, sniffAttachmentType } from '../../domain/attachment-type.js';
import { checkHistoryLimit, historyMessages } from '../../domain/chat-history.js';
import { checkConversationContext } from '../../domain/chat-context.js';
import { previewOf } from '../../domain/chat-preview.js';
import { customerIdOf } from './memory-identity.js';
import { isOpenAt, nextOpeningAt } from '../../domain/business-hours.js';
import { createChatRoom, WAIT_SECONDS_PER_CONVERSATION, type StoredConversation } from './chat-room.js';
import { stableJson } from '../../domain/stable-json.js';
import type { MemoryContext } from './memory-context.js';
import {
  conflict,
  isBlank,
  isEmail,
  notFound,
  throwIfInvalid,
  unauthorized,
  uploadRefused,
  validationError,
  type FieldErrors,
} from './memory-errors.js';
import { SIMULATED_AGENT_NAME } from '../../domain/agent-replies.js';
import { createSimulatedAgent } from './simulated-agent.js';

const MAX_MESSAGE_LENGTH = 5000;

/** A chat attachment as the demo store keeps it: the file itself, for the object URL messages show. */
interface StoredAttachment {
  readonly uploaded: UploadedAttachment;
  readonly file: Blob;
  readonly name: string;
  readonly conversationId: string;
}

/** Where a page of a shopper's history starts: after this conversation, newest first. */
interface HistoryPosition {
  readonly updatedAt: string;
  readonly arrival: number;
}

export interface MemoryChatOptions {
  readonly agentReplyDelayMs: number;
  readonly alwaysOpen: boolean;
  readonly simulateAgent: boolean;
  readonly agentsOnline: number;
}

/** Acting as the store's agents, for tests and for a demo that wants to script a conversation. */
export interface ChatControls {
  setAgentsOnline(count: number): void;
  agentJoin(conversationId: string, agentName?: string): void;
  agentSend(conversationId: string, text: string): ChatMessage;
  agentTyping(conversationId: string, typing: boolean): void;
  closeAsAgent(conversationId: string): void;
  /** The whole event log of a conversation. */
  events(conversationId: string): readonly ChatEvent[];
  transcriptEmails(conversationId: string): readonly string[];
  /** Releases the object URLs made for attachments. */
  dispose(): void;
}

export function createMemoryChat(
  context: MemoryContext,
  options: MemoryChatOptions,
): { backend: ChatBackend; controls: ChatControls } {
  const room = createChatRoom(context);
  let agentsOnline = options.agentsOnline;
  const agent = options.simulateAgent
    ? createSimulatedAgent({
        room,
        scheduler: context.scheduler,
        delayMs: options.agentReplyDelayMs,
        agentsOnline: () => agentsOnline,
      })
    : undefined;
  const objectUrls: string[] = [];
  const attachments = new Map<string, StoredAttachment>();

  const conversationNotFound = () => notFound('We could not find that conversation.', 'conversation_not_found');

  /** Whether a token opens a conversation: its own, or the identity of the shopper it belongs to. */
  function opens(conversation: StoredConversation, token: string | undefined): boolean {
    if (token === conversation.token) return true;
    const customerId = customerIdOf(token);
    return customerId !== undefined && customerId === conversation.customerId;
  }

  /**
   * The conversation a shopper's call is about. Another shopper's identity gets the answer an
   * unknown id gets (so it tells nothing about which exist); a missing or wrong token, 401.
   */
  function conversationFor(id: string, token: string | undefined): StoredConversation {
    const conversation = room.get(id);
    if (!conversation) throw conversationNotFound();
    if (opens(conversation, token)) return conversation;
    if (customerIdOf(token) !== undefined) throw conversationNotFound();
    throw unauthorized('This chat has expired; please start a new one.');
  }

  function existing(id: string): StoredConversation {
    const conversation = room.get(id);
    if (!conversation) throw new RangeError(`No conversation ${id}.`);
    return conversation;
  }

  function availability(): Availability {
    const now = context.now();
    const { businessHours } = context.config;
    const withinHours = options.alwaysOpen || isOpenAt(businessHours, now);
    const queueLength = room.queued().length;
    const nextOpening = withinHours ? undefined : nextOpeningAt(businessHours, now);
    return {
      open: withinHours && agentsOnline > 0,
      agentsOnline,
      queueLength,
      estimatedWaitSeconds: queueLength * WAIT_SECONDS_PER_CONVERSATION,
      ...(nextOpening === undefined ? {} : { nextOpeningAt: new Date(nextOpening).toISOString() }),
    };
  }

  /** Where a conversation stands now (GET /conversations/{id}). */
  function stateOf(conversation: StoredConversation): ConversationState {
    const from = conversation.input.context;
    return {
      id: conversation.id,
      status: conversation.status,
      ...(conversation.status === 'queued' && conversation.queuePosition !== undefined
        ? { queuePosition: conversation.queuePosition }
        : {}),
      ...(conversation.agentName === undefined ? {} : { agentName: conversation.agentName }),
      lastSeq: conversation.events.length,
      ...(from ? { context: from } : {}),
    };
  }

  function start(input: ConversationInput, token: string | undefined): Conversation {
    const fields: FieldErrors = {};
    if (isBlank(input.name)) fields['name'] = 'Enter your name.';
    if (!isEmail(input.email)) fields['email'] = 'Enter a valid email address, e.g. ana@example.com.';
    if (input.message !== undefined && input.message.length > MAX_MESSAGE_LENGTH) {
      fields['message'] = `Messages can be up to ${MAX_MESSAGE_LENGTH} characters.`;
    }
    Object.assign(fields, checkConversationContext(input.context));
    throwIfInvalid(fields);
    // A signed-in shopper's conversation is theirs; any other token is ignored, as on the server.
    const conversation = room.create(input, customerIdOf(token));
    const firstMessage = input.message?.trim();
    if (firstMessage) room.post(conversation, 'shopper', firstMessage, { authorName: input.name.trim() });
    agent?.conversationStarted(conversation);
    return room.view(conversation);
  }

  /** Attachments from uploaded files; the object URLs live until `dispose`. */
  function attachmentsFor(ids: readonly string[]): Attachment[] {
    return ids.flatMap((id) => {
      const stored = attachments.get(id);
      if (!stored) return [];
      const url = URL.createObjectURL(stored.file);
      objectUrls.push(url);
      const { contentType, size } = stored.uploaded;
      return [{ id, name: stored.name, contentType, size, url }];
    });
  }

  /** A file uploaded for this conversation: one uploaded for another (or a return photo) is unknown here. */
  const isAttachmentOf = (conversation: StoredConversation, id: string) =>
    attachments.get(id)?.conversationId === conversation.id;

  async function uploadAttachment(
    id: string,
    file: Blob,
    callOptions: Parameters<ChatBackend['uploadAttachment']>[2],
  ): Promise<UploadedAttachment> {
    // Reading the first bytes stands in for the server receiving the body.
    const contentType = await sniffAttachmentType(file);
    const uploaded = await context.handle(callOptions.signal, () => {
      const conversation = conversationFor(id, callOptions.token);
      return context.idempotency.run(
        'upload',
        callOptions.idempotencyKey,
        `chat:${conversation.id}:${file.size}:${file.type}`,
        () => {
          const checked = checkAttachment(file.size, contentType);
          if ('problem' in checked) throw uploadRefused(checked.problem);
          const stored: UploadedAttachment = {
            id: context.nextId('upl'),
            contentType: checked.contentType,
            size: file.size,
          };
          const name = file instanceof File && file.name ? file.name : `attachment-${stored.id}`;
          attachments.set(stored.id, { uploaded: stored, file, name, conversationId: conversation.id });
          return stored;
        },
      );
    });
    callOptions.onProgress?.(1);
    return uploaded;
  }

  /** A page of a signed-in shopper's conversations, most recently active first. */
  function history(query: { limit?: number; cursor?: string }, token: string | undefined): ConversationPage {
    const customerId = customerIdOf(token);
    if (customerId === undefined) throw unauthorized('Sign in to see your conversations.');
    const checked = checkHistoryLimit(query.limit);
    if ('fields' in checked) throw validationError(checked.fields);
    const { limit } = checked;
    const after = query.cursor === undefined ? undefined : positionOf(query.cursor);
    const newestFirst = (a: HistoryPosition, b: HistoryPosition) =>
      a.updatedAt === b.updatedAt ? b.arrival - a.arrival : a.updatedAt < b.updatedAt ? 1 : -1;
    const mine = room
      .all()
      .filter((conversation) => conversation.customerId === customerId)
      .sort(newestFirst)
      .filter((conversation) => after === undefined || newestFirst(after, conversation) < 0);
    const page = mine.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((conversation) => {
        const messages = room.messages(conversation);
        const lastMessage = messages.at(-1);
        return {
          id: conversation.id,
          status: conversation.status,
          topic: conversation.input.topic.trim(),
          ...(conversation.agentName === undefined ? {} : { agentName: conversation.agentName }),
          createdAt: conversation.createdAt,
          updatedAt: conversation.updatedAt,
          ...(lastMessage ? { lastMessage: previewOf(lastMessage) } : {}),
          lastSeq: conversation.events.length,
          unread: messages.filter((message) => message.author === 'agent' && message.seq > conversation.shopperReadUpTo)
            .length,
        };
      }),
      ...(mine.length > limit && last ? { nextCursor: JSON.stringify([last.updatedAt, last.arrival]) } : {}),
    };
  }

  function send(conversation: StoredConversation, clientId: string, text: string, attachmentIds?: readonly string[]) {
    // A resend after a lost response (the outbox's retry) gets the message already stored.
    const stored = conversation.messagesByClientId.get(clientId);
    if (stored) return stored;
    const fields: FieldErrors = {};
    if (isBlank(clientId)) fields['clientId'] = 'Each message needs a client id.';
    const hasAttachments = (attachmentIds?.length ?? 0) > 0;
    if (typeof text !== 'string' || (text.trim() === '' && !hasAttachments)) fields['text'] = 'Write a message first.';
    else if (text.length > MAX_MESSAGE_LENGTH)
      fields['text'] = `Messages can be up to ${MAX_MESSAGE_LENGTH} characters.`;
    if (attachmentIds?.some((id) => !isAttachmentOf(conversation, id))) {
      fields['attachmentIds'] = 'An attachment is missing; please add it again.';
    }
    throwIfInvalid(fields);
    if (conversation.status === 'closed') throw conflict('This conversation has ended.', 'conversation_closed');
    const files = attachmentsFor(attachmentIds ?? []);
    const message = room.post(conversation, 'shopper', text, {
      clientId,
      authorName: conversation.input.name.trim(),
      ...(files.length > 0 ? { attachments: files } : {}),
    });
    agent?.shopperWrote(conversation, message);
    return message;
  }

  function close(conversation: StoredConversation): void {
    room.close(conversation);
    agent?.conversationClosed(conversation);
  }

  return {
    backend: {
      getAvailability: (callOptions) => context.handle(callOptions?.signal, availability),
      startConversation: (input, callOptions) =>
        context.handle(callOptions.signal, () =>
          context.idempotency.run(
            'conversation',
            callOptions.idempotencyKey,
            // The owner is part of the request: the same key from another shopper is another request.
            stableJson({ input, customerId: customerIdOf(callOptions.token) ?? null }),
            () => start(input, callOptions.token),
          ),
        ),
      listConversations: (query, callOptions) =>
        context.handle(callOptions.signal, () => history(query, callOptions.token)),
      uploadAttachment,
      sendMessage: (id, input, callOptions) =>
        context.handle(callOptions.signal, () =>
          send(conversationFor(id, callOptions.token), input.clientId, input.text, input.attachmentIds),
        ),
      getConversation: (id, callOptions) =>
        context.handle(callOptions.signal, () => {
          return stateOf(conversationFor(id, callOptions.token));
        }),
      getMessages: (id, afterSeq, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          if (!Number.isInteger(afterSeq) || afterSeq < 0) {
            throwIfInvalid({ afterSeq: 'Expected a sequence number, 0 or more.' });
          }
          return room.messages(conversation).filter((message) => message.seq > afterSeq);
        }),
      openChatStream(id, token, handlers) {
        const conversation = room.get(id);
        if (conversation && opens(conversation, token)) return room.subscribe(conversation, handlers);
        // A socket that is refused: it closes and says nothing else.
        let closedByCaller = false;
        setTimeout(() => {
          if (!closedByCaller) handlers.onConnection('closed', 'refused');
        }, 0);
        return {
          close() {
            closedByCaller = true;
          },
        };
      },
      sendTyping: (id, typing, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          if (conversation.status !== 'closed') room.typing(conversation, 'shopper', typing === true);
        }),
      markRead: (id, upToSeq, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          if (!Number.isInteger(upToSeq) || upToSeq < 0 || upToSeq > conversation.events.length) {
            throwIfInvalid({ upToSeq: 'Expected the sequence number of an event in this conversation.' });
          }
          // Reading is monotonic: an older receipt (from another tab) tells nobody anything new.
          if (upToSeq <= conversation.shopperReadUpTo) return;
          conversation.shopperReadUpTo = upToSeq;
          room.append(conversation, { type: 'read', author: 'shopper', upToSeq });
        }),
      closeConversation: (id, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          close(conversation);
          // The answer repeats the caller's conversation token; an identity token is never handed back as one.
          const view = room.view(conversation);
          return callOptions.token === conversation.token ? view : { ...view, token: '' };
        }),
      setConversationContext: (id, articleContext, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          // The server validates the body itself, so its fields are named without `context.`.
          const fields = checkConversationContext(articleContext ?? null);
          throwIfInvalid(
            Object.fromEntries(
              Object.entries(fields).map(([field, message]) => [
                field.replace(/^context\.?/, '') || 'articleId',
                message,
              ]),
            ),
          );
          if (conversation.status === 'closed') throw conflict('This conversation has ended.', 'conversation_closed');
          conversation.input = {
            ...conversation.input,
            context: { articleId: articleContext.articleId.trim(), articleTitle: articleContext.articleTitle.trim() },
          };
          return stateOf(conversation);
        }),
      emailTranscript: (id, email, callOptions) =>
        context.handle(callOptions.signal, () => {
          const conversation = conversationFor(id, callOptions.token);
          if (!isEmail(email)) throwIfInvalid({ email: 'Enter a valid email address, e.g. ana@example.com.' });
          conversation.transcriptEmails.push(email.trim());
        }),
    },
    controls: {
      setAgentsOnline(count) {
        agentsOnline = Math.max(0, Math.floor(count));
        if (agentsOnline > 0) agent?.agentsCameOnline();
      },
      agentJoin(id, agentName = SIMULATED_AGENT_NAME) {
        const conversation = existing(id);
        if (conversation.status === 'queued') room.join(conversation, agentName);
      },
      agentSend(id, text) {
        const conversation = existing(id);
        return structuredClone(
          room.post(conversation, 'agent', text, { authorName: conversation.agentName ?? SIMULATED_AGENT_NAME }),
        );
      },
      agentTyping: (id, typing) => room.typing(existing(id), 'agent', typing),
      closeAsAgent: (id) => close(existing(id)),
      events: (id) => structuredClone(existing(id).events),
      transcriptEmails: (id) => [...existing(id).transcriptEmails],
      dispose() {
        for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
      },
    },
  };
}

/** The memory backend's cursors are its own: anything else is a cursor it did not hand out. */
function positionOf(cursor: string): HistoryPosition {
  try {
    const value = JSON.parse(cursor) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number') {
      return { updatedAt: value[0], arrival: value[1] };
    }
  } catch {
    // Refused below.
  }
  throw validationError({ cursor: historyMessages.cursor });
}
