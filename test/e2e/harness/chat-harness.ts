/**
 * A shopper's page running the Kefu core's chat against the reference server, for the agent
 * console's end-to-end test. The API base comes in the query string (`?api=…/v1`): the page is
 * served from another origin, and the chat's WebSocket goes straight to the server.
 */
import { createKefu, type ConversationInput } from '@kefu/core';

const apiBase = new URLSearchParams(location.search).get('api') ?? `${location.origin}/v1`;
const client = createKefu({ apiBase, databaseName: 'kefu-e2e-chat' });

const harness = {
  ready: client.activate(),
  async start(input: ConversationInput) {
    const conversation = await client.chat.start(input);
    return conversation?.id;
  },
  send: (text: string) => client.chat.send(text),
  setTyping: (typing: boolean) => client.chat.setTyping(typing),
  transcript: () => client.chat.transcript.value.map(({ seq, author, text, state }) => ({ seq, author, text, state })),
  connection: () => client.chat.connection.value,
  agentTyping: () => client.chat.agentTyping.value,
  /** For the test to ask the server itself what it stored. */
  conversation: () => client.chat.conversation.value,
};

declare global {
  interface Window {
    kefuChat: typeof harness;
  }
}
window.kefuChat = harness;
