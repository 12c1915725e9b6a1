import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type {
  Availability,
  ChatEvent,
  ChatMessage,
  ChatStream,
  Attachment,
  Conversation,
  ConversationContext,
  ConversationInput,
  ConversationSummary,
} from '../model/chat.js';
import type { OutboxError } from '../outbox/outbox-item.js';
import { fullJitterDelay } from '../outbox/backoff.js';
import { previewOf } from '../domain/chat-preview.js';
import { KefuError } from '../errors.js';
import { idle, loadInto, toResult, type AsyncState, type Result } from '../state.js';
import type { StoreContext } from './store-context.js';

/** A shopper's name and email as far as Kefu knows them. */
export interface ShopperContact {
  readonly name?: string;
  readonly email?: string;
}

export type ChatConnection = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Where the open conversation stands for the shopper: in the queue, waiting for an agent (open,
 * nobody has answered yet), with an agent, or ended.
 */
export type ChatStage = 'queued' | 'waiting' | 'with-agent' | 'closed';

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
  /** What the shopper chose in the pre-chat form, for the list of recent conversations. */
  readonly topic?: string;
  /** ISO 8601: when the conversation started. */
  readonly startedAt?: string;
}

export interface ChatStore {
  readonly availability: ReadonlySignal<AsyncState<Availability>>;
  readonly conversation: ReadonlySignal<Conversation | undefined>;
  readonly transcript: ReadonlySignal<readonly TranscriptEntry[]>;
  readonly connection: ReadonlySignal<ChatConnection>;
  readonly agentTyping: ReadonlySignal<boolean>;
  /**
   * Who is answering: the agent who joined, or else the author of the latest agent message. The
   * join event is not always seen (a catch-up after a reload or a dropped connection brings
   * messages only), but an agent's message names them.
   */
  readonly agentName: ReadonlySignal<string | undefined>;
  /**
   * Derived from the conversation and its messages, never set on its own, so it cannot lag: an
   * agent message means an agent is there, whatever events were missed.
   */
  readonly stage: ReadonlySignal<ChatStage | undefined>;
  readonly queue: ReadonlySignal<{ position: number; estimatedWaitSeconds: number } | undefined>;
  /** The highest seq the agent has read. */
  readonly agentReadUpTo: ReadonlySignal<number>;
  /** Agent messages after the shopper's last read (markRead): the launcher's badge. */
  readonly unread: ReadonlySignal<number>;
  /**
   * The shopper's recent conversations, most recently active first: a signed-in shopper's from the
   * server (whichever device they chatted on; `loadRecent` fetches them), with the one open here
   * kept current live; for anyone else, the one this device has.
   */
  readonly recent: ReadonlySignal<readonly ConversationSummary[]>;
  /** How the last `loadRecent` went (idle for a shopper who is not signed in). */
  readonly history: ReadonlySignal<AsyncState<readonly ConversationSummary[]>>;
  /**
   * Articles opened from the chat's FAQ suggestions with no chat started since (a deflection: the
   * shopper went for the answer instead of an agent). Per client; see `recordDeflection`.
   */
  readonly deflections: ReadonlySignal<readonly string[]>;
  /**
   * What the shopper already told Kefu, for the pre-chat form to start from (every field stays
   * editable): the name and email of a chat they started on this page, the email that found an
   * order they looked up here, the name of a callback they asked for, or the claims of the
   * signed-in shopper's identity token. Read from memory and the outbox only: nothing personal is
   * written anywhere for it.
   */
  readonly contact: ReadonlySignal<ShopperContact>;
  loadAvailability(): Promise<void>;
  /** Fetches a signed-in shopper's recent conversations into `recent`; does nothing for anyone else. */
  loadRecent(): Promise<void>;
  /**
   * Opens one of `recent` in the chat: its transcript (with the shopper's identity token, on a
   * device that never saw it), then live unless it has ended. The conversation open before is left
   * (its unsent messages still go out).
   */
  resume(conversationId: string): Promise<Result<void>>;
  /**
   * Starts a conversation (needs the network) and connects to its live stream. A signed-in
   * shopper's conversation is theirs: it is in their history on every device.
   */
  start(input: ConversationInput): Promise<Conversation | undefined>;
  /** Puts a message in the outbox: shown at once, sent when possible, never twice. */
  send(text: string, options?: { attachments?: readonly Attachment[] }): Promise<void>;
  /**
   * Uploads a photo or PDF for the open conversation (with its token); the server checks type by
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
  /**
   * Tells the agent which article the shopper is asking about in the open or queued conversation
   * ("Ask our team about this" while a chat runs): its context, beside the shopper's words and never
   * in them. Needs the network; fails with `conversation_closed` once the chat has ended.
   */
  addContext(context: ConversationContext): Promise<Result<void>>;
  /**
   * Drops the conversation on this device: disconnects, and clears it from memory and from the
   * cache, with any write still pending (`client.forget()` calls it). The server keeps it.
   */
  forget(): void;
  dispose(): void;
}

