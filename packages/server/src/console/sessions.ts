import { randomBytes } from 'node:crypto';
import { sameDigest, sha256 } from '../services/crypto.js';
import type { ServerDeps } from '../deps.js';

export const SESSION_COOKIE = 'kefu_agent';
/** A console left alone this long signs out. */
const IDLE_MS = 12 * 60 * 60 * 1000;
const FAILURE_WINDOW_MS = 60_000;
const MAX_FAILURES = 5;
/** Past this many addresses in the failure log, stale entries are swept; it never holds more than the cap. */
const FAILURE_LOG_SWEEP_AT = 1_000;
export const FAILURE_LOG_CAP = 10_000;

export interface AgentSession {
  readonly id: string;
  /** The name the agent typed at sign-in; shoppers see it when the agent joins. */
  readonly name: string;
  lastSeen: number;
}

export type SignInResult =
  | { readonly ok: true; readonly session: AgentSession }
  | { readonly ok: false; readonly reason: 'wrong_password' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly retryAfterSeconds: number };

export interface ConsoleSessions {
  /** How many addresses have recent failed sign-ins (bounded by FAILURE_LOG_CAP). */
  readonly trackedAddresses: number;
  /** Checks the password (5 failures a minute per address, then a wait) and opens a session. */
  signIn(name: string, password: string, address: string): SignInResult;
  /** The live session a cookie header names, if any; touching it keeps it alive. */
  fromCookieHeader(header: string | undefined): AgentSession | undefined;
  signOut(id: string): void;
  /** Called with a session's id when it ends, so its sockets can be closed. */
  onEnd(listener: (id: string) => void): () => void;
  /** Ends the sessions idle for longer than allowed (their console sockets close with them). */
  sweep(): void;
}

// Sessions live in memory: a restart signs every agent out, which is fine for a reference server.
const registry = new WeakMap<ServerDeps, ConsoleSessions>();

export function consoleSessions(deps: ServerDeps): ConsoleSessions {
  let sessions = registry.get(deps);
  if (!sessions) {
    sessions = createSessions(deps);
    registry.set(deps, sessions);
  }
  return sessions;
}

function createSessions(deps: ServerDeps): ConsoleSessions {
  const byId = new Map<string, AgentSession>();
  const failuresByAddress = new Map<string, number[]>();
  const endListeners = new Set<(id: string) => void>();
  // Comparing digests of equal length keeps the comparison constant-time whatever was typed.
  const expected = sha256(deps.agentPassword);

  function end(id: string): void {
    if (!byId.delete(id)) return;
    for (const listener of [...endListeners]) listener(id);
  }

  function recentFailures(address: string, now: number): number[] {
    const recent = (failuresByAddress.get(address) ?? []).filter((at) => now - at < FAILURE_WINDOW_MS);
    if (recent.length > 0) failuresByAddress.set(address, recent);
    else failuresByAddress.delete(address);
    return recent;
  }

  /**
   * Guessers from many addresses must not grow the failure log without bound: past a size, entries
   * older than the window go, and if a flood still exceeds the cap the oldest addresses go first.
   */
  function forgetOldFailures(now: number): void {
    if (failuresByAddress.size <= FAILURE_LOG_SWEEP_AT) return;
    for (const address of [...failuresByAddress.keys()]) recentFailures(address, now);
    for (const address of failuresByAddress.keys()) {
      if (failuresByAddress.size <= FAILURE_LOG_CAP) break;
      failuresByAddress.delete(address);
    }
  }

  return {
    get trackedAddresses() {
      return failuresByAddress.size;
    },
    signIn(name, password, address) {
      const now = deps.now();
      const failures = recentFailures(address, now);
      if (failures.length >= MAX_FAILURES) {
        const oldest = failures[0] ?? now;
        return {
          ok: false,
          reason: 'rate_limited',
          retryAfterSeconds: Math.max(1, Math.ceil((FAILURE_WINDOW_MS - (now - oldest)) / 1000)),
        };
      }
      if (!sameDigest(sha256(password), expected)) {
        failuresByAddress.set(address, [...failures, now]);
        forgetOldFailures(now);
        return { ok: false, reason: 'wrong_password' };
      }
      for (const [id, session] of byId) if (now - session.lastSeen > IDLE_MS) end(id);
      const session: AgentSession = { id: randomBytes(32).toString('base64url'), name, lastSeen: now };
      byId.set(session.id, session);
      return { ok: true, session };
    },
    fromCookieHeader(header) {
      const id = cookieValue(header, SESSION_COOKIE);
      const session = id === undefined ? undefined : byId.get(id);
      if (!session) return undefined;
      const now = deps.now();
      if (now - session.lastSeen > IDLE_MS) {
        end(session.id);
        return undefined;
      }
      session.lastSeen = now;
      return session;
    },
    signOut: end,
    sweep() {
      const now = deps.now();
      for (const [id, session] of byId) if (now - session.lastSeen > IDLE_MS) end(id);
    },
    onEnd(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
  };
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
