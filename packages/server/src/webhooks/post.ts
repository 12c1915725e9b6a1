import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './address.js';

/** What one POST got: the answer's status, or why there was none. */
export type PostOutcome = { readonly statusCode: number } | { readonly error: string };

/**
 * POSTs `body` to `url` once: a connection of its own (no keep-alive), no redirects followed (a 3xx
 * is an answer that is not 2xx), the answer's body read and dropped, all within `timeoutMs`. With
 * `allowPrivate` false, an IP literal or a name that resolves to a private address is refused
 * before anything is sent. Never throws; an abort by `signal` resolves as an error too.
 */
export function postWebhook(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { readonly timeoutMs: number; readonly allowPrivate: boolean; readonly signal: AbortSignal },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ error: 'not a URL' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host))
      return resolve({ error: `${host} is a private address` });
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(outcome);
    };
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
      ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
    });
    const timer = setTimeout(() => finish({ error: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
    const onAbort = () => finish({ error: 'the server was shutting down' });
    options.signal.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      response.resume();
      response.once('end', () => finish({ statusCode }));
      response.once('error', () => finish({ statusCode }));
    });
    request.on('error', (error: Error & { code?: string }) =>
      finish({ error: (error.code ? `${error.code}: ` : '') + error.message.slice(0, 300) }),
    );
    if (options.signal.aborted) return onAbort();
    request.end(body);
  });
}
