import type {
  Attachment,
  Availability,
  ChatEvent,
  ChatMessage,
  Conversation,
  ConversationInput,
} from '../../model/chat.js';
import type { ChatBackend } from '../../ports/backend.js';
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
  type FieldErrors,
} from './memory-errors.js';
import type { UploadLookup } from './memory-returns.js';
import { SIMULATED_AGENT_NAME } from '../../domain/agent-replies.js';
import { createSimulatedAgent } from './simulated-agent.js';

const MAX_MESSAGE_LENGTH = 5000;

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
  /** Whether `token` belongs to any conversation (chat attachments are uploaded with it). */
  isConversationToken(token: string | undefined): boolean;
  /** Releases the object URLs made for attachments. */
  dispose(): void;
}

export function createMemoryChat(
  context: MemoryContext,
  uploads: UploadLookup,
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

  function conversationFor(id: string, token: string | undefined): StoredConversation {
    const conversation = room.get(id);
    if (!conversation) throw notFound('We could not find that conversation.', 'conversation_not_found');
    if (token !== conversation.token) throw unauthorized('This chat has expired; please start a new one.');
    return conversation;
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

  function start(input: ConversationInput): Conversation {
    const fields: FieldErrors = {};
    if (isBlank(input.name)) fields['name'] = 'Enter your name.';
    if (!isEmail(input.email)) fields['email'] = 'Enter a valid email address, e.g. ana@example.com.';
    if (input.message !== undefined && input.message.length > MAX_MESSAGE_LENGTH) {
      fields['message'] = `Messages can be up to ${MAX_MESSAGE_LENGTH} characters.`;
    }
    throwIfInvalid(fields);
    const conversation = room.create(input);
    const firstMessage = input.message?.trim();
    if (firstMessage) room.post(conversation, 'shopper', firstMessage, { authorName: input.name.trim() });
    agent?.conversationStarted(conversation);
    return room.view(conversation);
  }

  /** Attachments from uploaded files; the object URLs live until `dispose`. */
  function attachmentsFor(ids: readonly string[]): Attachment[] {
    return ids.flatMap((id) => {
      const upload = uploads.upload(id);
      if (!upload) return [];
      const url = URL.createObjectURL(upload.file);
      objectUrls.push(url);
      const { contentType, size } = upload.photo;
      return [{ id, name: `photo-${id}.${contentType.slice('image/'.length)}`, contentType, size, url }];
    });
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
    if (attachmentIds?.some((id) => !uploads.upload(id))) {
      fields['attachmentIds'] = 'An attachment is missing; please add it again.';
    }
    throwIfInvalid(fields);
    if (conversation.status === 'closed') throw conflict('This conversation has ended.', 'conversation_closed');
    const attachments = attachmentsFor(attachmentIds ?? []);
    const message = room.post(conversation, 'shopper', text, {
      clientId,
      authorName: conversation.input.name.trim(),
      ...(attachments.length > 0 ? { attachments } : {}),
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
          context.idempotency.run('conversation', callOptions.idempotencyKey, stableJson(input), () => start(input)),
        ),
      sendMessage: (id, input, callOptions) =>
        context.handle(callOptions.signal, () =>
          send(conversationFor(id, callOptions.token), input.clientId, input.text, input.attachmentIds),
        ),
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
        if (conversation && conversation.token === token) return room.subscribe(conversation, handlers);
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
          return room.view(conversation);
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
      isConversationToken: (token) =>
        token !== undefined && room.all().some((conversation) => conversation.token === token),
      dispose() {
        for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
      },
    },
  };
}
