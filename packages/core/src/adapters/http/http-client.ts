import { KefuError, type KefuErrorCode, toKefuError } from '../../errors.js';

export interface HttpClientOptions {
  /** Where the Kefu HTTP contract is served, e.g. "https://help.example.com/v1". */
  readonly apiBase: string;
  /** Injected so tests and unusual hosts can supply their own. Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** For uploads, the one place fetch cannot serve (no upload progress). Defaults to the global one. */
  readonly XMLHttpRequest?: typeof XMLHttpRequest;
  /**
   * Per-request time limit. For uploads it is the longest the upload may go without progress, so a
   * large photo on a slow link is not cut off while it is still moving.
   */
  readonly timeoutMs?: number;
  /** The clock, for turning an HTTP-date Retry-After into a delay. */
  readonly now?: () => number;
  /**
   * Returns the bearer token for calls that bring none of their own. Tokens travel in the
   * Authorization header only.
   */
  readonly getToken?: () => string | undefined;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below apiBase, starting with "/"; ids in it already encoded (see `pathOf`). */
  readonly path: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  /** Bearer token for this call; wins over `getToken`. */
  readonly token?: string;
  /** Sent as Idempotency-Key: the same key makes the server return the first response again. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

export interface HttpUpload {
  /** Path below apiBase, starting with "/". */
  readonly path: string;
  /** Sent as multipart/form-data; the browser writes the boundary. */
  readonly form: FormData;
  readonly token?: string;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  /** The fraction of the body sent so far, 0 to 1; reaches 1 once the whole body is out. */
  readonly onProgress?: (fraction: number) => void;
}

export interface HttpClient {
  request<T>(request: HttpRequest): Promise<T>;
  /** POSTs a form with XMLHttpRequest, the only browser API that reports upload progress. */
  upload<T>(upload: HttpUpload): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The one place Kefu talks HTTP: builds URLs, applies time limits and maps failures to KefuError. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const apiBase = trimBase(options.apiBase);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  function headersFor(token: string | undefined, idempotencyKey: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const bearer = token ?? options.getToken?.();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    return headers;
  }

  async function request<T>(req: HttpRequest): Promise<T> {
    // Looked up per call: test doubles (msw) replace the global after this module has loaded.
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers = headersFor(req.token, req.idempotencyKey);
    if (req.body !== undefined) headers['content-type'] = 'application/json';

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    // fetch rejects with the signal's reason: tell a timeout from a cancellation from a dead network.
    const failure = (error: unknown): KefuError => {
      if (req.signal?.aborted) return cancelled(req.signal);
      if (timeout.aborted) {
        return new KefuError('timeout', `No answer from ${req.path} within ${timeoutMs} ms.`, { cause: error });
      }
      return toKefuError(error);
    };

    let response: Response;
    try {
      response = await doFetch(buildUrl(apiBase, req.path, req.query), {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
        credentials: 'omit',
      });
    } catch (error) {
      throw failure(error);
    }

    const { ok, status, statusText } = response;
    let body = '';
    try {
      // The body streams in after the headers, so the time limit and the caller's signal still apply.
      body = await response.text();
    } catch (error) {
      // An error's body cut off leaves its status to speak alone.
      if (ok) throw failure(error);
    }
    if (!ok) throw errorOf(status, statusText, body, response.headers.get('retry-after'), now());
    return bodyOf<T>(body, status, req.path);
  }

