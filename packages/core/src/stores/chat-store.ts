import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type {
  Availability,
  ChatEvent,
  ChatMessage,
  ChatStream,
  Attachment,
  Conversation,
  ConversationInput,
} from '../model/chat.js';
import type { UploadedPhoto } from '../model/returns.js';
import type { OutboxError } from '../outbox/outbox-item.js';
import { fullJitterDelay } from '../outbox/backoff.js';
import { idle, loadInto, toResult, type AsyncState, type Result } from '../state.js';
import type { StoreContext } from './store-context.js';

export type ChatConnection = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A line of the transcript: a stored message, or one of the shopper's still in the outbox. */
export interface TranscriptEntry {
  /** The server id, or the client id while the message is not stored yet. */
  readonly key: string;
  readonly clientId?: string;
  readonly seq?: number;
  readonly author: ChatMessage['author'];
  readonly authorName?: string;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  readonly createdAt: string;
  readonly state: 'sending' | 'waiting' | 'sent' | 'failed';
  readonly error?: OutboxError;
}

export interface ChatSnapshot {
  readonly conversation: Conversation;
  /** Stored messages, unique by id, in seq order. */
  readonly messages: readonly ChatMessage[];
  /** The highest sequence number seen, messages and events alike; catch-up fetches after it. */
  readonly lastSeq: number;
  /** The highest seq the shopper has read (markRead); agent messages after it are unread. */
  readonly shopperReadUpTo?: number;
}

export interface ChatStore {
  readonly availability: ReadonlySignal<AsyncState<Availability>>;
  readonly conversation: ReadonlySignal<Conversation | undefined>;
  readonly transcript: ReadonlySignal<readonly TranscriptEntry[]>;
  readonly connection: ReadonlySignal<ChatConnection>;
  readonly agentTyping: ReadonlySignal<boolean>;
  readonly queue: ReadonlySignal<{ position: number; estimatedWaitSeconds: number } | undefined>;
  /** The highest seq the agent has read. */
  readonly agentReadUpTo: ReadonlySignal<number>;
  /** Agent messages after the shopper's last read (markRead): the launcher's badge. */
  readonly unread: ReadonlySignal<number>;
  /**
   * Articles opened from the chat's FAQ suggestions with no chat started since (a deflection: the
   * shopper went for the answer instead of an agent). Per client; see `recordDeflection`.
   */
  readonly deflections: ReadonlySignal<readonly string[]>;
  loadAvailability(): Promise<void>;
  /** Starts a conversation (needs the network) and connects to its live stream. */
  start(input: ConversationInput): Promise<Conversation | undefined>;
  /** Puts a message in the outbox: shown at once, sent when possible, never twice. */
  send(text: string, options?: { attachments?: readonly Attachment[] }): Promise<void>;
  /**
   * Uploads an image for the open conversation (with its token); the server checks type by
   * content and size. Attach the result with `send(text, { attachments: [result] })`.
   */
  uploadAttachment(file: Blob, onProgress?: (fraction: number) => void): Promise<Result<Attachment>>;
  /** Records that an article suggested by the chat answered the shopper (they left without chatting). */
  recordDeflection(articleId: string): void;
  /** Shows the open conversation from the cache at once, then reconnects and catches up. */
  restore(): Promise<void>;
  setTyping(typing: boolean): Promise<void>;
  markRead(): Promise<void>;
  end(): Promise<void>;
  emailTranscript(email: string): Promise<Result<void>>;
  dispose(): void;
}

const RECONNECT_BACKOFF = { baseMs: 1_000, capMs: 30_000 };

