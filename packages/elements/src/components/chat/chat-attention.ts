import { effect } from '@preact/signals-core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KefuClient, TranscriptEntry } from '@kefu/core';

export interface ChatAttentionOptions {
  /** The client to watch (read on every change, so a client set later is picked up). */
  readonly client: () => KefuClient | undefined;
  /** Whether the shopper can see the chat now; nothing is signalled while they can. */
  readonly isPanelOpen: () => boolean;
  /** Whether the shopper allowed a sound for new messages. Default: not allowed. */
  readonly soundAllowed?: () => boolean;
  /** Whether the shopper allowed "(2) Store" in the tab's title. Default: not allowed. */
  readonly titleBadgeAllowed?: () => boolean;
  /** The unread count changed (the loader's `unread` event). */
  readonly onUnread?: (count: number) => void;
  /** A new agent message arrived while the panel was closed (the loader's `message` event). */
  readonly onMessage?: (message: TranscriptEntry) => void;
  /** The text to announce for a message; the host renders `announcement` in a live region. */
  readonly describe?: (message: TranscriptEntry) => string;
  /** Plays the sound; a short tone through Web Audio by default. */
  readonly playSound?: () => void;
  /** Which tab rings: one per origin, chosen with a Web Lock of this name. Injected in tests. */
  readonly lockName?: string | (() => string);
}

/**
 * What a closed chat panel needs to draw attention: the unread count for the launcher's badge, a
 * sound and a title badge in one tab only (the one holding a Web Lock) and only if the shopper
 * allowed them, and the text of each new agent message, once, for a live region.
 *
 * ```ts
 * #attention = new ChatAttentionController(this, {
 *   client: () => this.client,
 *   isPanelOpen: () => this.open,
 *   soundAllowed: () => this.soundOn,
 *   onUnread: (count) => emit('unread', { count }),
 *   onMessage: (message) => emit('message', { text: message.text }),
 * });
 * // render: html`<span class="badge">${this.#attention.unread || ''}</span>
 * //               <div role="status" class="visually-hidden">${this.#attention.announcement}</div>`
 * ```
 */
export class ChatAttentionController implements ReactiveController {
  /** Agent messages the shopper has not read (the chat store's `unread`). */
  unread = 0;
  /** The latest new agent message, described for screen readers; changes once per message. */
  announcement = '';
  /** Whether this tab is the one that plays sounds and badges the title. */
  leader = false;

  readonly #host: ReactiveControllerHost;
  readonly #options: ChatAttentionOptions;
  #stop?: () => void;
  #releaseLock?: () => void;
  #lastAgentSeq = -1;
  #originalTitle?: string;

  constructor(host: ReactiveControllerHost, options: ChatAttentionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = effect(() => {
      const chat = this.#options.client()?.chat;
      if (!chat) return;
      const unread = chat.unread.value;
      const newest = latestAgentMessage(chat.transcript.value);
      this.#onChange(unread, newest);
    });
    this.#takeLeadership();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#releaseLock?.();
    this.#releaseLock = undefined;
    this.leader = false;
    this.#restoreTitle();
  }

  /** Call when the panel opens: the title badge goes, the chat element marks messages read. */
  panelOpened(): void {
    this.#restoreTitle();
  }

  #onChange(unread: number, newest: TranscriptEntry | undefined): void {
    if (unread !== this.unread) {
      this.unread = unread;
      this.#options.onUnread?.(unread);
    }
    const seq = newest?.seq ?? 0;
    if (this.#lastAgentSeq < 0) {
      // The history a page opens with is not news.
      this.#lastAgentSeq = seq;
    } else if (newest && seq > this.#lastAgentSeq) {
      this.#lastAgentSeq = seq;
      if (!this.#options.isPanelOpen()) {
        this.announcement = this.#options.describe?.(newest) ?? `${newest.authorName ?? ''}: ${newest.text}`;
        this.#options.onMessage?.(newest);
        if (this.leader && this.#options.soundAllowed?.()) (this.#options.playSound ?? playTone)();
      }
    }
    if (this.leader && this.#options.titleBadgeAllowed?.() && !this.#options.isPanelOpen() && unread > 0) {
      this.#originalTitle ??= document.title;
      document.title = `(${unread}) ${this.#originalTitle}`;
    } else if (unread === 0) {
      this.#restoreTitle();
    }
    this.#host.requestUpdate();
  }

  #restoreTitle(): void {
    if (this.#originalTitle === undefined) return;
    document.title = this.#originalTitle;
    this.#originalTitle = undefined;
  }

  #takeLeadership(): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      this.leader = true;
      return;
    }
    // The first tab to ask holds the lock until it closes; the next one waits and then takes over.
    const { lockName } = this.#options;
    const name = (typeof lockName === 'function' ? lockName() : lockName) ?? 'kefu-chat-attention';
    void locks.request(name, () => {
      if (!this.#stop) return undefined;
      this.leader = true;
      return new Promise<void>((release) => (this.#releaseLock = release));
    });
  }
}

function latestAgentMessage(transcript: readonly TranscriptEntry[]): TranscriptEntry | undefined {
  for (let index = transcript.length - 1; index >= 0; index -= 1) {
    if (transcript[index]?.author === 'agent') return transcript[index];
  }
  return undefined;
}

/** A short, quiet two-note chime; no audio file to download. */
function playTone(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.05;
    gain.connect(audio.destination);
    [660, 880].forEach((frequency, index) => {
      const oscillator = audio.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(audio.currentTime + index * 0.12);
      oscillator.stop(audio.currentTime + index * 0.12 + 0.1);
    });
    setTimeout(() => void audio.close(), 500);
  } catch {
    // No audio (autoplay policy, no device): the badge and the live region still tell.
  }
}
