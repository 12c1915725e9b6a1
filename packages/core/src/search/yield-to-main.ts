interface Scheduler {
  yield(): Promise<void>;
}

/**
 * Lets the browser handle input and paint before long work goes on. `scheduler.yield()` (Chromium)
 * resumes ahead of other queued tasks; elsewhere a zero-delay timeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