  function upload<T>(req: HttpUpload): Promise<T> {
    const Xhr = options.XMLHttpRequest ?? globalThis.XMLHttpRequest;
    return new Promise<T>((resolve, reject) => {
      if (req.signal?.aborted) {
        reject(cancelled(req.signal));
        return;
      }
      const xhr = new Xhr();
      let settled = false;
      let stallTimer: ReturnType<typeof setTimeout> | undefined;
      let sent = 0;

      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(stallTimer);
        req.signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const armStallTimer = (): void => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => {
          settle(() => reject(new KefuError('timeout', `No progress on ${req.path} for ${timeoutMs} ms.`)));
          xhr.abort();
        }, timeoutMs);
      };
      const report = (fraction: number): void => {
        // Never backwards, never past 1: the UI draws a progress bar from it.
        const clamped = Math.min(1, Math.max(sent, fraction));
        if (clamped === sent && sent !== 0) return;
        sent = clamped;
        req.onProgress?.(clamped);
      };
      function onAbort(): void {
        settle(() => reject(cancelled(req.signal)));
        xhr.abort();
      }

      xhr.open('POST', buildUrl(apiBase, req.path, undefined));
      // XHR cannot omit cookies on same-origin requests; false at least keeps them off cross-origin ones.
      xhr.withCredentials = false;
      for (const [name, value] of Object.entries(headersFor(req.token, req.idempotencyKey))) {
        xhr.setRequestHeader(name, value);
      }
      // Listeners on xhr.upload must exist before send(), or the browser may not report progress.
      xhr.upload.addEventListener('progress', (event) => {
        armStallTimer();
        if (event.lengthComputable && event.total > 0) report(event.loaded / event.total);
      });
      xhr.upload.addEventListener('load', () => {
        armStallTimer();
        report(1);
      });
      xhr.addEventListener('progress', armStallTimer);
      const failed = () => reject(new KefuError('network', `The upload to ${req.path} failed.`));
      xhr.addEventListener('error', () => settle(failed));
      xhr.addEventListener('load', () =>
        settle(() => {
          const { status, statusText, responseText } = xhr;
          if (status === 0) return failed();
          if (status < 200 || status >= 300)
            return reject(errorOf(status, statusText, responseText, xhr.getResponseHeader('retry-after'), now()));
          report(1);
          try {
            resolve(bodyOf<T>(responseText, status, req.path));
          } catch (error) {
            reject(error);
          }
        }),
      );
      req.signal?.addEventListener('abort', onAbort, { once: true });
      armStallTimer();
      xhr.send(req.form);
    });
  }

  return { request, upload };
}

/** Encodes one id for a path segment, so an id can never reach another route. */
export function pathOf(strings: TemplateStringsArray, ...ids: readonly string[]): string {
  return String.raw({ raw: strings }, ...ids.map(encodeURIComponent));
}

/**
 * The absolute URL of a path below apiBase. A relative apiBase ("/v1", as the script tag and the
 * framework guides recommend) is resolved against the page, as fetch resolves it; what needs an
 * absolute address (a WebSocket, a file link kept in a message) comes here.
 */
export function absoluteUrl(apiBase: string, path: string): string {
  return new URL(`${trimBase(apiBase)}${path}`, globalThis.location?.href).href;
}

/** The WebSocket URL of a path below apiBase: http → ws, https → wss. */
export function webSocketUrl(apiBase: string, path: string): string {
  const url = new URL(absoluteUrl(apiBase, path));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The caller cancelled: whatever reason they aborted with, the code is `aborted`. */
function cancelled(signal: AbortSignal | undefined): KefuError {
  return new KefuError('aborted', 'The request was cancelled.', { cause: signal?.reason });
}

/** apiBase without its trailing slashes, for `${base}${path}`. */
export function trimBase(apiBase: string): string {
  return apiBase.replace(/\/+$/, '');
}

function buildUrl(apiBase: string, path: string, query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

/** A successful response's JSON body (none for 204). */
function bodyOf<T>(text: string, status: number, path: string): T {
  if (status === 204) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    // A proxy or a misrouted apiBase answering 200 with HTML: a server fault, not the shopper's.
    throw new KefuError('server', `${path} answered ${status} without a JSON body.`, { status, cause: error });
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown; triesLeft?: unknown };
}

const codeByStatus: Record<number, KefuErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  413: 'validation',
  415: 'validation',
  422: 'validation',
  429: 'rate_limited',
};

/** The KefuError of an error response (fetch's or an upload's): its status, error body and Retry-After. */
function errorOf(
  status: number,
  statusText: string,
  body: string,
  retryAfter: string | null,
  nowMs: number,
): KefuError {
  let error: ErrorBody['error'];
  try {
    ({ error } = JSON.parse(body) as ErrorBody);
  } catch {
    // A proxy's HTML error page, or an empty body: the status alone has to do.
  }
  return new KefuError(
    codeByStatus[status] ?? 'server',
    typeof error?.message === 'string' ? error.message : `${status} ${statusText}`,
    {
      status,
      serverCode: typeof error?.code === 'string' ? error.code : undefined,
      fields: isStringRecord(error?.fields) ? error.fields : undefined,
      retryAfterMs: parseRetryAfter(retryAfter, nowMs),
      // A failed order lookup's warning that the shopper's next tries will wait.
      ...(Number.isInteger(error?.triesLeft) ? { triesLeft: error?.triesLeft as number } : {}),
    },
  );
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}
