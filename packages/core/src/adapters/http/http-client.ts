import { KefuError, type KefuErrorCode, toKefuError } from '../../errors.js';

export interface HttpClientOptions {
  /** Where the Kefu HTTP contract is served, e.g. "https://help.example.com/v1". */
  readonly apiBase: string;
  /** Injected so tests and unusual hosts can supply their own. Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Per-request time limit. */
  readonly timeoutMs?: number;
  /** The clock, for turning an HTTP-date Retry-After into a delay. */
  readonly now?: () => number;
  /** Returns the bearer token to send, if any. Tokens travel in the Authorization header only. */
  readonly getToken?: () => string | undefined;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below apiBase, starting with "/". */
  readonly path: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  /** Sent as Idempotency-Key: the same key makes the server return the first response again. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

export interface HttpClient {
  request<T>(request: HttpRequest): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The one place Kefu talks HTTP: builds URLs, applies time limits and maps failures to KefuError. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function request<T>(req: HttpRequest): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const token = options.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;

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
      // fetch rejects with the signal's reason: tell a timeout from a cancellation from a dead network.
      if (timeout.aborted && !req.signal?.aborted) {
        throw new KefuError('timeout', `No answer from ${req.path} within ${timeoutMs} ms.`, { cause: error });
      }
      throw toKefuError(error);
    }

    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    throw await errorFromResponse(response, now());
  }

  return { request };
}

function buildUrl(apiBase: string, path: string, query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown };
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

async function errorFromResponse(response: Response, nowMs: number): Promise<KefuError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page, or an empty body: the status alone has to do.
  }
  const serverCode = typeof body.error?.code === 'string' ? body.error.code : undefined;
  const message =
    typeof body.error?.message === 'string' ? body.error.message : `${response.status} ${response.statusText}`;
  const fields = isStringRecord(body.error?.fields) ? body.error.fields : undefined;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  const code = codeByStatus[response.status] ?? 'server';
  return new KefuError(code, message, {
    status: response.status,
    ...(serverCode === undefined ? {} : { serverCode }),
    ...(fields === undefined ? {} : { fields }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
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
