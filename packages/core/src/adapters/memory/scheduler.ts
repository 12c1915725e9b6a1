/**
 * The memory backend's sense of time: an injected clock plus an offset that tests move forward,
 * and timers that fire either on their own (so the demo's agent answers in real time) or when a
 * test advances the clock past them (so tests need not wait).
 */
export interface Scheduler {
  now(): number;
  /** Runs `task` after `delayMs` of real or advanced time; returns a function that cancels it. */
  schedule(delayMs: number, task: () => void): () => void;
  /** Moves the clock forward, running every timer that falls due on the way, each at its own time. */
  advanceTime(ms: number): void;
  /** Cancels every pending timer. */
  dispose(): void;
}

interface PendingTimer {
  readonly dueAt: number;
  readonly order: number;
  readonly task: () => void;
  readonly handle: ReturnType<typeof setTimeout>;
}

export function createScheduler(baseNow: () => number = Date.now): Scheduler {
  let offsetMs = 0;
  let created = 0;
  const pending = new Set<PendingTimer>();

  const now = () => baseNow() + offsetMs;

  function run(timer: PendingTimer): void {
    if (!pending.delete(timer)) return;
    clearTimeout(timer.handle);
    timer.task();
  }

  function nextDue(until: number): PendingTimer | undefined {
    let next: PendingTimer | undefined;
    for (const timer of pending) {
      if (timer.dueAt > until) continue;
      if (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.order < next.order)) next = timer;
    }
    return next;
  }

  return {
    now,
    schedule(delayMs, task) {
      const delay = Math.max(0, delayMs);
      const timer: PendingTimer = {
        dueAt: now() + delay,
        order: (created += 1),
        task,
        handle: setTimeout(() => run(timer), delay),
      };
      pending.add(timer);
      return () => {
        pending.delete(timer);
        clearTimeout(timer.handle);
      };
    },
    advanceTime(ms) {
      const target = now() + Math.max(0, ms);
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        // Timers see the clock at their own due time, so a chain (typing, then the reply) keeps its spacing.
        offsetMs += Math.max(0, timer.dueAt - now());
        run(timer);
      }
      offsetMs += Math.max(0, target - now());
    },
    dispose() {
      for (const timer of pending) clearTimeout(timer.handle);
      pending.clear();
    },
  };
}
