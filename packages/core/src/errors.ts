/**
 * Every failure the core reports carries one of these codes, so the UI can pick a localized
 * message without parsing text. Codes from the server's error body that Kefu does not know are
 * kept as `server` with the original code in `serverCode`.
 */
export type KefuErrorCode =
  | 'network' // the request never reached the server (offline, DNS, connection reset)
  | 'timeout' // no answer within the time limit
  | 'aborted' // the caller cancelled
  | 'not_found'
  | 'validation' // the server rejected the input; see `fields`
  | 'unauthorized'
  | 'conflict'
  | 'rate_limited' // see `retryAfterMs`
  | 'server' // a 5xx, or a 4xx Kefu has no better code for
  | 'storage'; // IndexedDB missing, over quota or disconnected

export interface KefuErrorInit {
  status?: number;
  serverCode?: string;
  fields?: Record<string, string>;
  retryAfterMs?: number;
  triesLeft?: number;
  cause?: unknown;
}

export class KefuError extends Error {
  override readonly name = 'KefuError';
  readonly code: KefuErrorCode;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;
  readonly fields: Readonly<Record<string, string>> | undefined;
  readonly retryAfterMs: number | undefined;
  /**
   * On a failed order lookup, when the shopper is about to be slowed down: tries left before the
   * next one waits (1: warn them; 0: the next try waits).
   */
  readonly triesLeft: number | undefined;

  constructor(code: KefuErrorCode, message: string, init: KefuErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.serverCode = init.serverCode;
    this.fields = init.fields;
    this.retryAfterMs = init.retryAfterMs;
    this.triesLeft = init.triesLeft;
  }

  /** Network errors, timeouts, 408, 429 and 5xx may succeed when tried again; anything else will not. */
  get retryable(): boolean {
    return (
      this.code === 'network' ||
      this.code === 'timeout' ||
      this.code === 'rate_limited' ||
      this.status === 408 ||
      (this.status !== undefined && this.status >= 500)
    );
  }
}

/** Turns anything thrown into a KefuError, so stores never have to guess what they caught. */
export function toKefuError(error: unknown): KefuError {
  if (error instanceof KefuError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new KefuError('aborted', 'The request was cancelled.', { cause: error });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new KefuError('timeout', 'The request took too long.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KefuError('network', message, { cause: error });
}
