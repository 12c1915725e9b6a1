/**
 * How many wrong guesses an order lookup allows, shared by the reference server and the memory
 * backend (docs/decisions/0010-order-lookup-limits.md).
 *
 * Failures count per client and order number, never per order number alone: a stranger guessing
 * MM-1003 uses up their own tries, not the owner's. Past its free tries a client is slowed down —
 * each failure doubles the wait before the next try — rather than locked out for a whole window.
 * When one number draws many failures from everywhere (guesses spread over many addresses), every
 * client gets fewer free tries on it, but never none: the owner's first right answer still opens it.
 */
export interface OrderGuessLimits {
  /** Failed tries one client has on one order number before each further try waits. */
  readonly tries: number;
  /** The wait after the last free try; each further failure doubles it, up to `windowMs`. */
  readonly firstWaitMs: number;
  /** How long a failure counts. */
  readonly windowMs: number;
  /** Failures of one order number from all clients inside `windowMs` that put it under pressure. */
  readonly pressure: number;
  /** Free tries per client on a number under pressure. At least 1, so the owner is never locked out. */
  readonly triesUnderPressure: number;
}

export const DEFAULT_ORDER_GUESS_LIMITS: OrderGuessLimits = {
  tries: 5,
  firstWaitMs: 30_000,
  windowMs: 10 * 60_000,
  pressure: 20,
  triesUnderPressure: 2,
};

/** A client's recent failures on one order number, and the number's failures from everyone. */
export interface GuessHistory {
  /** This client's failures on this number inside the window. */
  readonly clientFailures: number;
  /** When this client last failed on it (ms), if it did inside the window. */
  readonly lastClientFailureAt: number | undefined;
  /** Failures on this number from all clients inside the window, this client's included. */
  readonly numberFailures: number;
}

export interface GuessAllowance {
  /** How long the client must wait before its next try (0: it may try now). */
  readonly waitMs: number;
  /** Tries the client has before a try makes it wait (0 once it waits after each one). */
  readonly triesLeft: number;
}

/** Whether a client may try a lookup of one number now, from its history. */
export function guessAllowance(history: GuessHistory, now: number, limits: OrderGuessLimits): GuessAllowance {
  const free = history.numberFailures >= limits.pressure ? Math.max(1, limits.triesUnderPressure) : limits.tries;
  const over = history.clientFailures - free;
  if (over < 0 || history.lastClientFailureAt === undefined) {
    return { waitMs: 0, triesLeft: Math.max(0, -over) };
  }
  const waitMs = Math.min(limits.windowMs, limits.firstWaitMs * 2 ** over);
  return { waitMs: Math.max(0, history.lastClientFailureAt + waitMs - now), triesLeft: 0 };
}

/** Answers to a failed lookup say how many tries are left only from here down: a warning, not a counter. */
export const WARN_AT_TRIES_LEFT = 1;