export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function createChatStore(context: StoreContext, options: { random?: () => number } = {}): ChatStore {
  const { backend, cache, clock, network, outbox, signal: abort } = context;
  const random = options.random ?? Math.random;
  const availability = signal<AsyncState<Availability>>(idle);
  const snapshot = signal<ChatSnapshot | undefined>(undefined);
  const connection = signal<ChatConnection>('idle');
  const agentTyping = signal(false);
  const queue = signal<{ position: number; estimatedWaitSeconds: number } | undefined>(undefined);
  const agentReadUpTo = signal(0);
  const deflections = signal<readonly string[]>([]);
  // "waiting to send" (offline) versus "sending" is shown live, so it must be a signal.
  const online = signal(network.isOnline());
  let stream: ChatStream | undefined;
  let reconnectTimer: unknown;
  let reconnectAttempts = 0;
  let disposed = false;

  const conversation = computed(() => snapshot.value?.conversation);

  const transcript = computed<readonly TranscriptEntry[]>(() => {
    const current = snapshot.value;
    if (!current) return [];
    const stored: TranscriptEntry[] = current.messages.map((message) => ({
      key: message.id,
      ...(message.clientId ? { clientId: message.clientId } : {}),
      seq: message.seq,
      author: message.author,
      ...(message.authorName ? { authorName: message.authorName } : {}),
      text: message.text,
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      createdAt: message.createdAt,
      state: 'sent',
    }));
    const storedClientIds = new Set(current.messages.map((message) => message.clientId));
    const isOnline = online.value;
    const unsent: TranscriptEntry[] = outbox.items.value
      .filter((item) => item.kind === 'chat-message' && item.status !== 'sent' && !storedClientIds.has(item.id))
      .flatMap((item) => {
        const payload = item.payload as
          { conversationId: string; message: { text: string }; attachments?: readonly Attachment[] } | undefined;
        if (!payload || payload.conversationId !== current.conversation.id) return [];
        return [
          {
            key: item.id,
            clientId: item.id,
            author: 'shopper' as const,
            text: payload.message.text,
            ...(payload.attachments?.length ? { attachments: payload.attachments } : {}),
            createdAt: new Date(item.createdAt).toISOString(),
            state:
              item.status === 'failed' ? ('failed' as const) : isOnline ? ('sending' as const) : ('waiting' as const),
            ...(item.error ? { error: item.error } : {}),
          },
        ];
      });
    return [...stored, ...unsent];
  });

  const unread = computed(() => {
    const current = snapshot.value;
    if (!current) return 0;
    const readUpTo = current.shopperReadUpTo ?? 0;
    return current.messages.filter((message) => message.author === 'agent' && message.seq > readUpTo).length;
  });

  function update(change: (current: ChatSnapshot) => ChatSnapshot): void {
    const current = snapshot.peek();
    if (!current) return;
    const next = change(current);
    snapshot.value = next;
    void cache.write('conversation', next);
  }

  /**
   * Merges messages in. `seenUpTo` moves lastSeq, and only two callers may pass it: the catch-up
   * fetch (everything after lastSeq) and the stream once caught up (everything since subscribing,
   * in order). A message the outbox delivered says nothing about what came before it: letting it
   * move lastSeq would skip an agent message sent while the stream was down.
   */
  function receive(messages: readonly ChatMessage[], seenUpTo?: number): void {
    update((current) => ({
      ...current,
      messages: mergeMessages(current.messages, messages),
      lastSeq: seenUpTo === undefined ? current.lastSeq : Math.max(current.lastSeq, seenUpTo),
    }));
  }

  // Per subscription: whether the catch-up fetch after subscribing has landed, and the highest seq
  // the stream delivered meanwhile.
  let caughtUp = false;
  let streamHighSeq = 0;

  function onEvent(event: ChatEvent): void {
    switch (event.type) {
      case 'message':
        if (event.message.author === 'agent') agentTyping.value = false;
        receive([event.message]);
        break;
      case 'typing':
        if (event.author === 'agent') agentTyping.value = event.typing;
        break;
      case 'read':
        if (event.author === 'agent') agentReadUpTo.value = Math.max(agentReadUpTo.peek(), event.upToSeq);
        break;
      case 'queue':
        queue.value = { position: event.position, estimatedWaitSeconds: event.estimatedWaitSeconds };
        break;
      case 'agent_joined':
        queue.value = undefined;
        update((current) => ({
          ...current,
          conversation: { ...current.conversation, agentName: event.agentName, status: 'open' },
        }));
        break;
      case 'status':
        update((current) => ({ ...current, conversation: { ...current.conversation, status: event.status } }));
        if (event.status === 'closed') disconnect('closed');
        break;
    }
    streamHighSeq = Math.max(streamHighSeq, event.seq);
    if (caughtUp) update((current) => ({ ...current, lastSeq: Math.max(current.lastSeq, event.seq) }));
  }

  /** Subscribe first, then fetch what came after the last seq: the two overlap, merging by id removes the overlap. */
  function connect(): void {
    const current = snapshot.peek();
    if (!current || disposed || current.conversation.status === 'closed') return;
    stream?.close();
    caughtUp = false;
    streamHighSeq = 0;
    connection.value = reconnectAttempts === 0 ? 'connecting' : 'reconnecting';
    const { id, token } = current.conversation;
    stream = backend.openChatStream(id, token, {
      onEvent,
      onConnection(state, reason) {
        if (state === 'open') {
          reconnectAttempts = 0;
          connection.value = 'open';
          void catchUp();
        } else if (reason === 'refused') {
          // The token no longer opens this conversation: retrying with it would never succeed.
          disconnect('closed');
        } else {
          scheduleReconnect();
        }
      },
    });
  }

  async function catchUp(): Promise<void> {
    const current = snapshot.peek();
    if (!current) return;
    try {
      const missed = await backend.getMessages(current.conversation.id, current.lastSeq, {
        token: current.conversation.token,
        signal: abort,
      });
      receive(missed, Math.max(streamHighSeq, ...missed.map((message) => message.seq)));
      caughtUp = true;
    } catch {
      // Without the catch-up there may be a gap before the stream's first event: start over.
      if (disposed) return;
      stream?.close();
      scheduleReconnect();
    }
  }

  function scheduleReconnect(): void {
    stream = undefined;
    if (disposed || snapshot.peek()?.conversation.status === 'closed') return;
    connection.value = 'reconnecting';
    reconnectAttempts += 1;
    clock.clearTimeout(reconnectTimer);
    reconnectTimer = clock.setTimeout(connect, fullJitterDelay(reconnectAttempts, RECONNECT_BACKOFF, random));
  }

  function disconnect(state: ChatConnection): void {
    clock.clearTimeout(reconnectTimer);
    stream?.close();
    stream = undefined;
    connection.value = state;
  }

  const unsubscribeNetwork = network.subscribe((isOnline) => {
    online.value = isOnline;
    if (isOnline && connection.peek() === 'reconnecting') {
      reconnectAttempts = 0;
      connect();
    }
  });

  // A message the outbox delivered is the stored message: merge it at once, without waiting for the stream.
  const stopWatchingOutbox = outbox.items.subscribe((items) => {
    const current = snapshot.peek();
    if (!current) return;
    const delivered = items
      .filter((item) => item.kind === 'chat-message' && item.status === 'sent' && item.result)
      .map((item) => item.result as ChatMessage)
      .filter((message) => !current.messages.some((known) => known.id === message.id));
    if (delivered.length) receive(delivered);
  });

  function tokenOptions() {
    const current = snapshot.peek();
    return current ? { token: current.conversation.token, signal: abort } : undefined;
  }

  return {
    availability,
    conversation,
    transcript,
    connection,
    agentTyping,
    queue,
    agentReadUpTo,
    unread,
    deflections,
    async loadAvailability() {
      await loadInto(
        availability,
        () => backend.getAvailability({ signal: abort }),
        () => clock.now(),
      );
    },
    async start(input) {
      const started = signal<AsyncState<Conversation>>(idle);
      const created = await loadInto(
        started,
        () => backend.startConversation(input, { idempotencyKey: crypto.randomUUID(), signal: abort }),
        () => clock.now(),
      );
      if (!created) return undefined;
      // The shopper chatted after all: the articles they opened did not answer them.
      deflections.value = [];
      if (created.queuePosition !== undefined)
        queue.value = { position: created.queuePosition, estimatedWaitSeconds: 0 };
      snapshot.value = { conversation: created, messages: [], lastSeq: 0 };
      await cache.write('conversation', snapshot.peek());
      connect();
      return created;
    },
    async send(text, sendOptions = {}) {
      const current = snapshot.peek();
      if (!current) return;
      const clientId = crypto.randomUUID();
      const attachments = sendOptions.attachments ?? [];
      const message = attachments.length
        ? { clientId, text, attachmentIds: attachments.map((attachment) => attachment.id) }
        : { clientId, text };
      await outbox.enqueue(
        'chat-message',
        // The attachments ride along (the outbox ignores them) so an unsent message shows them.
        {
          conversationId: current.conversation.id,
          message,
          ...(attachments.length ? { attachments } : {}),
        } as { conversationId: string; message: typeof message },
        { id: clientId, token: current.conversation.token },
      );
    },
    uploadAttachment: (file, onProgress) =>
      toResult(async () => {
        const current = snapshot.peek();
        if (!current) throw new RangeError('No conversation to attach to.');
        const photo: UploadedPhoto = await backend.uploadPhoto(file, {
          token: current.conversation.token,
          idempotencyKey: crypto.randomUUID(),
          signal: abort,
          ...(onProgress ? { onProgress } : {}),
        });
        const name = file instanceof File ? file.name : `attachment-${photo.id}`;
        // The server gives no public URL for a shopper's upload; the element previews the local file.
        return { id: photo.id, name, contentType: photo.contentType, size: photo.size, url: '' };
      }),
    recordDeflection(articleId) {
      deflections.value = [...deflections.peek(), articleId];
    },
    async restore() {
      if (snapshot.peek()) return;
      const cached = await cache.read<ChatSnapshot>('conversation');
      if (!cached || cached.data.conversation.status === 'closed') return;
      snapshot.value = cached.data;
      connect();
    },
    async setTyping(typing) {
      const current = snapshot.peek();
      const options = tokenOptions();
      if (current && options) await backend.sendTyping(current.conversation.id, typing, options).catch(() => undefined);
    },
    async markRead() {
      const current = snapshot.peek();
      const options = tokenOptions();
      if (current && options) {
        if ((current.shopperReadUpTo ?? 0) < current.lastSeq) {
          update((state) => ({ ...state, shopperReadUpTo: current.lastSeq }));
        }
        await backend.markRead(current.conversation.id, current.lastSeq, options).catch(() => undefined);
      }
    },
    async end() {
      const current = snapshot.peek();
      const options = tokenOptions();
      if (!current || !options) return;
      const closed = await backend.closeConversation(current.conversation.id, options).catch(() => undefined);
      update((state) => ({ ...state, conversation: { ...state.conversation, ...(closed ?? {}), status: 'closed' } }));
      disconnect('closed');
    },
    emailTranscript: (email) =>
      toResult(async () => {
        const current = snapshot.peek();
        const options = tokenOptions();
        if (current && options) await backend.emailTranscript(current.conversation.id, email, options);
      }),
    dispose() {
      disposed = true;
      disconnect('closed');
      unsubscribeNetwork();
      stopWatchingOutbox();
    },
  };
}