const RECONNECT_BACKOFF = { baseMs: 1_000, capMs: 30_000 };
/** How long what the live stream brings may wait before it is written to the cache. */
const PERSIST_STREAM_MS = 250;
/** How many recent conversations are fetched: a widget shows a few, a host's page may show more. */
const RECENT_PAGE_SIZE = 10;

export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  // The live case: messages newer than everything held (the server numbers a conversation's
  // events in order, so a higher seq is a message not seen yet). Appending keeps a long
  // conversation's per-message cost flat instead of rebuilding and sorting it every time.
  const last = current.at(-1)?.seq ?? 0;
  if (incoming.every((message, index) => message.seq > (index === 0 ? last : (incoming[index - 1]?.seq ?? 0))))
    return [...current, ...incoming];
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Who an identity token is about, to tell a refreshed token for the same shopper (a new `exp`) from
 * another shopper signing in. Read from a JWT's payload without checking it: the server checks
 * every call, this only decides what stays on screen. Any other token stands for itself.
 */
export function identitySubject(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return token;
  try {
    const json = atob((parts[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
    const { sub } = JSON.parse(json) as { sub?: unknown };
    return typeof sub === 'string' ? sub : token;
  } catch {
    return token;
  }
}

/** The `name` and `email` claims of a JWT identity token, read without checking it (a prefill only). */
export function identityContact(token: string | undefined): ShopperContact {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) return {};
  try {
    const json = atob((parts[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
    const { name, email } = JSON.parse(json) as { name?: unknown; email?: unknown };
    return {
      ...(typeof name === 'string' && name ? { name } : {}),
      ...(typeof email === 'string' && email ? { email } : {}),
    };
  } catch {
    return {};
  }
}

/** Agent messages after the shopper's last read (markRead). */
function unreadIn({ messages, shopperReadUpTo = 0 }: ChatSnapshot): number {
  return messages.filter((message) => message.author === 'agent' && message.seq > shopperReadUpTo).length;
}

/** The agent who joined, or else whoever wrote the latest agent message. */
function agentNameOf({ conversation, messages }: ChatSnapshot): string | undefined {
  if (conversation.agentName) return conversation.agentName;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.author === 'agent' && message.authorName) return message.authorName;
  }
  return undefined;
}

function stageOf(current: ChatSnapshot): ChatStage {
  const { conversation, messages } = current;
  if (conversation.status === 'closed') return 'closed';
  if (agentNameOf(current) !== undefined || messages.some((message) => message.author === 'agent')) return 'with-agent';
  return conversation.status === 'queued' ? 'queued' : 'waiting';
}

/** What a list shows of the conversation open on this device, from what this device knows. */
function summaryOf(current: ChatSnapshot): ConversationSummary {
  const { conversation, messages } = current;
  const last = messages.at(-1);
  const startedAt = current.startedAt ?? messages[0]?.createdAt ?? '';
  const agentName = agentNameOf(current);
  const stage = stageOf(current);
  return {
    id: conversation.id,
    // An agent answering is an open conversation, even when the status change was missed.
    status: stage === 'with-agent' ? 'open' : conversation.status,
    topic: current.topic ?? '',
    ...(agentName === undefined ? {} : { agentName }),
    createdAt: startedAt,
    updatedAt: last && last.createdAt > startedAt ? last.createdAt : startedAt,
    ...(last ? { lastMessage: previewOf(last) } : {}),
    lastSeq: current.lastSeq,
    unread: unreadIn(current),
  };
}

/**
 * The server's list with the conversation open here merged in: what this device saw live is at
 * least as new as the list, unless the list has seen more of it (sent from another device).
 */
function mergeRecent(
  listed: readonly ConversationSummary[],
  local: ConversationSummary | undefined,
): readonly ConversationSummary[] {
  if (!local) return listed;
  const known = listed.find((item) => item.id === local.id);
  const merged = known
    ? listed.map((item) =>
        item.id !== local.id
          ? item
          : local.lastSeq >= item.lastSeq
            ? { ...local, topic: item.topic || local.topic }
            : item,
      )
    : [...listed, local];
  return [...merged].sort((a, b) => (a.updatedAt === b.updatedAt ? 0 : a.updatedAt < b.updatedAt ? 1 : -1));
}

/**
 * Where the shopper had read up to, from a list entry: just before the first of the agent messages
 * it counts as unread (or the whole conversation when none are).
 */
function readUpToFrom(summary: ConversationSummary, messages: readonly ChatMessage[]): number {
  if (summary.unread === 0) return summary.lastSeq;
  const fromAgent = messages.filter((message) => message.author === 'agent');
  const firstUnread = fromAgent[Math.max(0, fromAgent.length - summary.unread)];
  return firstUnread ? firstUnread.seq - 1 : summary.lastSeq;
}

export function createChatStore(
  context: StoreContext,
  options: {
    random?: () => number;
    /** The email of this page's order lookup (`orders.lookupEmail`), in memory. */
    lookupEmail?: ReadonlySignal<string | undefined>;
  } = {},
): ChatStore {
  const { backend, cache, clock, network, outbox, session, signal: abort } = context;
  const random = options.random ?? Math.random;
  const availability = signal<AsyncState<Availability>>(idle);
  const snapshot = signal<ChatSnapshot | undefined>(undefined);
  const connection = signal<ChatConnection>('idle');
  const agentTyping = signal(false);
  const queue = signal<{ position: number; estimatedWaitSeconds: number } | undefined>(undefined);
  const agentReadUpTo = signal(0);
  const deflections = signal<readonly string[]>([]);
  const history = signal<AsyncState<readonly ConversationSummary[]>>(idle);
  // The details of the chat started on this page: memory only, gone with the page.
  const startedAs = signal<ShopperContact>({});
  // "waiting to send" (offline) versus "sending" is shown live, so it must be a signal.
  const online = signal(network.isOnline());
  let stream: ChatStream | undefined;
  let reconnectTimer: unknown;
  let reconnectAttempts = 0;
  let disposed = false;

  const conversation = computed(() => snapshot.value?.conversation);
  const agentName = computed(() => (snapshot.value ? agentNameOf(snapshot.value) : undefined));
  const stage = computed(() => (snapshot.value ? stageOf(snapshot.value) : undefined));

  // The files the shopper attached from this device, by upload id: their object URLs show them
  // without downloading them again. Elsewhere, and after a reload, the backend's address opens a
  // file (an absolute URL: the HTTP adapter resolves the server's paths); a backend that gives no
  // address a browser can open gets the file named without a link.
  const localFiles = new Map<string, string>();
  function forShopper(attachment: Attachment): Attachment {
    const local = localFiles.get(attachment.id);
    if (local) return { ...attachment, url: local };
    return /^(https?|blob):/i.test(attachment.url) ? attachment : { ...attachment, url: '' };
  }

  const contact = computed<ShopperContact>(() => {
    // The most recent first: what the shopper typed here beats an older callback and the token.
    const callbacks = outbox.items.value.filter((item) => item.kind === 'callback');
    const callbackName = (callbacks.at(-1)?.payload as { name?: unknown } | undefined)?.name;
    const fromCallback: ShopperContact = typeof callbackName === 'string' && callbackName ? { name: callbackName } : {};
    const lookupEmail = options.lookupEmail?.value;
    const fromLookup: ShopperContact = lookupEmail ? { email: lookupEmail } : {};
    return { ...identityContact(session.identityToken.value), ...fromCallback, ...fromLookup, ...startedAs.value };
  });

  const recent = computed(() => {
    const current = snapshot.value;
    return mergeRecent(history.value.data ?? [], current ? summaryOf(current) : undefined);
  });

  /**
   * What authorizes calls on a conversation: its own token, or — for one a signed-in shopper
   * reopened on this device, which has none — their identity token, read at the moment of the call.
   */
  function tokenOf(open: Conversation): string | undefined {
    return open.token || session.identityToken.peek();
  }

  // A stored message's entry is made once: a new message then costs one entry, not the whole
  // transcript again (and the entries of old messages stay the same objects for the renderer).
  const entries = new WeakMap<ChatMessage, TranscriptEntry>();
  const entryOf = (message: ChatMessage): TranscriptEntry => {
    let entry = entries.get(message);
    if (!entry) {
      entry = {
        key: message.id,
        ...(message.clientId ? { clientId: message.clientId } : {}),
        seq: message.seq,
        author: message.author,
        ...(message.authorName ? { authorName: message.authorName } : {}),
        text: message.text,
        ...(message.attachments?.length ? { attachments: message.attachments.map(forShopper) } : {}),
        createdAt: message.createdAt,
        state: 'sent',
      };
      entries.set(message, entry);
    }
    return entry;
  };

  const transcript = computed<readonly TranscriptEntry[]>(() => {
    const current = snapshot.value;
    if (!current) return [];
    const stored = current.messages.map(entryOf);
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
            ...(payload.attachments?.length ? { attachments: payload.attachments.map(forShopper) } : {}),
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
    return current ? unreadIn(current) : 0;
  });

  // What the stream brings is written to the cache at most every PERSIST_STREAM_MS, not once per
  // event: a busy conversation would otherwise write its whole transcript to IndexedDB per message.
  // Losing the last few on a crash costs nothing — lastSeq is written with them, so the catch-up
  // after the next load fetches them again. Everything else (a new conversation, a status the
  // shopper caused) is written at once.
  // On the injected clock, so a test can run the coalesced write instead of sleeping past it.
  let pendingWrite: unknown;
  function cancelPendingWrite(): void {
    if (pendingWrite !== undefined) clock.clearTimeout(pendingWrite);
    pendingWrite = undefined;
  }
  function persistNow(): void {
    cancelPendingWrite();
    const current = snapshot.peek();
    if (current) void cache.write('conversation', current);
  }

  function update(change: (current: ChatSnapshot) => ChatSnapshot, persist: 'now' | 'soon' = 'now'): void {
    const current = snapshot.peek();
    if (!current) return;
    snapshot.value = change(current);
    if (persist === 'now') persistNow();
    else pendingWrite ??= clock.setTimeout(persistNow, PERSIST_STREAM_MS);
  }

  /**
   * Merges messages in. `seenUpTo` moves lastSeq, and only two callers may pass it: the catch-up
   * fetch (everything after lastSeq) and the stream once caught up (everything since subscribing,
   * in order). A message the outbox delivered says nothing about what came before it: letting it
   * move lastSeq would skip an agent message sent while the stream was down.
   */
  function receive(messages: readonly ChatMessage[], seenUpTo?: number, persist: 'now' | 'soon' = 'now'): void {
    update(
      (current) => ({
        ...current,
        messages: mergeMessages(current.messages, messages),
        lastSeq: seenUpTo === undefined ? current.lastSeq : Math.max(current.lastSeq, seenUpTo),
      }),
      persist,
    );
  }

  // Per subscription: whether the catch-up fetch after subscribing has landed, and the highest seq
  // the stream delivered meanwhile.
  let caughtUp = false;
  let streamHighSeq = 0;
  // The seq the catch-up's conversation state was read at: a join or status event the stream
  // delivers late, from before it, must not turn the state back.
  let stateSeq = 0;

  function onEvent(event: ChatEvent): void {
    streamHighSeq = Math.max(streamHighSeq, event.seq);
    switch (event.type) {
      case 'message':
        if (event.message.author === 'agent') agentTyping.value = false;
        // One update per message: merged and, once caught up, lastSeq moved with it.
        receive([event.message], caughtUp ? event.seq : undefined, 'soon');
        return;
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
        if (event.seq <= stateSeq) break;
        queue.value = undefined;
        update((current) => ({
          ...current,
          conversation: { ...current.conversation, agentName: event.agentName, status: 'open' },
        }));
        break;
      case 'status':
        if (event.seq <= stateSeq) break;
        update((current) => ({ ...current, conversation: { ...current.conversation, status: event.status } }));
        if (event.status === 'closed') disconnect('closed');
        break;
    }
    if (caughtUp) update((current) => ({ ...current, lastSeq: Math.max(current.lastSeq, event.seq) }), 'soon');
  }

  /** Subscribe first, then fetch what came after the last seq: the two overlap, merging by id removes the overlap. */
  function connect(): void {
    const current = snapshot.peek();
    if (!current || disposed || current.conversation.status === 'closed') return;
    stream?.close();
    const token = tokenOf(current.conversation);
    // A reopened conversation whose shopper signed out: nothing may open it any more.
    if (!token) {
      disconnect('closed');
      return;
    }
    caughtUp = false;
    streamHighSeq = 0;
    stateSeq = 0;
    connection.value = reconnectAttempts === 0 ? 'connecting' : 'reconnecting';
    const { id } = current.conversation;
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
      const token = tokenOf(current.conversation);
      const options = { ...(token ? { token } : {}), signal: abort };
      // The messages missed, and where the conversation stands: an agent who joined but has not
      // written yet is an event, not a message, and the header must not say "waiting" after a reload.
      const [missed, now] = await Promise.all([
        backend.getMessages(current.conversation.id, current.lastSeq, options),
        backend.getConversation(current.conversation.id, options),
      ]);
      stateSeq = now.lastSeq;
      if (now.status === 'queued' && now.queuePosition !== undefined) {
        queue.value = { position: now.queuePosition, estimatedWaitSeconds: queue.peek()?.estimatedWaitSeconds ?? 0 };
      } else if (now.status !== 'queued') {
        queue.value = undefined;
      }
      update((state) => ({
        ...state,
        conversation: {
          ...state.conversation,
          status: now.status,
          ...(now.agentName === undefined ? {} : { agentName: now.agentName }),
        },
      }));
      // Not up to `now.lastSeq`: a message stored between the two reads is the stream's to bring.
      receive(missed, Math.max(streamHighSeq, ...missed.map((message) => message.seq)));
      caughtUp = true;
      if (now.status === 'closed') disconnect('closed');
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
    const token = current && tokenOf(current.conversation);
    return token ? { token, signal: abort } : undefined;
  }

  /** Leaves the conversation on screen for another (or none): stream, timers and live state. */
  function leave(): void {
    disconnect('idle');
    agentTyping.value = false;
    queue.value = undefined;
    agentReadUpTo.value = 0;
  }

  // Another shopper signed in on this device, or this one signed out: their list goes, and so does
  // a conversation that only their identity opened here. A refreshed token for the same shopper
  // (a new expiry) changes nothing on screen.
  let shopper = identitySubject(session.identityToken.peek());
  // Counts shopper changes, so an answer that was on its way for the previous one is dropped.
  let shopperGeneration = 0;
  const unwatchShopper = session.identityToken.subscribe((token) => {
    const subject = identitySubject(token);
    if (subject === shopper) return;
    shopper = subject;
    shopperGeneration += 1;
    history.value = idle;
    // What the previous shopper typed is not the next one's to see.
    startedAs.value = {};
    if (snapshot.peek()?.conversation.token === '') forgetConversation();
  });

  function forgetConversation(): void {
    leave();
    cancelPendingWrite();
    snapshot.value = undefined;
    void cache.remove('conversation');
  }

  return {
    availability,
    conversation,
    transcript,
    connection,
    agentTyping,
    agentName,
    stage,
    queue,
    agentReadUpTo,
    unread,
    recent,
    history,
    deflections,
    contact,
    async loadAvailability() {
      await loadInto(
        availability,
        () => backend.getAvailability({ signal: abort }),
        () => clock.now(),
      );
    },
    async loadRecent() {
      const token = session.identityToken.peek();
      if (!token) return;
      const generation = shopperGeneration;
      // Loaded aside and copied over while the same shopper is signed in: another's list never shows.
      const loading = signal(history.peek());
      const stopCopying = loading.subscribe((state) => {
        if (generation === shopperGeneration) history.value = state;
      });
      try {
        await loadInto(
          loading,
          async () =>
            (await backend.listConversations({ limit: RECENT_PAGE_SIZE }, { token, signal: abort })).conversations,
          () => clock.now(),
        );
      } finally {
        stopCopying();
      }
    },
    resume: (conversationId) =>
      toResult(async () => {
        const current = snapshot.peek();
        if (current?.conversation.id === conversationId) {
          // Already here: only make sure it is live (it may have been left after a refusal).
          if (connection.peek() === 'idle' || connection.peek() === 'closed') connect();
          return;
        }
        const summary = history.peek().data?.find((item) => item.id === conversationId);
        if (!summary) throw new KefuError('not_found', 'We could not find that conversation.');
        const token = session.identityToken.peek();
        if (!token) throw new KefuError('unauthorized', 'Please sign in again to see this conversation.');
        const generation = shopperGeneration;
        const messages = await backend.getMessages(conversationId, 0, { token, signal: abort });
        if (generation !== shopperGeneration)
          throw new KefuError('unauthorized', 'Another shopper signed in meanwhile.');
        leave();
        snapshot.value = {
          // No conversation token on this device: its calls carry the identity token (tokenOf).
          conversation: {
            id: summary.id,
            token: '',
            status: summary.status,
            ...(summary.agentName === undefined ? {} : { agentName: summary.agentName }),
          },
          messages: mergeMessages([], messages),
          // Messages only: events after the last message come with the stream's catch-up.
          lastSeq: messages.reduce((highest, message) => Math.max(highest, message.seq), 0),
          shopperReadUpTo: readUpToFrom(summary, messages),
          topic: summary.topic,
          startedAt: summary.createdAt,
        };
        await cache.write('conversation', snapshot.peek());
        connect();
      }),
    async start(input) {
      const identity = session.identityToken.peek();
      let created: Conversation;
      try {
        created = await backend.startConversation(input, {
          idempotencyKey: crypto.randomUUID(),
          signal: abort,
          // A signed-in shopper's conversation is theirs, on every device.
          ...(identity ? { token: identity } : {}),
        });
      } catch {
        // The element keeps what the shopper typed and offers to try again.
        return undefined;
      }
      // The shopper chatted after all: the articles they opened did not answer them.
      deflections.value = [];
      startedAs.value = { name: input.name, email: input.email };
      leave();
      if (created.queuePosition !== undefined)
        queue.value = { position: created.queuePosition, estimatedWaitSeconds: 0 };
      snapshot.value = {
        conversation: created,
        messages: [],
        lastSeq: 0,
        topic: input.topic,
        startedAt: new Date(clock.now()).toISOString(),
      };
      await cache.write('conversation', snapshot.peek());
      connect();
      return created;
    },
    async send(text, sendOptions = {}) {
      const current = snapshot.peek();
      if (!current) return;
      // Kept with the item until it is sent (then dropped), as a return keeps its order's token.
      const token = tokenOf(current.conversation);
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
        { id: clientId, ...(token ? { token } : {}) },
      );
    },
    uploadAttachment: (file, onProgress) =>
      toResult(async () => {
        const current = snapshot.peek();
        if (!current) throw new RangeError('No conversation to attach to.');
        const token = tokenOf(current.conversation);
        const uploaded = await backend.uploadAttachment(current.conversation.id, file, {
          ...(token ? { token } : {}),
          idempotencyKey: crypto.randomUUID(),
          signal: abort,
          ...(onProgress ? { onProgress } : {}),
        });
        const name = file instanceof File ? file.name : `attachment-${uploaded.id}`;
        // The server gives the shopper no address for their upload: this device shows its own copy.
        let url = localFiles.get(uploaded.id);
        if (!url) {
          url = URL.createObjectURL(file);
          localFiles.set(uploaded.id, url);
        }
        return { id: uploaded.id, name, contentType: uploaded.contentType, size: uploaded.size, url };
      }),
    recordDeflection(articleId) {
      deflections.value = [...deflections.peek(), articleId];
    },
    async restore() {
      if (snapshot.peek()) return;
      const cached = await cache.read<ChatSnapshot>('conversation');
      if (!cached || cached.data.conversation.status === 'closed') return;
      // One only a signed-in shopper's identity opened, and nobody is signed in now: not theirs to see.
      if (!cached.data.conversation.token && !session.identityToken.peek()) {
        await cache.remove('conversation');
        return;
      }
      // The shopper may have chosen another conversation meanwhile.
      if (snapshot.peek()) return;
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
    addContext: (articleContext) =>
      toResult(async () => {
        const current = snapshot.peek();
        const options = tokenOptions();
        if (!current || !options) throw new KefuError('not_found', 'No conversation is open.');
        await backend.setConversationContext(current.conversation.id, articleContext, options);
      }),
    forget() {
      forgetConversation();
      startedAs.value = {};
      shopperGeneration += 1;
      history.value = idle;
    },
    dispose() {
      disposed = true;
      // What the stream brought last is kept: the next page starts from it.
      if (pendingWrite !== undefined) persistNow();
      disconnect('closed');
      unsubscribeNetwork();
      stopWatchingOutbox();
      unwatchShopper();
      for (const url of localFiles.values()) URL.revokeObjectURL(url);
      localFiles.clear();
    },
  };
}
