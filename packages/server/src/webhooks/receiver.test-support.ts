// A store's webhook receiver for the tests: a real HTTP server on 127.0.0.1 that records what
// arrives and answers as the test says (a status per request, in turn; or never). Not shipped.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface ReceivedWebhook {
  readonly headers: Headers;
  readonly body: string;
  readonly status: number;
}

export interface TestReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** The statuses to answer next, in turn; once used up, `fallback`. */
  answers: number[];
  /** The answer once `answers` are used up; `'hang'` never answers. */
  fallback: number | 'hang';
  /** Resolves once `count` requests have arrived (fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
  return headers;
}

export async function startReceiver(): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<() => void>();
  const receiver: TestReceiver = {
    url: '',
    received,
    answers: [],
    fallback: 200,
    async waitFor(count, ms = 15_000) {
      for (const deadline = Date.now() + ms; received.length < count; await delay(20))
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} requests, not ${count}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of hanging) end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const answer = receiver.answers.shift() ?? receiver.fallback;
      received.push({ headers: headersOf(request), body, status: answer === 'hang' ? 0 : answer });
      if (answer === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` });
}
