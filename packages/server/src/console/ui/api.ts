/** A failed console API call, with the server's error code (e.g. `rate_limited`). */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** For a 422: the message for each field the server refused, by the field's name in the body. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Calls /agent/api with the session cookie; throws ConsoleApiError for any answer but 2xx. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/agent/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ConsoleApiError(
      response.status,
      data?.error?.code ?? 'server',
      data?.error?.message ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      data?.error?.fields ?? {},
    );
  }
  return data as T;
}

/** Whether retrying the same call later may succeed (no answer, or a server fault). */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ConsoleApiError) || error.status >= 500 || error.status === 429;
}
