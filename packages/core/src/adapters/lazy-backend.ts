import type { KefuBackend } from '../ports/backend.js';
import type { ChatStream, ChatStreamHandlers } from '../model/chat.js';

/**
 * A backend that loads its implementation on first use. The demo store (the memory adapter and
 * its 84 articles) is about as large as the rest of Kefu together; a storefront with its own
 * backend must never download it, so createKefu reaches it only through this, by dynamic import.
 */
export function createLazyBackend(load: () => Promise<KefuBackend>): KefuBackend {
  let loading: Promise<KefuBackend> | undefined;
  const backend = () => (loading ??= load());

  function openChatStream(conversationId: string, token: string, handlers: ChatStreamHandlers): ChatStream {
    let stream: ChatStream | undefined;
    let closed = false;
    void backend().then((loaded) => {
      if (!closed) stream = loaded.openChatStream(conversationId, token, handlers);
    });
    return {
      close() {
        closed = true;
        stream?.close();
      },
    };
  }

  return new Proxy({} as KefuBackend, {
    get(_target, property: keyof KefuBackend) {
      if (property === 'openChatStream') return openChatStream;
      return (...args: unknown[]) =>
        backend().then((loaded) => (loaded[property] as (...callArgs: unknown[]) => Promise<unknown>)(...args));
    },
  });
}
