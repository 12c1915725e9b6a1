import type { AgentFeedFrame } from './types.js';

export type FeedState = 'connecting' | 'open' | 'reconnecting';

export interface FeedHandlers {
  onFrame(frame: AgentFeedFrame): void;
  onState(state: FeedState): void;
  /** The session ended (signed out elsewhere, expired, or the server restarted). */
  onSignedOut(): void;
}

const MAX_DELAY_MS = 10_000;

/**
 * The console's live feed over /agent/socket, reconnecting with jittered backoff. After every
 * (re)connect the server's `hello` frame carries the whole list, and the console catches up the
 * open conversations over HTTP, so nothing missed while disconnected stays missing.
 */
export function connectFeed(handlers: FeedHandlers): { close(): void } {
  let socket: WebSocket | undefined;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function open(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const current = new WebSocket(`${scheme}://${location.host}/agent/socket`);
    socket = current;
    current.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      let frame: AgentFeedFrame;
      try {
        frame = JSON.parse(message.data) as AgentFeedFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        attempts = 0;
        handlers.onState('open');
      }
      handlers.onFrame(frame);
    });
    current.addEventListener('close', (event: CloseEvent) => {
      if (stopped || socket !== current) return;
      if (event.code === 4401) handlers.onSignedOut();
      else retry();
    });
  }

  function retry(): void {
    handlers.onState('reconnecting');
    attempts += 1;
    const delay = Math.min(MAX_DELAY_MS, 250 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
    timer = setTimeout(() => {
      // A browser cannot tell a refused upgrade (no session) from a network failure: ask.
      void fetch('/agent/api/session', { credentials: 'same-origin' })
        .then((response) => response.status)
        .catch(() => 0)
        .then((status) => {
          if (stopped) return;
          if (status === 401) handlers.onSignedOut();
          else open();
        });
    }, delay);
  }

  handlers.onState('connecting');
  open();
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
      socket?.close(1000);
    },
  };
}
